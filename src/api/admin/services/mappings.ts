import type { Clock } from '../../../core/clock.js';
import { FerryError } from '../../../core/errors.js';
import type { Store } from '../../../store/index.js';
import { type MappingVersion } from '../../../store/orders/index.js';
import { withAudit } from '../../../ops/audit/index.js';

/** What can be mapped: SKUs, tax codes, carriers, warehouse locations, customers, and rules. */
export const MAPPING_KINDS = ['sku', 'tax', 'carrier', 'location', 'customer', 'rule'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

export interface MappingRef {
  kind: string;
  scope: string;
  key: string;
}

export interface MappingDiff {
  from: { version: number; value: string | null };
  to: { version: number; value: string | null };
  /** Field-level changes when both values are JSON objects; one `(value)` change otherwise. */
  changes: { path: string; from: unknown; to: unknown }[];
}

function checkKind(kind: string): asserts kind is MappingKind {
  if (!(MAPPING_KINDS as readonly string[]).includes(kind))
    throw new FerryError(
      'bad_request',
      `mapping kind "${kind}": expected one of ${MAPPING_KINDS.join(', ')}`,
    );
}

const label = (r: MappingRef): string => `${r.kind}/${r.scope}/${r.key}`;

/**
 * Versioned mappings and rules: every change appends a version (nothing is overwritten), so a
 * processed record can name the version it used, and a roll-back is a new version with an old value.
 */
export class MappingService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * The current mappings of a kind in a scope; with `changedSince` (epoch ms), the newest version
   * of each one changed after it, removals included (value null), for polling.
   */
  async list(kind: string, scope: string, changedSince?: number): Promise<MappingVersion[]> {
    checkKind(kind);
    if (changedSince !== undefined) return this.store.mappings.changedMappings(kind, scope, changedSince);
    return [...(await this.store.mappings.currentMappings(kind, scope)).values()];
  }

  async history(ref: MappingRef): Promise<MappingVersion[]> {
    checkKind(ref.kind);
    const h = await this.store.mappings.mappingHistory(ref.kind, ref.scope, ref.key);
    if (h.length === 0) throw new FerryError('not_found', `mapping ${label(ref)} has no versions`);
    return h;
  }

  /** Sets a value (null removes the mapping); an unchanged value creates no version. */
  async set(
    ref: MappingRef,
    value: string | null,
    actor: string,
    action = 'mapping.set',
  ): Promise<MappingVersion> {
    checkKind(ref.kind);
    if (value !== null && !value.trim())
      throw new FerryError('bad_request', `mapping ${label(ref)}: empty value`);
    const changed = await withAudit(
      this.store,
      { actor, action, targetKind: 'mapping', targetId: label(ref) },
      this.clock.now(),
      async (tx) => {
        const h = await tx.mappings.mappingHistory(ref.kind, ref.scope, ref.key);
        const last = h.at(-1);
        if ((last?.value ?? null) === value) return null;
        const next = await tx.mappings.appendMapping({ ...ref, value, actor, now: this.clock.now() });
        return {
          before: last ? { version: last.version, value: last.value } : null,
          after: { version: next.version, value: next.value },
          result: next,
        };
      },
    );
    if (changed) return changed;
    const h = await this.store.mappings.mappingHistory(ref.kind, ref.scope, ref.key);
    if (h.length === 0) throw new FerryError('not_found', `mapping ${label(ref)} does not exist`);
    return h.at(-1)!;
  }

  /** Makes the value of `version` current again, as a new version. */
  async rollback(ref: MappingRef, version: number, actor: string): Promise<MappingVersion> {
    const target = (await this.history(ref)).find((v) => v.version === version);
    if (!target) throw new FerryError('not_found', `mapping ${label(ref)} has no version ${version}`);
    return this.set(ref, target.value, actor, 'mapping.rollback');
  }

  async diff(ref: MappingRef, from: number, to: number): Promise<MappingDiff> {
    const h = await this.history(ref);
    const pick = (v: number): MappingVersion => {
      const found = h.find((x) => x.version === v);
      if (!found) throw new FerryError('not_found', `mapping ${label(ref)} has no version ${v}`);
      return found;
    };
    const a = pick(from);
    const b = pick(to);
    return {
      from: { version: a.version, value: a.value },
      to: { version: b.version, value: b.value },
      changes: diffValues(a.value, b.value),
    };
  }
}

function parseObject(v: string | null): Record<string, unknown> | null {
  if (v === null) return null;
  try {
    const o: unknown = JSON.parse(v);
    return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function diffValues(a: string | null, b: string | null): MappingDiff['changes'] {
  const oa = parseObject(a);
  const ob = parseObject(b);
  if (!oa || !ob) return a === b ? [] : [{ path: '(value)', from: a, to: b }];
  const keys = [...new Set([...Object.keys(oa), ...Object.keys(ob)])].sort();
  return keys
    .filter((k) => JSON.stringify(oa[k]) !== JSON.stringify(ob[k]))
    .map((k) => ({ path: k, from: oa[k] ?? null, to: ob[k] ?? null }));
}
