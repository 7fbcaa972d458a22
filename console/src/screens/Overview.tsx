import { Link } from 'react-router';
import { qs } from '../api/client.js';
import { useGet } from '../api/hooks.js';
import { Badge, ErrorNote, Header, Loading } from '../components/bits.js';
import { formatAge } from '../prefs.js';
import { ThroughputChart } from './OverviewChart.js';

/** What the overview answer carries; every section is optional so a quiet system shows little. */
export interface Overview {
  healthy: boolean;
  exceptions?: { open: number; byImpact?: Record<string, number> };
  flows?: {
    flow: string;
    partner: string;
    throughputPerHour: number;
    failureRate: number;
    serviceLevel?: { targetPct: number; actualPct: number | null; withinMs: number } | null;
  }[];
  lanes?: { lane: string; depth: number; oldestAgeMs: number; paused?: boolean }[];
  partners?: { name: string; health: string; breaker: string }[];
  webhooks?: { channel: string; lastReceivedAt: number | null; failures: number }[];
  alerts?: { rule: string; subject: string; message: string; since: number }[];
  series?: { at: number[]; orders: number[]; failed?: number[] };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/**
 * Health at a glance, quiet when healthy: what is wrong comes first and loud, everything else is
 * one line. Every number links to the list behind it.
 */
export function OverviewScreen() {
  const o = useGet<Overview>('/overview', { refetchMs: 10_000 });
  if (!o.data)
    return (
      <div>
        <Header title="Health" />
        {o.isPending ? <Loading what="health" /> : <ErrorNote error={o.error} />}
      </div>
    );
  const d = o.data;
  const open = d.exceptions?.open ?? 0;
  return (
    <div>
      <Header title="Health">
        <p className={d.healthy ? 'quiet ok' : 'alarm'} role="status">
          {d.healthy
            ? 'All quiet: every flow within its service level, no breaker open, nothing waiting.'
            : 'Needs attention.'}
        </p>
      </Header>
      {(d.alerts?.length ?? 0) > 0 && (
        <section aria-labelledby="alerts" className="alerts">
          <h2 id="alerts">Alerts</h2>
          <ul>
            {d.alerts!.map((a) => (
              <li key={`${a.rule}:${a.subject}`}>
                <strong>{a.subject}</strong>: {a.message}{' '}
                <span className="muted">(for {formatAge(Date.now() - a.since)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="exc">
        <h2 id="exc">Exceptions</h2>
        <p>
          <Link to="/exceptions">{open} open</Link>
          {Object.entries(d.exceptions?.byImpact ?? {}).map(([impact, n]) => (
            <span key={impact}>
              {' · '}
              <Link to={`/exceptions${qs({ impact })}`}>
                {n} {impact}
              </Link>
            </span>
          ))}
        </p>
      </section>
      {d.series && <ThroughputChart series={d.series} />}
      <Flows flows={d.flows ?? []} />
      <Lanes lanes={d.lanes ?? []} />
      <Partners partners={d.partners ?? []} webhooks={d.webhooks ?? []} />
    </div>
  );
}

function Flows({ flows }: { flows: NonNullable<Overview['flows']> }) {
  if (!flows.length) return null;
  return (
    <section aria-labelledby="flows">
      <h2 id="flows">Flows by partner</h2>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Flow</th>
            <th scope="col">Partner</th>
            <th scope="col">Per hour</th>
            <th scope="col">Failure rate</th>
            <th scope="col">Service level</th>
          </tr>
        </thead>
        <tbody>
          {flows.map((f) => {
            const sl = f.serviceLevel;
            const breach = sl && sl.actualPct !== null && sl.actualPct < sl.targetPct;
            return (
              <tr
                key={`${f.flow}:${f.partner}`}
                className={breach || f.failureRate > 0.05 ? 'warn' : undefined}
              >
                <td>{f.flow}</td>
                <td>{f.partner}</td>
                <td>{f.throughputPerHour}</td>
                <td>
                  <Link to={`/exceptions${qs({ q: f.partner })}`}>{pct(f.failureRate)}</Link>
                </td>
                <td>
                  {sl
                    ? `${sl.actualPct === null ? '—' : `${sl.actualPct.toFixed(1)} %`} within ${formatAge(sl.withinMs)} (target ${sl.targetPct} %)`
                    : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function Lanes({ lanes }: { lanes: NonNullable<Overview['lanes']> }) {
  if (!lanes.length) return null;
  return (
    <section aria-labelledby="lanes">
      <h2 id="lanes">Lanes</h2>
      <ul className="inline-list">
        {lanes.map((l) => (
          <li key={l.lane} className={l.depth > 0 && l.oldestAgeMs > 60_000 ? 'warn' : undefined}>
            <Link to={`/exceptions${qs({ lane: l.lane })}`}>{l.lane}</Link>: {l.depth} waiting
            {l.depth > 0 ? `, oldest ${formatAge(l.oldestAgeMs)}` : ''}
            {l.paused ? ' (paused)' : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Partners({
  partners,
  webhooks,
}: {
  partners: NonNullable<Overview['partners']>;
  webhooks: NonNullable<Overview['webhooks']>;
}) {
  if (!partners.length && !webhooks.length) return null;
  return (
    <section aria-labelledby="partners-h">
      <h2 id="partners-h">Partners and webhooks</h2>
      <ul className="inline-list">
        {partners.map((p) => (
          <li key={p.name}>
            <Link to="/partners">{p.name}</Link> <Badge kind={p.health}>{p.health}</Badge>
            {p.breaker !== 'closed' ? ` breaker ${p.breaker}` : ''}
          </li>
        ))}
        {webhooks.map((w) => (
          <li key={w.channel}>
            webhooks {w.channel}:{' '}
            {w.lastReceivedAt ? `last ${formatAge(Date.now() - w.lastReceivedAt)} ago` : 'none yet'}
            {w.failures ? `, ${w.failures} refused` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
