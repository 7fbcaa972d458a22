import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { PublicationInput } from './recordPublications.js';

/** A recorded publication: what was published, with its row id. */
export interface PublicationRecord extends PublicationInput {
  id: number;
}

/** Publications of one SKU on one channel, newest first (default the last 10). */
export async function listPublications(
  db: Kysely<DB>,
  q: { channel: string; sku: string; limit?: number },
): Promise<PublicationRecord[]> {
  const rows = await db
    .selectFrom('inventory_publications')
    .selectAll()
    .where('channel', '=', q.channel)
    .where('sku', '=', q.sku)
    .orderBy('id', 'desc')
    .limit(q.limit ?? 10)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    channel: r.channel,
    sku: r.sku,
    value: Number(r.value),
    changeFrom: r.change_from === null ? null : Number(r.change_from),
    ruleVersion: r.rule_version,
    inputs: JSON.parse(r.inputs) as unknown,
    idempotencyKey: r.idempotency_key,
    publishedAt: Number(r.published_at),
  }));
}
