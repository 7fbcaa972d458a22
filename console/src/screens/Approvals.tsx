import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { useGet } from '../api/hooks.js';
import type { Approval } from '../api/types.js';
import { ErrorNote, Header, Loading } from '../components/bits.js';
import { JsonView } from '../components/Json.js';
import { Time } from '../prefs.js';
import { Can, P, useSession } from '../session.js';

/**
 * Changes waiting for a second person (four-eyes). The server refuses an approval by the person
 * who asked for the change; the page says so instead of offering the button.
 */
export function ApprovalsScreen() {
  const list = useGet<Approval[]>('/approvals', { refetchMs: 10_000 });
  const me = useSession().session?.user.name;
  const client = useQueryClient();
  const decide = useMutation({
    mutationFn: ({ id, verdict }: { id: number; verdict: 'approve' | 'reject' }) =>
      api('POST', `/approvals/${id}/${verdict}`),
    onSuccess: () => client.invalidateQueries(),
  });
  return (
    <div>
      <Header title="Pending approvals" />
      <ErrorNote error={list.error ?? decide.error} />
      {list.isPending && <Loading what="approvals" />}
      {list.data?.length === 0 && <p className="quiet">Nothing waits for approval.</p>}
      {list.data?.map((a) => (
        <section key={a.id} className="card" aria-labelledby={`ap-${a.id}`}>
          <h2 id={`ap-${a.id}`}>
            {a.kind} {a.target ?? ''}: {a.summary ?? a.status}
          </h2>
          <p>
            Asked by {a.requestedBy} at <Time ms={a.requestedAt} />
          </p>
          <JsonView value={a.change} label={`Change ${a.id}`} />
          {a.status === 'pending' &&
            (a.requestedBy === me ? (
              <p className="muted">You asked for this change: another person must approve it.</p>
            ) : (
              <Can any={[P.mappingsWrite, P.approve]}>
                <div className="actions">
                  <button
                    type="button"
                    className="primary"
                    onClick={() => decide.mutate({ id: a.id, verdict: 'approve' })}
                  >
                    Approve
                  </button>
                  <button type="button" onClick={() => decide.mutate({ id: a.id, verdict: 'reject' })}>
                    Reject
                  </button>
                </div>
              </Can>
            ))}
        </section>
      ))}
    </div>
  );
}
