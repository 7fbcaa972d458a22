import { useGet } from '../api/hooks.js';
import { Badge, ErrorNote, Header, Loading } from '../components/bits.js';
import { Count, FigureLink, type Figure } from '../components/Figure.js';
import { Time, formatAge } from '../prefs.js';
import { ThroughputChart } from './OverviewChart.js';

/** The server's overview (GET /api/overview): every number with the list behind it. */
export interface Overview {
  generatedAt: number;
  windowMinutes: number;
  healthy: boolean;
  attention: { kind: string; subject: string; message: string; href: string }[];
  exceptions: { open: Figure; byImpact: { impact: string; open: Figure }[] };
  flows: {
    flow: string;
    partner: string;
    completed: Figure;
    failed: Figure;
    perHour: number;
    failureRate: number | null;
  }[];
  serviceLevels: {
    flow: string;
    partner: string;
    targetPct: number;
    withinMinutes: number;
    measured: Figure;
    met: number;
    missed: Figure;
    actualPct: number | null;
    breached: boolean;
  }[];
  lanes: {
    lane: string;
    depth: Figure;
    running: number;
    oldestAgeMs: number;
    paused: boolean;
    overAge: boolean;
  }[];
  breakers: { partner: string; state: string; health: string; href: string }[];
  webhooks: { source: string; lastReceivedAt: number | null; received: Figure; refused: Figure }[];
  channels: {
    channel: string;
    lastOrderAt: number | null;
    orders: Figure;
    quietMinutes: number | null;
    thresholdMinutes: number | null;
    silent: boolean;
  }[];
  series: { at: number[]; orders: number[] };
}

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

/**
 * Health at a glance, quiet when healthy: what needs a person comes first and loud, in words, each
 * with the list to open; the rest is small. Every number opens the list it counts.
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
  return (
    <div>
      <Header title="Health">
        <p className={d.healthy ? 'quiet ok' : 'alarm'} role="status">
          {d.healthy
            ? `All quiet: every flow within its service level, no breaker open, nothing waiting (last ${d.windowMinutes} minutes).`
            : `${d.attention.length} thing${d.attention.length === 1 ? '' : 's'} need${d.attention.length === 1 ? 's' : ''} attention.`}
        </p>
      </Header>
      {d.attention.length > 0 && (
        <section aria-labelledby="attention" className="alerts">
          <h2 id="attention">Needs attention</h2>
          <ul>
            {d.attention.map((a) => (
              <li key={`${a.kind}:${a.subject}`}>
                <FigureLink href={a.href}>{a.message}</FigureLink>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="exc">
        <h2 id="exc">Exceptions</h2>
        <p>
          <Count f={d.exceptions.open} label="open" />
          {d.exceptions.byImpact.map((x) => (
            <span key={x.impact}>
              {' · '}
              <Count f={x.open} label={x.impact} />
            </span>
          ))}
        </p>
      </section>
      {d.series.orders.some((n) => n > 0) && <ThroughputChart series={d.series} />}
      <Flows d={d} />
      <ServiceLevels d={d} />
      <Lanes d={d} />
      <Connections d={d} />
    </div>
  );
}

function Flows({ d }: { d: Overview }) {
  if (!d.flows.length) return null;
  return (
    <section aria-labelledby="flows">
      <h2 id="flows">Flows by partner, last {d.windowMinutes} minutes</h2>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Flow</th>
            <th scope="col">Partner</th>
            <th scope="col">Done</th>
            <th scope="col">Per hour</th>
            <th scope="col">Failed</th>
            <th scope="col">Failure rate</th>
          </tr>
        </thead>
        <tbody>
          {d.flows.map((f) => (
            <tr key={`${f.flow}:${f.partner}`} className={(f.failureRate ?? 0) > 0.05 ? 'warn' : undefined}>
              <td>{f.flow}</td>
              <td>{f.partner || '—'}</td>
              <td className="num">
                <Count f={f.completed} />
              </td>
              <td className="num">{f.perHour}</td>
              <td className="num">
                <Count f={f.failed} />
              </td>
              <td className="num">{pct(f.failureRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ServiceLevels({ d }: { d: Overview }) {
  if (!d.serviceLevels.length) return null;
  return (
    <section aria-labelledby="sl">
      <h2 id="sl">Service levels</h2>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Flow</th>
            <th scope="col">Partner</th>
            <th scope="col">Target</th>
            <th scope="col">Judged</th>
            <th scope="col">Late</th>
            <th scope="col">Within time</th>
          </tr>
        </thead>
        <tbody>
          {d.serviceLevels.map((s) => (
            <tr key={`${s.flow}:${s.partner}`} className={s.breached ? 'warn' : undefined}>
              <td>{s.flow}</td>
              <td>{s.partner}</td>
              <td>
                {s.targetPct} % within {s.withinMinutes} min
              </td>
              <td className="num">
                <Count f={s.measured} />
              </td>
              <td className="num">
                <Count f={s.missed} />
              </td>
              <td className="num">
                {s.actualPct === null ? '—' : `${s.actualPct.toFixed(1)} %`}
                {s.breached ? ' (breached)' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Lanes({ d }: { d: Overview }) {
  if (!d.lanes.length) return null;
  return (
    <section aria-labelledby="lanes">
      <h2 id="lanes">Lanes</h2>
      <ul className="inline-list">
        {d.lanes.map((l) => (
          <li key={l.lane} className={l.overAge ? 'warn' : undefined}>
            {l.lane}: <Count f={l.depth} label="waiting" />
            {l.depth.value > 0 ? `, oldest ${formatAge(l.oldestAgeMs)}` : ''}
            {l.running ? `, ${l.running} running` : ''}
            {l.paused ? ' (paused)' : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Connections({ d }: { d: Overview }) {
  if (!d.breakers.length && !d.webhooks.length && !d.channels.length) return null;
  return (
    <section aria-labelledby="conn">
      <h2 id="conn">Partners, webhooks and channels</h2>
      <ul className="inline-list">
        {d.breakers.map((b) => (
          <li key={b.partner}>
            <FigureLink href={b.href}>{b.partner}</FigureLink> <Badge kind={b.health}>{b.health}</Badge>
            {b.state !== 'closed' ? ` breaker ${b.state}` : ''}
          </li>
        ))}
        {d.webhooks.map((w) => (
          <li key={w.source}>
            webhooks {w.source}: <Count f={w.received} label="received" />
            {w.refused.value ? (
              <>
                , <Count f={w.refused} label="refused" />
              </>
            ) : null}
            , last {w.lastReceivedAt ? <Time ms={w.lastReceivedAt} /> : 'never'}
          </li>
        ))}
        {d.channels.map((c) => (
          <li key={c.channel} className={c.silent ? 'warn' : undefined}>
            orders {c.channel}: <Count f={c.orders} label="in the window" />
            {c.quietMinutes === null ? ', none yet' : `, last ${c.quietMinutes} min ago`}
            {c.thresholdMinutes !== null ? ` (alarm after ${c.thresholdMinutes} min)` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
