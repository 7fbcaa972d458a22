import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.js';
import { useGet } from '../../api/hooks.js';
import type { OrderPage as OrderAnswer, TimelineEntry } from '../../api/types.js';
import { Badge, ErrorNote, Header, Loading } from '../../components/bits.js';
import { JsonView } from '../../components/Json.js';
import { Time } from '../../prefs.js';
import { Can, P } from '../../session.js';
import { Timeline } from './Timeline.js';

/** One order: where it is in its lifecycle, what happens next, its story, and what may be done. */
export function OrderPage() {
  const ref = useParams().ref ?? '';
  const base = `/orders/${encodeURIComponent(ref)}`;
  const order = useGet<OrderAnswer>(base, { refetchMs: 5000 });
  const timeline = useGet<{ entries: TimelineEntry[] }>(`${base}/timeline`, { refetchMs: 5000 });
  if (!order.data)
    return (
      <div>
        <Header title={`Order ${ref}`} />
        {order.isPending ? <Loading what={`order ${ref}`} /> : <ErrorNote error={order.error} />}
      </div>
    );
  const { order: o, progress, nextStep, actions = [] } = order.data;
  return (
    <article>
      <Header title={`Order ${o.ref}`}>
        <p>
          <Badge kind={o.state}>{o.state}</Badge> {o.channel} order {o.channelOrderId}
          {o.odooName ? `, Odoo ${o.odooName}` : ''} · received <Time ms={o.createdAt} />
        </p>
      </Header>
      {progress && <Lifecycle steps={progress.steps} current={progress.current} />}
      {nextStep && (
        <p className="next-step" role="note">
          <strong>Next:</strong> {nextStep}
        </p>
      )}
      {actions.length > 0 && (
        <Can any={[P.exceptionsAct]}>
          <OrderActions id={o.ref} actions={actions} />
        </Can>
      )}
      <section aria-labelledby="tl">
        <h2 id="tl">Timeline</h2>
        <ErrorNote error={timeline.error} />
        {timeline.data ? <Timeline entries={timeline.data.entries} /> : <Loading what="timeline" />}
      </section>
      {o.canonical !== undefined && (
        <section aria-labelledby="canon">
          <h2 id="canon">Canonical order</h2>
          <JsonView value={o.canonical} label="Canonical order" />
        </section>
      )}
    </article>
  );
}

/** The lifecycle as a bar of steps, the reached ones filled. */
function Lifecycle({ steps, current }: { steps: string[]; current: number }) {
  return (
    <ol
      className="lifecycle"
      aria-label={`Lifecycle: step ${current + 1} of ${steps.length}, ${steps[current] ?? ''}`}
    >
      {steps.map((s, i) => (
        <li
          key={s}
          className={i < current ? 'done' : i === current ? 'current' : 'todo'}
          aria-current={i === current ? 'step' : undefined}
        >
          {s}
        </li>
      ))}
    </ol>
  );
}

const LABELS: Record<string, string> = { hold: 'Hold', release: 'Release' };

function OrderActions({ id, actions }: { id: string; actions: string[] }) {
  const [reason, setReason] = useState('');
  const client = useQueryClient();
  const act = useMutation({
    mutationFn: (action: string) => api('POST', `/orders/${encodeURIComponent(id)}/${action}`, { reason }),
    onSuccess: async () => {
      setReason('');
      await client.invalidateQueries();
    },
  });
  return (
    <section aria-labelledby="oact" className="act">
      <h2 id="oact">Actions</h2>
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          Reason <input value={reason} onChange={(e) => setReason(e.target.value)} required />
        </label>{' '}
        {actions
          .filter((a) => a in LABELS)
          .map((a) => (
            <button
              key={a}
              type="button"
              disabled={!reason.trim() || act.isPending}
              onClick={() => act.mutate(a)}
            >
              {LABELS[a]}
            </button>
          ))}
      </form>
      <ErrorNote error={act.error} />
    </section>
  );
}
