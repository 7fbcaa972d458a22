/**
 * The console's partners screen: per partner connection its health and breaker, its rate-limit
 * bucket, the webhooks it sends, a connection test on demand (audited), and mapping completeness:
 * which SKUs, taxes, carriers and other codes are used but unmapped right now, with the fix and whether the
 * caller's role may make it inline.
 */
import type { Clock } from '../../../core/clock.js';
import { FerryError, Impact } from '../../../core/errors.js';
import type { PartnerGuard, PartnerStatus } from '../../../engine/index.js';
import type { Store } from '../../../store/index.js';
import type { MappingGapRow } from '../../../store/health/index.js';
import { FINANCE_MAPPING_KINDS, OPS_MAPPING_KINDS, Permission, can, type Role } from '../../auth/index.js';
import type { Figure } from './overview.js';

/** One check of a connection test. */
export interface ConnectionCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** What a connection test found; `message` is one line for a person. */
export interface ConnectionResult {
  ok: boolean;
  message: string;
  checks: ConnectionCheck[];
}

/** Runs one partner's connection test: a real, harmless call (a login, a shop's name). */
export type ConnectionTest = () => Promise<ConnectionResult>;

/** Something used but unmapped, and how to fix it. */
export interface MappingGap {
  kind: string;
  scope: string;
  key: string;
  /** The open exceptions waiting on it. */
  exceptions: Figure;
  /**
   * Whether work waits on it. An unmapped carrier holds nothing back (the tracking went out with
   * the warehouse's code): its exceptions are `info`, there to be fixed for the shipments that follow.
   */
  blocking: boolean;
  fix: string;
  /** Where the fix goes: a mapping (Mappings screen, inline) or Ferry's configuration file. */
  where: 'mapping' | 'configuration';
  /**
   * Whether the fix is a mapping the caller's role may save inline (PUT /api/mappings/...); false
   * for a fix in the configuration, or a kind the role may not change.
   */
  fixable: boolean;
}

/** A rate-limit bucket: what may go now, its size, and how fast it refills. */
export interface RateBucket {
  /** `calls` (Ferry's own pacing of the partner), `query cost` (Shopify's points) … */
  name: string;
  available: number;
  capacity: number;
  perSecond: number;
}

/** A partner's own buckets, read as its client last saw them (Shopify's query-cost bucket). */
export type PartnerBuckets = () => ReadonlyMap<string, () => RateBucket | undefined>;

export interface PartnerDetail extends PartnerStatus {
  /** Ferry's call bucket first, then the partner's own as last seen (absent before its first answer). */
  buckets: RateBucket[];
  /** Webhooks from this partner in the last hour; null for a partner that sends none. */
  webhook: { lastReceivedAt: number | null; received: Figure; refused: Figure } | null;
  /** Whether a connection test is available for it. */
  testable: boolean;
  unmapped: MappingGap[];
}

/** Most open mapping exceptions read for the completeness list; past it the list says so. */
const GAP_SCAN = 5000;
const MAPPING_TABLE_KINDS = new Set(['sku', 'tax', 'carrier', 'location', 'customer', 'rule']);

function mayWriteKind(role: Role, kind: string): boolean {
  if (!MAPPING_TABLE_KINDS.has(kind)) return false;
  if (can(role, Permission.mappingsWrite)) return true;
  return (
    (can(role, Permission.mappingsWriteFinance) && FINANCE_MAPPING_KINDS.includes(kind)) ||
    (can(role, Permission.mappingsWriteOps) && OPS_MAPPING_KINDS.includes(kind))
  );
}

/** The gap an exception names: the mapping its message asks for, else the configuration entry. */
function gapsOf(
  e: MappingGapRow,
): { kind: string; scope: string; key: string; fix: string; table: boolean }[] {
  const asked = /ferry mappings set (\S+) (\S+) (\S+) </.exec(e.message);
  if (asked) {
    const [, kind, scope, key] = asked as unknown as [string, string, string, string];
    const keys = new Set([
      key,
      ...String(e.entities.sku ?? '')
        .split(',')
        .filter(Boolean),
    ]);
    return [...keys].map((k) => ({
      kind,
      scope,
      key: k,
      fix:
        kind === 'carrier'
          ? `map carrier ${k} of ${scope} (or of * for every warehouse) to the carrier name the channel and Odoo show; the shipments that follow use it, and a replay closes what was recorded`
          : `map ${kind} ${k} of ${scope} to its Odoo value, then replay`,
      table: true,
    }));
  }
  if (e.entities.tax !== undefined)
    return [
      {
        kind: 'tax',
        scope: `company ${e.entities.company ?? ''}`.trim(),
        key: `${e.entities.tax} ${e.entities.rate ?? ''}`.trim(),
        fix: 'add the tax to odoo.taxes in the configuration, then replay',
        table: false,
      },
    ];
  if (e.entities.paymentTerms !== undefined)
    return [
      {
        kind: 'payment-terms',
        scope: 'odoo',
        key: String(e.entities.paymentTerms),
        fix: 'add the payment terms to odoo.paymentTerms in the configuration, then replay',
        table: false,
      },
    ];
  if (e.entities.kind !== undefined && e.entities.line !== undefined)
    return [
      {
        kind: 'line-product',
        scope: 'odoo',
        key: String(e.entities.kind),
        fix: `set odoo.lineProducts.${e.entities.kind} in the configuration, then replay`,
        table: false,
      },
    ];
  if (e.entities.warehouse !== undefined && e.entities.item !== undefined)
    return [
      {
        kind: 'sku',
        scope: String(e.entities.warehouse),
        key: String(e.entities.item),
        fix: `make the sku mappings of ${e.entities.warehouse} one to one for item ${e.entities.item}, then replay`,
        table: true,
      },
    ];
  return [];
}

