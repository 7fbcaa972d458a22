import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.js';
import { useGet } from '../../api/hooks.js';
import type { OrderAction, OrderPage as OrderAnswer } from '../../api/types.js';
import { Badge, ErrorNote, Header, Loading } from '../../components/bits.js';
import { JsonView } from '../../components/Json.js';
import { Time } from '../../prefs.js';
import { Timeline } from './Timeline.js';

/** One order: where it is in its lifecycle, what happens next, its story, and what may be done. */
export function OrderPage() {
  const ref = useParams().ref ?? '';
  const page = useGet<OrderAnswer>(`/orders/${encodeURIComponent(ref)}`, { refetchMs: 5000 });
  if (!page.data)
    return (
      <div>
        <Header title={`Order ${ref}`} />
        {page.isPending ? <Loading what={`order ${ref}`} /> : <ErrorNote error={page.error} />}
      </div>
    );
  const { order: o, progress, actions, timeline, openExceptions = [], holds = [] } = page.data;
  return (
    <article>
      <Header title={`Order ${o.ref}`}>
        <p>
          <Badge kind={o.state}>{o.state}</Badge> {o.channel} order {o.channelOrderId}
          {o.odooName ? `, Odoo ${o.odooName}` : ''} · received <Time ms={o.createdAt} />
        </p>
      </Header>
      <Lifecycle steps={progress.steps} stopped={progress.stopped} />
      <p className="next-step" role="note">
        {progress.next && <strong>Next: {progress.next}. </strong>}
        {progress.helper}
      </p>
      {holds.length > 0 && (
        <p className="warn">On hold: {holds.map((h) => `${h.reason} (${h.by})`).join('; ')}</p>
      )}
      {openExceptions.length > 0 && (
        <section aria-labelledby="oexc">
          <h2 id="oexc">Waiting for a person</h2>
          <ul>
            {openExceptions.map((x) => (
              <li key={x.id}>
                <Link to={`/exceptions/${x.id}`}>Exception {x.id}</Link> <code>{x.code}</code>: {x.fix}
              </li>
            ))}
          </ul>
        </section>
      )}
      {actions.length > 0 && <OrderActions actions={actions} />}
      <section aria-labelledby="tl">
        <h2 id="tl">Timeline</h2>
        <Timeline entries={timeline} />
      </section>
      <section aria-labelledby="canon">
        <h2 id="canon">Canonical order</h2>
        <JsonView value={o.canonical} label="Canonical order" />
      </section>
    </article>
  );
}

/** The lifecycle as a bar of steps, the reached ones filled; a stopped order says so. */
function Lifecycle({ steps, stopped }: { steps: OrderAnswer['progress']['steps']; stopped: boolean }) {
  const at = steps.findIndex((s) => s.current);
  return (
    <ol
      className={`lifecycle${stopped ? ' stopped' : ''}`}
      aria-label={`Lifecycle: step ${at + 1} of ${steps.length}, ${steps[at]?.label ?? ''}${stopped ? ', stopped' : ''}`}
    >
      {steps.map((s) => (
        <li
          key={s.key}
          className={s.current ? 'current' : s.done ? 'done' : 'upcoming'}
          aria-current={s.current ? 'step' : undefined}
        >
          {s.label}
        </li>
      ))}
    </ol>
  );
}

/** Actions need a reason, except a replay; edit-and-replay happens on the exception's page. */
function OrderActions({ actions }: { actions: OrderAction[] }) {
  const [reason, setReason] = useState('');
  const client = useQueryClient();
  const act = useMutation({
    mutationFn: (a: OrderAction) =>
      api(a.method, a.url.replace(/^\/api/, ''), a.action === 'replay' ? undefined : { reason }),
    onSuccess: async () => {
      setReason('');
      await client.invalidateQueries();
    },
  });
  const needsReason = actions.some((a) => a.action !== 'replay' && a.action !== 'edit-replay');
  return (
    <section aria-labelledby="oact" className="act">
      <h2 id="oact">Actions</h2>
      <form onSubmit={(e) => e.preventDefault()} className="actions">
        {needsReason && (
          <label>
            Reason <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
        )}
        {actions.map((a) =>
          a.action === 'edit-replay' ? (
            <Link key={a.url} className="button" to={`/exceptions/${a.exceptionId}`}>
              {a.label}
            </Link>
          ) : (
            <button
              key={a.url}
              type="button"
              disabled={act.isPending || (a.action !== 'replay' && !reason.trim())}
              onClick={() => act.mutate(a)}
            >
              {a.label}
            </button>
          ),
        )}
      </form>
      <ErrorNote error={act.error} />
    </section>
  );
}
