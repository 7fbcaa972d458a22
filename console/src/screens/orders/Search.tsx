import { Link } from 'react-router';
import { qs } from '../../api/client.js';
import { useChangedSince, useGet, useUrlFilters } from '../../api/hooks.js';
import type { SearchResult } from '../../api/types.js';
import { Badge, ErrorNote, Header, Loading, formText } from '../../components/bits.js';
import { SavedViews } from '../../components/SavedViews.js';
import { LINK_KEYS, ORDER_KEYS, describeLinkFilters, isChannelList, readPath } from './filters.js';

/** An order as `/orders` lists it. */
interface ListedOrder {
  id: number;
  ref: string;
  channel: string;
  state: string;
}

/**
 * Universal search: any system's id, exact or by prefix (channel order number, Odoo name, EDI
 * control number, warehouse order, tracking number), and which field matched. The health
 * overview's links open it on exactly one channel's orders (its window, its service level), the
 * list their figure counted.
 */
export function OrderSearch() {
  const [filters, set] = useUrlFilters(ORDER_KEYS);
  const { q } = filters;
  const listing = isChannelList(filters);
  const path = readPath(filters);
  const found = useGet<{ results: SearchResult[] }>(path && !listing ? path : null);
  const listed = useGet<ListedOrder[]>(path && listing ? path : null);
  // An order found here that moves on (accepted, shipped) shows its new state without a reload.
  useChangedSince(
    [path ?? ''],
    (since) => [`/search${qs({ q, changedSince: since, limit: 20 })}`],
    !!q && !listing,
  );
  const linkFilters = describeLinkFilters(filters);
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
          // An id typed stays within the link's channel; the window and service level were the link's.
          set({
            q: formText(e.currentTarget)('q'),
            ...Object.fromEntries(LINK_KEYS.filter((k) => k !== 'channel').map((k) => [k, ''])),
            limit: '',
          });
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
        {linkFilters.length > 0 && (
          <p className="muted">
            Filtered by {linkFilters.join(', ')}{' '}
            <button
              type="button"
              onClick={() => set({ ...Object.fromEntries(LINK_KEYS.map((k) => [k, ''])), limit: '' })}
            >
              Clear
            </button>
          </p>
        )}
      </form>
      <SavedViews screen="orders" />
      <ErrorNote error={found.error ?? listed.error} />
      {!listing && q && found.isPending && <Loading what="results" />}
      {listing && listed.isPending && <Loading what="orders" />}
      {listed.data &&
        (listed.data.length === 0 ? (
          <p className="quiet">No order matches these filters.</p>
        ) : (
          <table className="list">
            <caption className="sr-only">
              {listed.data.length} orders of channel {filters.channel}
            </caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Channel</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {listed.data.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link className="row-link" to={`/orders/${encodeURIComponent(o.ref)}`}>
                      {o.ref}
                    </Link>
                  </td>
                  <td>{o.channel}</td>
                  <td>
                    <Badge kind={o.state}>{o.state}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {!listing &&
        found.data &&
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
