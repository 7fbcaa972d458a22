import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { useGet } from '../api/hooks.js';
import { Badge, ErrorNote, Header, Loading } from '../components/bits.js';
import { Time } from '../prefs.js';
import { Can, P, useMayWriteMapping } from '../session.js';
import { MappingFix } from './exceptions/MappingFix.js';

export interface PartnerStatus {
  name: string;
  health: string;
  breaker: string;
  headroom: number;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastError: string | null;
  webhook?: { lastReceivedAt: number | null; refused: number; accepted: number } | null;
  buckets?: { endpoint: string; tokens: number; capacity: number }[];
  /** What is used but unmapped, by kind, in the scope the mapping would go in. */
  unmapped?: { kind: string; scope: string; key: string }[];
}

/** Every partner connection: health, breaker, rate-limit headroom, webhooks, and what is unmapped. */
export function PartnersScreen() {
  const list = useGet<PartnerStatus[]>('/partners', { refetchMs: 10_000 });
  return (
    <div>
      <Header title="Partners" />
      <ErrorNote error={list.error} />
      {list.isPending ? (
        <Loading what="partners" />
      ) : (list.data ?? []).length === 0 ? (
        <p className="quiet">No partner has been called yet in this process.</p>
      ) : (
        (list.data ?? []).map((p) => <Partner key={p.name} p={p} />)
      )}
    </div>
  );
}

function Partner({ p }: { p: PartnerStatus }) {
  const test = useMutation({
    mutationFn: () =>
      api<{ ok: boolean; message: string }>('POST', `/partners/${encodeURIComponent(p.name)}/test`),
  });
  const mayWrite = useMayWriteMapping();
  const headingId = `partner-${p.name.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>
        {p.name} <Badge kind={p.health}>{p.health}</Badge>
      </h2>
      <dl className="facts">
        <dt>Breaker</dt>
        <dd>{p.breaker}</dd>
        <dt>Rate-limit headroom</dt>
        <dd>{Math.round(p.headroom * 100)} %</dd>
        {p.buckets?.map((b) => (
          <div key={b.endpoint}>
            <dt>{b.endpoint}</dt>
            <dd>
              {b.tokens} of {b.capacity} tokens
            </dd>
          </div>
        ))}
        <dt>Last success</dt>
        <dd>
          <Time ms={p.lastSuccessAt} />
        </dd>
        <dt>Last failure</dt>
        <dd>
          <Time ms={p.lastFailureAt} /> {p.lastError ?? ''}
        </dd>
        {p.webhook && (
          <>
            <dt>Webhooks</dt>
            <dd>
              last <Time ms={p.webhook.lastReceivedAt} />, {p.webhook.accepted} accepted, {p.webhook.refused}{' '}
              refused
            </dd>
          </>
        )}
      </dl>
      <Can any={[P.lanesAct]}>
        <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
          Test connection
        </button>
      </Can>
      <p role="status" aria-live="polite">
        {test.data &&
          (test.data.ok
            ? `Connection works: ${test.data.message}`
            : `Connection fails: ${test.data.message}`)}
      </p>
      <ErrorNote error={test.error} />
      {(p.unmapped?.length ?? 0) > 0 && (
        <div>
          <h3>Unmapped</h3>
          {p
            .unmapped!.filter((u) => mayWrite(u.kind))
            .map((u) => (
              <MappingFix key={`${u.kind}:${u.key}`} target={u} />
            ))}
          <ul>
            {p.unmapped!.map((u) => (
              <li key={`${u.kind}:${u.key}`}>
                {u.kind} <code>{u.key}</code> in {u.scope}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
