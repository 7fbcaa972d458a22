import type { Selectable } from 'kysely';
import type { ApprovalsTable } from '../schema.js';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

/** A held change as stored: what it would apply, who asked, and the decision once there is one. */
export interface ApprovalRow {
  id: number;
  kind: string;
  target: string;
  /** The change exactly as it will be applied on approval (parsed from its JSON). */
  change: unknown;
  status: ApprovalStatus;
  requestedBy: string;
  requestedUserId: number | null;
  requestedAt: number;
  decidedBy: string | null;
  decidedUserId: number | null;
  decidedAt: number | null;
  reason: string | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function toApproval(r: Selectable<ApprovalsTable>): ApprovalRow {
  return {
    id: Number(r.id),
    kind: r.kind,
    target: r.target,
    change: JSON.parse(r.change_json) as unknown,
    status: r.status as ApprovalStatus,
    requestedBy: r.requested_by,
    requestedUserId: num(r.requested_user_id),
    requestedAt: Number(r.requested_at),
    decidedBy: r.decided_by,
    decidedUserId: num(r.decided_user_id),
    decidedAt: num(r.decided_at),
    reason: r.reason,
  };
}
