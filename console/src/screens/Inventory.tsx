import { useNavigate, useParams } from 'react-router';
import { useGet } from '../api/hooks.js';
import { ErrorNote, Header, Loading, formText } from '../components/bits.js';
import { Count, type Figure } from '../components/Figure.js';
import { Time } from '../prefs.js';

/** GET /api/inventory/:sku: per channel, what it shows, why, and what Ferry would publish now. */
export interface InventoryExplain {
  sku: string;
  channels: {
    channel: string;
    shown: number | null;
    now: { value: number; decidedBy: string; lines: string[] } | null;
    lastPublication: {
      at: number;
      value: number;
      was: number | null;
      ruleVersion: string;
      key: string;
      result: string;
      lines: string[];
    } | null;
    history: { at: number; value: number; was: number | null; ruleVersion: string }[];
    failing: Figure;
  }[];
}

/** A SKU's availability per channel and why: `ferry inventory explain` as a page. */
export function InventoryScreen() {
  const sku = useParams().sku ?? '';
  const navigate = useNavigate();
  const explain = useGet<InventoryExplain>(sku ? `/inventory/${encodeURIComponent(sku)}` : null);
  return (
    <div>
      <Header title="Inventory" />
      <form
        role="search"
        key={sku}
        onSubmit={(e) => {
          e.preventDefault();
          const v = formText(e.currentTarget)('sku');
          if (v) void navigate(`/inventory/${encodeURIComponent(v)}`);
        }}
      >
        <label>
          SKU <input name="sku" defaultValue={sku} placeholder="SKU-00001" />
        </label>{' '}
        <button type="submit">Explain</button>
      </form>
      <ErrorNote error={explain.error} />
      {sku && explain.isPending && <Loading what={`availability of ${sku}`} />}
      {explain.data?.channels.map((c) => {
        const id = `inv-${c.channel.replace(/[^a-z0-9]/gi, '-')}`;
        return (
          <section key={c.channel} aria-labelledby={id} className="card">
            <h2 id={id}>
              {c.channel}: {c.shown === null ? 'never told' : `shows ${c.shown}`}
              {c.now && c.now.value !== c.shown ? `, ${c.now.value} now` : ''}
            </h2>
            {c.failing.value > 0 && (
              <p className="alarm">
                Publishing is failing: <Count f={c.failing} label="open exceptions" />
              </p>
            )}
            {c.now && (
              <>
                <h3>Now</h3>
                <pre className="explain">{c.now.lines.join('\n')}</pre>
              </>
            )}
            <h3>Last publication</h3>
            {c.lastPublication ? (
              <>
                <p>
                  {c.lastPublication.value} (was {c.lastPublication.was ?? 'unknown'}) at{' '}
                  <Time ms={c.lastPublication.at} />, {c.lastPublication.result} by the channel, rule version{' '}
                  {c.lastPublication.ruleVersion}
                </p>
                <pre className="explain">{c.lastPublication.lines.join('\n')}</pre>
              </>
            ) : (
              <p>never</p>
            )}
            {c.history.length > 0 && (
              <table className="list">
                <caption>Earlier publications</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Value</th>
                    <th scope="col">Was</th>
                    <th scope="col">Rules</th>
                  </tr>
                </thead>
                <tbody>
                  {c.history.map((h) => (
                    <tr key={h.at}>
                      <td>
                        <Time ms={h.at} />
                      </td>
                      <td className="num">{h.value}</td>
                      <td className="num">{h.was ?? '—'}</td>
                      <td>{h.ruleVersion}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}
