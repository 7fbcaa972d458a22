import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { OutboundRow } from './outboundRows.js';

/** The interchange stored for `purpose` (`release:<ref>`, `ack:<inboxId>`), or null. */
export async function getOutbound(
  db: Kysely<DB>,
  partner: string,
  purpose: string,
): Promise<OutboundRow | null> {
  const r = await db
    .selectFrom('x12_outbound')
    .selectAll()
    .where('partner', '=', partner)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: Number(r.id),
    partner: r.partner,
    purpose: r.purpose,
    controlNumber: r.control_number,
    content: r.content,
    groups: JSON.parse(r.groups) as unknown,
    sentAt: r.sent_at === null ? null : Number(r.sent_at),
  };
}
