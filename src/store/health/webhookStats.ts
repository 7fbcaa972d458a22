import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** What one inbound source delivered in a window. */
export interface WebhookStat {
  source: string;
  received: number;
  /** Refused on arrival (bad signature, unreadable body). */
  refused: number;
  /** The latest message from this source, in the window or before; null when none ever came. */
  lastReceivedAt: number | null;
}

/**
 * Per inbound source (`shopify:<channel>`, `wms:<warehouse>`): messages received since `from` and
 * how many were refused, and the last arrival. `sources` are listed even when silent: a channel
 * that stopped sending is what this is for.
 */
export async function webhookStats(
  db: Kysely<DB>,
  from: number,
  sources: readonly string[],
): Promise<WebhookStat[]> {
  const rows = await db
    .selectFrom('inbox')
    .select([
      'source',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) =>
        eb.fn.sum<number>(eb.case().when('status', '=', 'rejected').then(1).else(0).end()).as('refused'),
      (eb) => eb.fn.max('received_at').as('last'),
    ])
    .where('received_at', '>=', from)
    .groupBy('source')
    .execute();
  const out = new Map<string, WebhookStat>(
    rows.map((r) => [
      r.source,
      {
        source: r.source,
        received: Number(r.n),
        refused: Number(r.refused ?? 0),
        lastReceivedAt: Number(r.last),
      },
    ]),
  );
  for (const source of sources) {
    if (out.has(source)) continue;
    const last = await db
      .selectFrom('inbox')
      .select((eb) => eb.fn.max('received_at').as('last'))
      .where('source', '=', source)
      .executeTakeFirst();
    out.set(source, {
      source,
      received: 0,
      refused: 0,
      lastReceivedAt: last?.last === null || last?.last === undefined ? null : Number(last.last),
    });
  }
  return [...out.values()].sort((a, b) => a.source.localeCompare(b.source));
}
