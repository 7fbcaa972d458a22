import { useNavigate, useParams } from 'react-router';
import { useGet } from '../api/hooks.js';
import { ErrorNote, Header, Loading, formText } from '../components/bits.js';
import { JsonView } from '../components/Json.js';
import { Time } from '../prefs.js';

export interface InventoryExplain {
  sku: string;
  channels: {
    channel: string;
    available: number;
    /** Each step from on-hand to the published number, in words with its quantity. */
    steps?: { label: string; quantity: number }[];
    /** The explanation as `ferry inventory explain` prints it. */
    lines?: string[];
    lastPublication?: { at: number; value: number; result: string } | null;
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
      {explain.data &&
        (Array.isArray(explain.data.channels) ? (
          explain.data.channels.map((c) => (
            <section key={c.channel} aria-labelledby={`inv-${c.channel}`} className="card">
              <h2 id={`inv-${c.channel}`}>
                {c.channel}: {c.available} available
              </h2>
              {c.steps && (
                <table className="list">
                  <caption className="sr-only">How {c.available} is reached</caption>
                  <tbody>
                    {c.steps.map((s, i) => (
                      <tr key={i}>
                        <th scope="row">{s.label}</th>
                        <td className="num">{s.quantity}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {c.lines && <pre className="explain">{c.lines.join('\n')}</pre>}
              <p>
                Last publication:{' '}
                {c.lastPublication ? (
                  <>
                    {c.lastPublication.value} at <Time ms={c.lastPublication.at} />,{' '}
                    {c.lastPublication.result}
                  </>
                ) : (
                  'never'
                )}
              </p>
            </section>
          ))
        ) : (
          <JsonView value={explain.data} label={`Explanation for ${sku}`} />
        ))}
    </div>
  );
}
