import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.js';
import type { ExceptionItem } from '../../api/types.js';
import { Badge, ErrorNote, Header, Loading } from '../../components/bits.js';
import { JsonView } from '../../components/Json.js';
import { Time } from '../../prefs.js';
import { Can, P, useMayWriteMapping } from '../../session.js';
import { ExceptionActions } from './Actions.js';
import { suggestedMapping } from './filters.js';
import { MappingFix } from './MappingFix.js';
import { PendingEdit } from './PendingEdit.js';
import { PayloadInspector } from './Inspector.js';

/** One exception as a page: what failed and why, the values, the fix in words, and what to do. */
export function ExceptionDetail() {
  const id = Number(useParams().id);
  const path = `/exceptions/${id}`;
  const mayWrite = useMayWriteMapping();
  const [notice, setNotice] = useState<string | null>(null);
  const q = useQuery({
    queryKey: [path],
    queryFn: () => api<ExceptionItem>('GET', path),
    refetchInterval: 5000,
  });
  if (!q.data)
    return (
      <div>
        <Header title={`Exception ${id}`} />
        {q.isPending ? <Loading what={`exception ${id}`} /> : <ErrorNote error={q.error} />}
      </div>
    );
  const e = q.data;
  const values = e.values ?? e.entities ?? {};
  const order = typeof values.order === 'string' ? values.order : undefined;
  const mapping = e.status === 'open' ? suggestedMapping(e.message) : null;
  return (
    <article>
      <Header title={`Exception ${e.id}`}>
        <p>
          <Badge kind={e.status}>{e.status}</Badge> <Badge kind={e.impact}>{e.impact}</Badge>{' '}
          {e.errorClass && <Badge kind="class">{e.errorClass}</Badge>} <code>{e.code}</code>
        </p>
      </Header>
      <ErrorNote error={q.error} />
      <section aria-labelledby="why">
        <h2 id="why">Why it stopped</h2>
        <dl className="facts">
          <dt>Rule</dt>
          <dd>{e.rule ?? (typeof values.rule === 'string' ? values.rule : e.code)}</dd>
          <dt>Values</dt>
          <dd>
            <dl className="values">
              {Object.entries(values).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>
                    <code>{typeof v === 'string' ? v : JSON.stringify(v)}</code>
                  </dd>
                </div>
              ))}
            </dl>
          </dd>
          <dt>What happened</dt>
          <dd className="message">{e.message}</dd>
          {e.fix && (
            <>
              <dt>Fix</dt>
              <dd>{e.fix}</dd>
            </>
          )}
          <dt>Where</dt>
          <dd>
            {e.task} in lane {e.lane}
            {e.partner ? `, partner ${e.partner}` : ''} (job {e.jobId})
          </dd>
          <dt>Since</dt>
          <dd>
            <Time ms={e.createdAt} />
          </dd>
          {e.resolvedAt !== null && (
            <>
              <dt>Resolved</dt>
              <dd>
                <Time ms={e.resolvedAt} /> {e.resolvedBy ? `by ${e.resolvedBy}` : ''}
                {e.resolutionNote ? `: ${e.resolutionNote}` : ''}
              </dd>
            </>
          )}
          <dt>Assignee</dt>
          <dd>{e.assignee?.name ?? 'nobody'}</dd>
        </dl>
        {order && (
          <p>
            <Link to={`/orders/${encodeURIComponent(order)}`}>Open order {order}</Link>
          </p>
        )}
      </section>
      {mapping && mayWrite(mapping.kind) && <MappingFix target={mapping} />}
      <p role="status" aria-live="polite" className="notice">
        {notice}
      </p>
      {e.status === 'open' && <PendingEdit exceptionId={e.id} />}
      {e.status === 'open' && (
        <Can any={[P.exceptionsAct, P.exceptionsActFinance]}>
          <ExceptionActions exception={e} onDone={setNotice} />
        </Can>
      )}
      {(e.history?.length ?? 0) > 0 && (
        <section aria-labelledby="attempts">
          <h2 id="attempts">Attempts</h2>
          <ol className="attempts">
            {e.history!.map((h) => (
              <li key={h.attempt}>
                <Time ms={h.at} /> <code>{h.code}</code>
                {h.retryable ? ' (retryable)' : ''}: {h.message}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="payload">
        <h2 id="payload">Payload</h2>
        <JsonView value={e.payload} label="Payload of the failed attempt" />
        <PayloadInspector id={e.id} />
      </section>
    </article>
  );
}
