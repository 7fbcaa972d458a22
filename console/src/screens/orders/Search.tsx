import { Link } from 'react-router';
import { qs } from '../../api/client.js';
import { useChangedSince, useGet, useUrlFilters } from '../../api/hooks.js';
import type { SearchResult } from '../../api/types.js';
import { Badge, ErrorNote, Header, Loading, formText } from '../../components/bits.js';
import { SavedViews } from '../../components/SavedViews.js';

/**
 * Universal search: any system's id, exact or by prefix (channel order number, Odoo name, EDI
 * control number, warehouse order, tracking number), and which field matched.
 */
export function OrderSearch() {
  const [{ q }, set] = useUrlFilters(['q'] as const);
  const path = `/search${qs({ q })}`;
  const found = useGet<{ results: SearchResult[] }>(q ? path : null);
  // An order found here that moves on (accepted, shipped) shows its new state without a reload.
  useChangedSince([path], (since) => [`/search${qs({ q, changedSince: since, limit: 20 })}`], !!q);
  return (
    <div>
      <Header title="Find an order">
        <p className="muted">Any id from any system, whole or its beginning.</p>
      </Header>
      <form
        role="search"
        key={q}
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: formText(e.currentTarget)('q') });
        }}
      >
        <label>
          Order id{' '}
          <input
            name="q"
            type="search"
            defaultValue={q}
            placeholder="#1001, S00042, tracking number…"
            autoFocus
          />
        </label>{' '}
        <button type="submit">Search</button>
      </form>
      <SavedViews screen="orders" />
      <ErrorNote error={found.error} />
      {q && found.isPending && <Loading what="results" />}
      {found.data &&
        (found.data.results.length === 0 ? (
          <p className="quiet">No order has an id that is or begins with “{q}”.</p>
        ) : (
          <table className="list">
            <caption className="sr-only">Orders matching {q}</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Matched</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {found.data.results.map((r) => (
                <tr key={`${r.ref}:${r.matched.field}`}>
                  <td>
                    <Link className="row-link" to={`/orders/${encodeURIComponent(r.ref)}`}>
                      {r.ref}
                    </Link>
                  </td>
                  <td>
                    {r.matched.field}: <code>{r.matched.value}</code>
                  </td>
                  <td>
                    <Badge kind={r.state}>{r.state}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
