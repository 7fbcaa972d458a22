import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

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
