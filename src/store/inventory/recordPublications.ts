import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { EventType } from '../../core/events/index.js';
import { appendEvent } from '../events/appendEvent.js';

/** One value a channel accepted, with what produced it. */
export interface PublicationInput {
  channel: string;
  sku: string;
  /** Units the channel now shows. */
  value: number;
  /** The compare-and-set expectation sent with it (`null`: the compare was skipped). */
  changeFrom: number | null;
  ruleVersion: string;
  /** The explanation the value came from; stored as JSON. */
  inputs: unknown;
  idempotencyKey: string;
  publishedAt: number;
}

/**
 * 9 columns a row: 400 rows keep one insert far below SQLite's 32,766 bound parameters and
 * PostgreSQL's 65,535, while a cold publish of 800,000 values still takes only 2,000 statements.
 */
const ROWS_PER_INSERT = 400;

/**
 * Appends publications and moves each channel's last published value. Run in one transaction so
 * the history and the value reloaded at start never disagree.
 */
export async function recordPublications(db: Kysely<DB>, rows: readonly PublicationInput[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const inserted = await db
      .insertInto('inventory_publications')
      .values(
        chunk.map((r) => ({
          channel: r.channel,
          sku: r.sku,
          value: r.value,
          change_from: r.changeFrom,
          rule_version: r.ruleVersion,
          inputs: JSON.stringify(r.inputs),
          idempotency_key: r.idempotencyKey,
          published_at: r.publishedAt,
        })),
      )
      .returning(['id', 'channel', 'sku', 'value', 'published_at'])
      .execute();
    await upsertPublished(db, inserted);
    await publishInventoryEvents(db, inserted);
  }
}

/** One `inventory.published` event per channel and insert chunk (at most 400 values), not per SKU. */
async function publishInventoryEvents(
  db: Kysely<DB>,
  rows: { channel: string; sku: string; value: number; published_at: number }[],
): Promise<void> {
  const byChannel = new Map<string, typeof rows>();
  for (const r of rows) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r]);
  for (const [channel, list] of byChannel) {
    const at = Math.max(...list.map((r) => Number(r.published_at)));
    await appendEvent(db, {
      type: EventType.inventoryPublished,
      subject: `inventory/${channel}`,
      now: at,
      data: {
        channel,
        publications: list.map((r) => ({
          sku: r.sku,
          available: Number(r.value),
          publishedAt: new Date(Number(r.published_at)).toISOString(),
        })),
      },
    });
  }
}

async function upsertPublished(
  db: Kysely<DB>,
  rows: { id: number; channel: string; sku: string; value: number; published_at: number }[],
): Promise<void> {
  // A batch may name one SKU twice (a stale retry); the last one is what the channel shows.
  const last = new Map<string, (typeof rows)[number]>();
  for (const r of rows) last.set(`${r.channel}\u0000${r.sku}`, r);
  const values = [...last.values()].map((r) => ({
    channel: r.channel,
    sku: r.sku,
    value: r.value,
    publication_id: Number(r.id),
    updated_at: Number(r.published_at),
  }));
  if (values.length === 0) return;
  await db
    .insertInto('inventory_published')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['channel', 'sku']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        publication_id: eb.ref('excluded.publication_id'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
