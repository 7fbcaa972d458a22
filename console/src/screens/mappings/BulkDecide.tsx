import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Approval } from '../../api/types.js';
import { ErrorNote } from '../../components/bits.js';

type Result =
  | { id: number; ok: true; approval: Approval }
  | { id: number; ok: false; error: { code: string; message: string } };

/**
 * Approve or reject the selected held changes at once. The server decides each on its own, under
 * the same four-eyes rules as one at a time, and says for each whether it was decided and if not why.
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
  onDone: (what: string) => void;
}) {
  const client = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [results, setResults] = useState<Result[]>([]);
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      api<{ results: Result[] }>('POST', '/approvals/decide', {
        ids,
        decision,
        ...(decision === 'reject' ? { reason } : {}),
      }),
    onSuccess: async (r, decision) => {
      const done = r.results.filter((x) => x.ok).length;
      setResults(r.results.filter((x) => !x.ok));
      setRejecting(false);
      setReason('');
      onDone(
        `${done} of ${r.results.length} change${r.results.length === 1 ? '' : 's'} ${decision === 'approve' ? 'approved' : 'rejected'}.`,
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
        onClick={() => decide.mutate('approve')}
      >
        Approve {n} selected
      </button>
      {!rejecting ? (
        <button type="button" disabled={n === 0} onClick={() => setRejecting(true)}>
          Reject {n} selected…
        </button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            decide.mutate('reject');
          }}
        >
          <label>
            Reason for rejecting them{' '}
            <input required value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>{' '}
          <button type="submit" disabled={n === 0 || !reason.trim() || decide.isPending}>
            Reject {n}
          </button>
        </form>
      )}
      {results.length > 0 && (
        <ul aria-label="Not decided">
          {results.map((r) => (
            <li key={r.id}>
              Change {r.id}: {r.ok ? '' : r.error.message}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={decide.error} />
    </div>
  );
}
