import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** An interchange stored before it is sent; re-sending uses these exact bytes. */
export interface OutboundRow {
  id: number;
  partner: string;
  purpose: string;
  controlNumber: string;
  content: string;
  groups: unknown;
  sentAt: number | null;
}

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

/** Stores an interchange for `purpose`; false when one was already stored (keep the first). */
export async function insertOutbound(
  db: Kysely<DB>,
  o: {
    partner: string;
    purpose: string;
    controlNumber: string;
    content: string;
    groups: unknown;
    now: number;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('x12_outbound')
    .values({
      partner: o.partner,
      purpose: o.purpose,
      control_number: o.controlNumber,
      content: o.content,
      groups: JSON.stringify(o.groups),
      created_at: o.now,
    })
    .onConflict((oc) => oc.columns(['partner', 'purpose']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function markOutboundSent(db: Kysely<DB>, id: number, now: number): Promise<void> {
  await db.updateTable('x12_outbound').set({ sent_at: now }).where('id', '=', id).execute();
}

/** Outbound interchanges of a partner, oldest first (tests and the admin view). */
export async function listOutbound(db: Kysely<DB>, partner: string): Promise<OutboundRow[]> {
  const rows = await db
    .selectFrom('x12_outbound')
    .select('purpose')
    .where('partner', '=', partner)
    .orderBy('id')
    .execute();
  const out: OutboundRow[] = [];
  for (const r of rows) {
    const row = await getOutbound(db, partner, r.purpose);
    if (row) out.push(row);
  }
  return out;
}
