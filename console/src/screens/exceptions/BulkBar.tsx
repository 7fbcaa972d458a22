import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Batch } from '../../api/types.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorNote, Progress } from '../../components/bits.js';
import { apiFilter, describeFilter, type Filters } from './filters.js';

type Action = 'replay' | 'skip';
type Scope = { kind: 'ids'; ids: number[] } | { kind: 'filter'; total: number };

/**
 * Bulk actions: on the selected rows, or on every exception matching the filter (a server-side
 * batch, so thousands do not ride on this page staying open). The confirmation names the filter
 * and asks a reason, which the audit trail keeps.
 */
export function BulkBar({
  filters,
  selected,
  total,
  onDone,
}: {
  filters: Filters;
  selected: number[];
  total: number;
  onDone: () => void;
}) {
  const [ask, setAsk] = useState<{ action: Action; scope: Scope } | null>(null);
  const [batchId, setBatchId] = useState<string | null>(null);
  return (
    <section className="bulk" aria-label="Bulk actions">
      <span>{selected.length ? `${selected.length} selected` : 'Select rows, or act on all matching'}</span>
      <button
        type="button"
        disabled={!selected.length}
        onClick={() => setAsk({ action: 'replay', scope: { kind: 'ids', ids: selected } })}
      >
        Replay selected
      </button>
      <button
        type="button"
        disabled={!selected.length}
        onClick={() => setAsk({ action: 'skip', scope: { kind: 'ids', ids: selected } })}
      >
        Skip selected
      </button>
      <button
        type="button"
        disabled={!total}
        onClick={() => setAsk({ action: 'replay', scope: { kind: 'filter', total } })}
      >
        Replay all {total} matching
      </button>
      {ask && (
        <Confirm
          filters={filters}
          {...ask}
          onClose={() => setAsk(null)}
          onStarted={(id) => {
            setAsk(null);
            setBatchId(id);
            onDone();
          }}
        />
      )}
      {batchId && <BatchProgress id={batchId} onClose={() => setBatchId(null)} />}
    </section>
  );
}

function Confirm({
  action,
  scope,
  filters,
  onClose,
  onStarted,
}: {
  action: Action;
  scope: Scope;
  filters: Filters;
  onClose: () => void;
  onStarted: (batchId: string) => void;
}) {
  const [reason, setReason] = useState('');
  const start = useMutation({
    mutationFn: () =>
      api<{ batchId: string | number; total: number }>('POST', '/exceptions/bulk', {
        action,
        reason,
        ...(scope.kind === 'ids' ? { ids: scope.ids } : { filter: apiFilter(filters) }),
      }),
    onSuccess: (r) => onStarted(String(r.batchId)),
  });
  const count = scope.kind === 'ids' ? scope.ids.length : scope.total;
  const verb = action === 'replay' ? 'Replay' : 'Skip';
  return (
    <Dialog open title={`${verb} ${count} exception${count === 1 ? '' : 's'}?`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        {scope.kind === 'filter' ? (
          <>
            <p>Every open exception matching this filter, as the server finds them when the batch runs:</p>
            <ul className="filter-summary">
              {describeFilter(filters).map((d) => (
                <li key={d}>
                  <code>{d}</code>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>The selected exceptions: {scope.ids.join(', ')}.</p>
        )}
        <label className="block">
          Reason (kept in the audit log)
          <textarea required value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        </label>
        <ErrorNote error={start.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={!reason.trim() || start.isPending}>
            {verb} {count}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A running batch's progress, polled until it finishes; the list refreshes when it does. */
function BatchProgress({ id, onClose }: { id: string; onClose: () => void }) {
  const client = useQueryClient();
  const batch = useQuery({
    queryKey: ['batch', id],
    queryFn: () => api<Batch>('GET', `/batches/${id}`),
    refetchInterval: (q) =>
      q.state.data && q.state.data.status !== 'running' && q.state.data.status !== 'queued' ? false : 500,
  });
  const b = batch.data;
  const finished = b !== undefined && b.status !== 'running' && b.status !== 'queued';
  useEffect(() => {
    if (finished)
      void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/exceptions') });
  }, [finished, client]);
  return (
    <div className="batch" role="status" aria-live="polite">
      {b ? (
        <>
          <Progress label={`Batch ${id}`} done={b.done} total={b.total} failed={b.failed} />
          <span className="batch-status">
            Batch {id}: {b.status}
          </span>
        </>
      ) : (
        <span>Batch {id} started…</span>
      )}
      <ErrorNote error={batch.error} />
      {(b?.failures?.length ?? 0) > 0 && (
        <details>
          <summary>{b!.failures!.length} not done</summary>
          <ul>
            {b!.failures!.map((f) => (
              <li key={f.id}>
                #{f.id}: {f.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {finished && (
        <button type="button" onClick={onClose}>
          Dismiss
        </button>
      )}
    </div>
  );
}
