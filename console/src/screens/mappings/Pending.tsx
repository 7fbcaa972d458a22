import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, qs } from '../../api/client.js';
import { useGet } from '../../api/hooks.js';
import type { Approval, HeldMappingChange } from '../../api/types.js';
import { ErrorNote, Loading } from '../../components/bits.js';
import { DiffView } from '../../components/Json.js';
import { BulkDecide, NotDecided, type Result } from './BulkDecide.js';
import { RejectForm } from './RejectForm.js';
import { Time } from '../../prefs.js';

/** Every screen showing approvals reads this one list, so a decision made on one refreshes all. */
export const approvalsPath = (kind?: string, status?: string): string => `/approvals${qs({ kind, status })}`;

/**
 * Changes waiting for a second person (four-eyes), oldest first, with Approve and Reject for a
 * user the server says may decide them; for the others, why not (their own change, their role).
 * The server enforces the same rule: the buttons are only where a decision can succeed.
 */
export function PendingApprovals({
  kind,
  status,
  title,
}: {
  kind?: 'mappings' | 'edit-replay';
  /** Decided ones instead, newest first. */
  status?: 'approved' | 'rejected';
  title: string;
}) {
  const list = useGet<Approval[]>(approvalsPath(kind, status), { refetchMs: 10_000 });
  const [said, setSaid] = useState('');
  // The last decision of several: kept here, as the panel goes when too few are left to decide.
  const [results, setResults] = useState<readonly Result[]>([]);
  const say = (what: string) => {
    setSaid(what);
    setResults([]);
  };
  // Several at once: only the pending ones this person may decide can be selected.
  const decidable = (list.data ?? []).filter((a) => a.status === 'pending' && a.mayDecide);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const selected = decidable.filter((a) => picked.has(a.id)).map((a) => a.id);
  const toggle = (id: number, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <section aria-labelledby="pending" className="card">
      <h2 id="pending">{title}</h2>
      <ErrorNote error={list.error} />
      {list.isPending && <Loading what="pending changes" />}
      {list.data?.length === 0 && (
        <p className="quiet">{status ? `No ${status} changes yet.` : 'Nothing waits for approval.'}</p>
      )}
      <p role="status" aria-live="polite">
        {said}
      </p>
      {decidable.length > 1 && (
        <BulkDecide
          ids={selected}
          all={decidable.map((a) => a.id)}
          select={(ids) => setPicked(new Set(ids))}
          onDone={(what, r) => {
            setSaid(what);
            setResults(r);
            setPicked(new Set());
          }}
        />
      )}
      <NotDecided results={results} />
      {list.data?.map((a) => (
        <PendingChange
          key={a.id}
          a={a}
          onDone={say}
          {...(decidable.length > 1 && decidable.includes(a)
            ? { selected: picked.has(a.id), onSelect: (on: boolean) => toggle(a.id, on) }
            : {})}
        />
      ))}
    </section>
  );
}

function PendingChange({
  a,
  onDone,
  selected,
  onSelect,
}: {
  a: Approval;
  onDone: (what: string) => void;
  /** Given where several may be decided at once. */
  selected?: boolean;
  onSelect?: (on: boolean) => void;
}) {
  const client = useQueryClient();
  const decide = useMutation({
    mutationFn: (v: { verdict: 'approve' | 'reject'; reason?: string; done?: () => void }) =>
      api<Approval>(
        'POST',
        `/approvals/${a.id}/${v.verdict}`,
        v.verdict === 'reject' ? { reason: v.reason } : undefined,
      ),
    onSuccess: async (r, v) => {
      v.done?.();
      onDone(`Change ${r.id} ${r.status}: ${r.summary}.`);
      await client.invalidateQueries();
    },
  });
  const heading = `Change ${a.id}: ${a.summary}`;
  return (
    <article className="approval" aria-label={heading}>
      <h3>
        {onSelect && (
          <label className="check">
            <input type="checkbox" checked={!!selected} onChange={(e) => onSelect(e.target.checked)} />
            <span className="sr-only">Select change {a.id}</span>
          </label>
        )}{' '}
        {heading}
      </h3>
      <p>
        Asked by {a.requestedBy} at <Time ms={a.requestedAt} />
      </p>
      {a.change.kind === 'mappings' ? (
        <MappingChanges changes={a.change.changes} />
      ) : (
        <>
          <p>
            <Link to={`/exceptions/${a.change.exceptionId}`}>Exception {a.change.exceptionId}</Link>: the
            edited payload replaces the failed one and runs again.
          </p>
          <DiffView changes={a.change.diff} caption="Payload changes" />
        </>
      )}
      {a.status !== 'pending' ? (
        <p>
          {a.status === 'approved' ? 'Approved' : 'Rejected'} by {a.decidedBy} at{' '}
          <Time ms={a.decidedAt ?? 0} />
          {a.reason ? `: ${a.reason}` : ''}
        </p>
      ) : a.mayDecide ? (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ verdict: 'approve' })}
          >
            Approve
          </button>
          <RejectForm
            openLabel="Reject…"
            submitLabel="Reject"
            reasonLabel="Reason for rejecting"
            busy={decide.isPending}
            onReject={(reason, done) => decide.mutate({ verdict: 'reject', reason, done })}
          />
        </div>
      ) : (
        <p className="muted">{a.whyNot ? `You cannot approve this: ${a.whyNot}.` : ''}</p>
      )}
      <ErrorNote error={decide.error} />
    </article>
  );
}

function MappingChanges({ changes }: { changes: HeldMappingChange[] }) {
  return (
    <table className="list">
      <caption className="sr-only">Mapping changes</caption>
      <thead>
        <tr>
          <th scope="col">Mapping</th>
          <th scope="col">Now</th>
          <th scope="col">After approval</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.kind}/${c.scope}/${c.key}`}>
            <td>
              {c.kind} {c.scope} <code>{c.key}</code>
            </td>
            <td>
              <code>{c.from ?? '(none)'}</code>
            </td>
            <td>
              <code>{c.value ?? '(removed)'}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
