import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Approval } from '../../api/types.js';
import { ErrorNote } from '../../components/bits.js';
import { RejectForm } from './RejectForm.js';

export type Result =
  | { id: number; ok: true; approval: Approval }
  | { id: number; ok: false; error: { code: string; message: string } };

/**
 * Approve or reject the selected held changes at once. The server decides each on its own, under
 * the same four-eyes rules as one at a time, and says for each whether it was decided and if not why:
 * `onDone` gets those answers, for the list to keep showing (this panel may go once too few
 * changes are left to decide several).
 */
export function BulkDecide({
  ids,
  all,
  select,
  onDone,
}: {
  ids: readonly number[];
  all: readonly number[];
  select: (ids: readonly number[]) => void;
  onDone: (what: string, results: readonly Result[]) => void;
}) {
  const client = useQueryClient();
  const decide = useMutation({
    mutationFn: (v: { decision: 'approve' | 'reject'; reason?: string; done?: () => void }) =>
      api<{ results: Result[] }>('POST', '/approvals/decide', {
        ids,
        decision: v.decision,
        ...(v.reason !== undefined ? { reason: v.reason } : {}),
      }),
    onSuccess: async (r, v) => {
      const done = r.results.filter((x) => x.ok).length;
      v.done?.();
      onDone(
        `${done} of ${r.results.length} change${r.results.length === 1 ? '' : 's'} ${v.decision === 'approve' ? 'approved' : 'rejected'}.`,
        r.results,
      );
      await client.invalidateQueries();
    },
  });
  const n = ids.length;
  return (
    <div className="bulk" role="group" aria-label="Decide several">
      <label className="check">
        <input
          type="checkbox"
          checked={n > 0 && n === all.length}
          onChange={(e) => select(e.target.checked ? all : [])}
        />{' '}
        Select all {all.length} you may decide
      </label>
      <span>{n} selected</span>
      <button
        type="button"
        className="primary"
        disabled={n === 0 || decide.isPending}
        onClick={() => decide.mutate({ decision: 'approve' })}
      >
        Approve {n} selected
      </button>
      <RejectForm
        openLabel={`Reject ${n} selected…`}
        submitLabel={`Reject ${n}`}
        reasonLabel="Reason for rejecting them"
        disabled={n === 0}
        busy={decide.isPending}
        onReject={(reason, done) => decide.mutate({ decision: 'reject', reason, done })}
      />
      <ErrorNote error={decide.error} />
    </div>
  );
}

/** The changes a decision of several left undecided, and why: kept by the list, not the panel. */
export function NotDecided({ results }: { results: readonly Result[] }) {
  const not = results.filter((r) => !r.ok);
  if (not.length === 0) return null;
  return (
    <ul aria-label="Not decided">
      {not.map((r) => (
        <li key={r.id}>
          Change {r.id}: {r.ok ? '' : r.error.message}
        </li>
      ))}
    </ul>
  );
}
