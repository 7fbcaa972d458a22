import { FerryError } from '../../../core/errors.js';
import type { StoreSession } from '../../../store/index.js';

/** One mapping change to write: the new value (null removes) and the version it was decided against. */
export interface MappingWrite {
  kind: string;
  scope: string;
  key: string;
  value: string | null;
  /** The latest version when the change was decided (null: none); a different one now refuses all. */
  baseVersion: number | null;
  from: string | null;
  /** The audit action: mapping.set, mapping.remove, mapping.rollback, mapping.import. */
  action: string;
}

/**
 * Rows per statement: 7 bound parameters a mapping row and 7 an audit entry, well under SQLite's
 * 32,766 and PostgreSQL's 65,535 per statement.
 */
export const WRITES_PER_STATEMENT = 500;

const label = (c: { kind: string; scope: string; key: string }): string => `${c.kind}/${c.scope}/${c.key}`;

/**
 * Writes mapping changes in the caller's transaction, a chunk per statement, each with its audit
 * entry (`extra` joins the entry's `after`: an import's row, an approval's approver). Refuses, with
 * nothing written, when any mapping moved on from the version its change was decided against.
 */
export async function applyMappingChanges(
  tx: StoreSession,
  changes: readonly (MappingWrite & { extra?: Record<string, unknown> })[],
  by: { actor: string; now: number; what: string; hint: string },
): Promise<void> {
  for (let i = 0; i < changes.length; i += WRITES_PER_STATEMENT) {
    const chunk = changes.slice(i, i + WRITES_PER_STATEMENT);
    await checkBase(tx, chunk, by);
    await tx.mappingSets.appendMappings(
      chunk.map((c) => ({
        kind: c.kind,
        scope: c.scope,
        key: c.key,
        value: c.value,
        version: (c.baseVersion ?? 0) + 1,
      })),
      { actor: by.actor, now: by.now },
    );
    await tx.batches.appendAuditEntries(
      chunk.map((c) => ({
        at: by.now,
        actor: by.actor,
        action: c.action,
        targetKind: 'mapping',
        targetId: label(c),
        before: c.baseVersion === null ? null : { version: c.baseVersion, value: c.from },
        after: { version: (c.baseVersion ?? 0) + 1, value: c.value, ...c.extra },
      })),
    );
  }
}

/** The latest version of each mapping is still the one its change was decided against. */
async function checkBase(
  tx: StoreSession,
  chunk: readonly MappingWrite[],
  by: { what: string; hint: string },
): Promise<void> {
  const byScope = new Map<string, MappingWrite[]>();
  for (const c of chunk) {
    const k = `${c.kind}\u0000${c.scope}`;
    const list = byScope.get(k);
    if (list) list.push(c);
    else byScope.set(k, [c]);
  }
  for (const list of byScope.values()) {
    const { kind, scope } = list[0]!;
    const latest = await tx.mappingSets.latestVersions(
      kind,
      scope,
      list.map((c) => c.key),
    );
    for (const c of list) {
      const now = latest.get(c.key)?.version ?? null;
      if (now !== c.baseVersion)
        throw new FerryError(
          'conflict',
          `${by.what}: ${label(c)} changed since this was asked (version ${c.baseVersion ?? 'none'} then, ${now ?? 'none'} now); ${by.hint}`,
        );
    }
  }
}