export class PartnerDetails {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly guards: () => readonly PartnerGuard[],
    private readonly tests: () => ReadonlyMap<string, ConnectionTest>,
    private readonly partnerBuckets: PartnerBuckets = () => new Map(),
  ) {}

  /** Mapping completeness for a role: every gap, the exceptions waiting on it, and who may fix it. */
  async unmapped(role: Role): Promise<{ gaps: MappingGap[]; truncated: boolean }> {
    const rows = await this.store.health.mappingGaps(GAP_SCAN);
    const by = new Map<string, MappingGap & { ids: number[] }>();
    for (const e of rows)
      for (const g of gapsOf(e)) {
        const k = `${g.kind}\u0000${g.scope}\u0000${g.key}`;
        const had = by.get(k);
        if (had) {
          had.ids.push(e.id);
          had.exceptions.value++;
          had.blocking ||= e.impact !== Impact.info;
          continue;
        }
        by.set(k, {
          kind: g.kind,
          scope: g.scope,
          key: g.key,
          exceptions: {
            value: 1,
            href: `/console/exceptions?status=open&code=mapping_missing&q=${encodeURIComponent(g.key)}`,
          },
          blocking: e.impact !== Impact.info,
          fix: g.fix,
          where: g.table ? 'mapping' : 'configuration',
          fixable: g.table && mayWriteKind(role, g.kind),
          ids: [e.id],
        });
      }
    const gaps = [...by.values()]
      .sort((a, b) => b.exceptions.value - a.exceptions.value || a.key.localeCompare(b.key))
      .map(({ ids: _ids, ...g }) => g);
    return { gaps, truncated: rows.length === GAP_SCAN };
  }

  /** Every partner connection of this process with its detail and the gaps in its scope. */
  async list(role: Role): Promise<{ partners: PartnerDetail[]; unmapped: MappingGap[]; truncated: boolean }> {
    const from = this.clock.now() - 3_600_000;
    const guards = this.guards();
    const tests = this.tests();
    const sources = guards.map((g) => g.name).filter((n) => n.startsWith('shopify:'));
    const [hooks, { gaps, truncated }] = await Promise.all([
      this.store.health.webhookStats(from, sources),
      this.unmapped(role),
    ]);
    const hookBy = new Map(hooks.map((h) => [h.source, h]));
    const own = this.partnerBuckets();
    const partners = guards.map((g): PartnerDetail => {
      const st = g.status();
      const h = hookBy.get(g.name);
      const scope = g.name.startsWith('shopify:') ? g.name.slice('shopify:'.length) : null;
      return {
        ...st,
        buckets: [
          {
            name: 'calls',
            available: g.headroom(),
            capacity: g.limits().capacity,
            perSecond: g.limits().ratePerSec,
          },
          ...[own.get(g.name)?.()].filter((b): b is RateBucket => b !== undefined),
        ],
        webhook: h
          ? {
              lastReceivedAt: h.lastReceivedAt,
              received: { value: h.received, href: `/api/inbox?source=${encodeURIComponent(g.name)}` },
              refused: {
                value: h.refused,
                href: `/api/inbox?source=${encodeURIComponent(g.name)}&status=rejected`,
              },
            }
          : null,
        testable: tests.has(g.name),
        // A channel's SKUs are mapped in its own scope; what Odoo's configuration lacks is Odoo's.
        unmapped:
          scope !== null
            ? gaps.filter((x) => x.scope === scope)
            : g.name === 'odoo'
              ? gaps.filter((x) => x.where === 'configuration')
              : [],
      };
    });
    return { partners, unmapped: gaps, truncated };
  }

  /** Runs a partner's connection test now and records who ran it and what it found. */
  async test(name: string, actor: string): Promise<ConnectionResult & { partner: string; at: number }> {
    const run = this.tests().get(name);
    if (!run) {
      const known = [...this.tests().keys()];
      throw new FerryError(
        'not_found',
        `no connection test for "${name}"${known.length ? `; partners: ${known.join(', ')}` : ''}`,
      );
    }
    const at = this.clock.now();
    let result: ConnectionResult;
    try {
      result = await run();
    } catch (e) {
      // A test that throws is a failed test, said in words; the message never carries a secret
      // (partner errors are classified without credentials at the boundary).
      const message = e instanceof Error ? e.message : String(e);
      result = { ok: false, message, checks: [{ name: 'call', ok: false, detail: message }] };
    }
    await this.store.audit.appendAudit({
      actor,
      action: 'partner.test',
      targetKind: 'partner',
      targetId: name,
      at,
      before: null,
      after: { ok: result.ok, message: result.message },
    });
    return { partner: name, at, ...result };
  }
}
