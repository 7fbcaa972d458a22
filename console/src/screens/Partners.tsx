import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { useGet } from '../api/hooks.js';
import { Badge, ErrorNote, Header, Loading } from '../components/bits.js';
import { Count, type Figure } from '../components/Figure.js';
import { Time } from '../prefs.js';
import { Can, P } from '../session.js';
import { MappingFix } from './exceptions/MappingFix.js';

/** Something used but unmapped, as the server found it (with whether this role may fix it here). */
export interface MappingGap {
  kind: string;
  scope: string;
  key: string;
  exceptions: Figure;
  /** False for an unmapped carrier: its shipments went out with the code; nothing waits. */
  blocking: boolean;
  fix: string;
  where: 'mapping' | 'configuration';
  fixable: boolean;
}

export interface PartnerDetail {
  name: string;
  health: string;
  breaker: string;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastError: string | null;
  buckets: { name: string; available: number; capacity: number; perSecond: number }[];
  webhook: { lastReceivedAt: number | null; received: Figure; refused: Figure } | null;
  testable: boolean;
  unmapped: MappingGap[];
}

interface Answer {
  partners: PartnerDetail[];
  unmapped: MappingGap[];
  truncated: boolean;
}

interface TestResult {
  ok: boolean;
  message: string;
  checks: { name: string; ok: boolean; detail: string }[];
}

const anchor = (name: string): string => name.replace(/[^a-z0-9]/gi, '-');

/**
 * Every partner connection: health, breaker, rate-limit bucket, webhooks, a connection test, and
 * what is used but unmapped with the fix inline where the role may make it.
 */
export function PartnersScreen() {
  const list = useGet<Answer>('/partners/detail', { refetchMs: 10_000 });
  const partners = list.data?.partners ?? [];
  return (
    <div>
      <Header title="Partners" />
      <ErrorNote error={list.error} />
      {list.isPending ? (
        <Loading what="partners" />
      ) : partners.length === 0 ? (
        <p className="quiet">No partner connection is configured in this process.</p>
      ) : (
        partners.map((p) => <Partner key={p.name} p={p} />)
      )}
      {list.data && <Completeness gaps={list.data.unmapped} truncated={list.data.truncated} />}
    </div>
  );
}

function Partner({ p }: { p: PartnerDetail }) {
  const test = useMutation({
    mutationFn: () => api<TestResult>('POST', `/partners/${encodeURIComponent(p.name)}/test`),
  });
  const headingId = `partner-${anchor(p.name)}`;
  return (
    <section aria-labelledby={headingId} className="card" id={anchor(p.name)}>
      <h2 id={headingId}>
        {p.name} <Badge kind={p.health}>{p.health}</Badge>
      </h2>
      <dl className="facts">
        <dt>Breaker</dt>
        <dd>{p.breaker}</dd>
        {p.buckets.map((b) => (
          <div key={b.name}>
            <dt>Rate limit, {b.name}</dt>
            <dd>
              {b.available} of {b.capacity} available, {b.perSecond} per second back
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
            <dt>Webhooks, last hour</dt>
            <dd>
              <Count f={p.webhook.received} label="received" />,{' '}
              <Count f={p.webhook.refused} label="refused" />; last <Time ms={p.webhook.lastReceivedAt} />
            </dd>
          </>
        )}
      </dl>
      {p.testable && (
        <Can any={[P.partnersTest]}>
          <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
            Test connection
          </button>
        </Can>
      )}
      <div role="status" aria-live="polite">
        {test.data && (
          <>
            <p>
              {test.data.ok
                ? `Connection works: ${test.data.message}`
                : `Connection fails: ${test.data.message}`}
            </p>
            <ul>
              {test.data.checks.map((c) => (
                <li key={c.name}>
                  {c.ok ? 'passed' : 'failed'}: {c.name}, {c.detail}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <ErrorNote error={test.error} />
      {p.unmapped.length > 0 && (
        <p>{p.unmapped.length} unmapped in its scope (listed under Mapping completeness).</p>
      )}
    </section>
  );
}

function Completeness({ gaps, truncated }: { gaps: MappingGap[]; truncated: boolean }) {
  return (
    <section aria-labelledby="completeness" className="card">
      <h2 id="completeness">Mapping completeness</h2>
      {gaps.length === 0 ? (
        <p className="quiet ok">No open work waits on a missing mapping.</p>
      ) : (
        <>
          <table className="list">
            <caption className="sr-only">
              Used but unmapped, with the exceptions recorded for each (SKUs, taxes, carriers)
            </caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Scope</th>
                <th scope="col">Key</th>
                <th scope="col">Recorded</th>
                <th scope="col">Fix</th>
              </tr>
            </thead>
            <tbody>
              {gaps.map((g) => (
                <tr key={`${g.kind}:${g.scope}:${g.key}`}>
                  <td>{g.kind}</td>
                  <td>{g.scope}</td>
                  <td>
                    <code>{g.key}</code>
                  </td>
                  <td className="num">
                    <Count f={g.exceptions} />
                    {!g.blocking && <span className="muted"> (nothing waits)</span>}
                  </td>
                  <td>{g.fix}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {truncated && <p className="muted">Read from the newest open mapping exceptions only.</p>}
          {gaps
            .filter((g) => g.fixable)
            .map((g) => (
              <MappingFix key={`${g.kind}:${g.scope}:${g.key}`} target={g} />
            ))}
        </>
      )}
    </section>
  );
}
