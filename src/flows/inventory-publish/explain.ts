/**
 * "Why did the channel show 7?" answered from the record of what was published, in a separate
 * process (the CLI) that holds no engine: the inputs stored with each value are the explanation.
 */
import type { AtpExplanation } from '../../core/inventory/index.js';
import type { StoreSession } from '../../store/index.js';
import type { PublicationRecord } from '../../store/inventory/index.js';

/** The latest value published for a SKU on a channel, and the ones before it. */
export interface PublishedExplanation {
  sku: string;
  channel: string;
  /** The latest publication, or `null` if the channel was never told about the SKU. */
  latest: PublicationRecord | null;
  /** Older publications, newest first. */
  history: PublicationRecord[];
}

/** Reads the record of what a channel was told about a SKU (the latest `limit`, default 5). */
export async function explainPublished(
  store: Pick<StoreSession, 'inventory'>,
  sku: string,
  channel: string,
  limit = 5,
): Promise<PublishedExplanation> {
  const rows = await store.inventory.listPublications({ channel, sku, limit });
  return { sku, channel, latest: rows[0] ?? null, history: rows.slice(1) };
}

type Inputs = Omit<AtpExplanation, 'published'>;

function ruleText(e: Inputs): string {
  const parts = [`percent ${e.rule.percent}%`];
  if (e.rule.maxUnits !== null) parts.push(`max ${e.rule.maxUnits}`);
  if (e.rule.zeroBelowUnits > 0) parts.push(`zero below ${e.rule.zeroBelowUnits}`);
  return `${parts.join(', ')} (from ${e.rule.layers.join(' < ') || 'defaults'})`;
}

/** Lines a person reads: each location's contribution, the pool, buffer, rule and deciding step. */
export function describeExplanation(p: PublicationRecord): string[] {
  const e = p.inputs as Inputs;
  const lines = [
    `${p.channel} was told ${p.value} for ${p.sku} at ${new Date(p.publishedAt).toISOString()} ` +
      `(rule version ${p.ruleVersion}; it showed ${p.changeFrom ?? 'unknown'} before; key ${p.idempotencyKey})`,
  ];
  for (const l of e.locations) {
    lines.push(
      `  ${l.location} [${l.owner}]: on hand ${l.onHand} − reserved ${l.reserved} − in flight ${l.inFlight} = ${l.net}` +
        ` (as of ${l.asOf ?? 'never received'})`,
    );
  }
  if (e.inFlightUnlocated) lines.push(`  in flight, location not yet known: −${e.inFlightUnlocated}`);
  lines.push(`  pool ${e.pool} − buffer ${e.bufferUnits} = ${e.buffered}`);
  lines.push(`  rule: ${ruleText(e)}${e.category ? `; category ${e.category}` : ''}`);
  lines.push(`  decided by: ${e.decidedBy} → ${e.value}`);
  return lines;
}
