import { FerryError } from '../../../core/errors.js';
import type { MappingVersion } from '../../../store/orders/index.js';
import type { Store } from '../../../store/index.js';
import type { Approvals, ApprovalView, Person } from './approvals.js';
import { MAPPING_KINDS, type MappingRef, type MappingService } from './mappings.js';

/** A change either took effect (the new current version) or waits for a second person. */
export type ChangeOutcome = MappingVersion | ApprovalView;

export const isHeld = (o: ChangeOutcome): o is ApprovalView => 'mayDecide' in o;

const label = (r: MappingRef): string => `${r.kind}/${r.scope}/${r.key}`;

/**
 * Mapping changes made by people (API, console, CLI): applied at once, or, where the profile asks
 * for four eyes, held as a pending approval naming the version they were asked against.
 */
export class MappingChanges {
  constructor(
    private readonly store: Store,
    private readonly mappings: MappingService,
    private readonly approvals: Approvals,
  ) {}

  /** Sets a value (null removes the mapping); an unchanged value creates no version and holds nothing. */
  async set(
    ref: MappingRef,
    value: string | null,
    by: Person,
    action = 'mapping.set',
  ): Promise<ChangeOutcome> {
    if (!this.approvals.fourEyes.mappings) return this.mappings.set(ref, value, by.actor, action);
    if (!(MAPPING_KINDS as readonly string[]).includes(ref.kind))
      throw new FerryError(
        'bad_request',
        `mapping kind "${ref.kind}": expected one of ${MAPPING_KINDS.join(', ')}`,
      );
    if (value !== null && !value.trim())
      throw new FerryError('bad_request', `mapping ${label(ref)}: empty value`);
    const last = (await this.store.mappings.mappingHistory(ref.kind, ref.scope, ref.key)).at(-1);
    if ((last?.value ?? null) === value) {
      if (!last) throw new FerryError('not_found', `mapping ${label(ref)} does not exist`);
      return last;
    }
    return this.approvals.holdMappings(
      [{ ...ref, value, baseVersion: last?.version ?? null, from: last?.value ?? null, action }],
      by,
    );
  }

  /** Makes the value of `version` current again, as a new version (or holds that change). */
  async rollback(ref: MappingRef, version: number, by: Person): Promise<ChangeOutcome> {
    const target = (await this.mappings.history(ref)).find((v) => v.version === version);
    if (!target) throw new FerryError('not_found', `mapping ${label(ref)} has no version ${version}`);
    return this.set(ref, target.value, by, 'mapping.rollback');
  }
}
