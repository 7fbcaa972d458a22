import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs } from '../api/client.js';
import { useChangedSince, useUrlFilters } from '../api/hooks.js';
import type { AuditEntry, Page } from '../api/types.js';
import { ErrorNote, Header, Loading, formText } from '../components/bits.js';
import { SavedViews } from '../components/SavedViews.js';
import { JsonView } from '../components/Json.js';
import { Time } from '../prefs.js';

const KEYS = ['actor', 'action', 'targetKind', 'targetId'] as const;

/**
 * Who changed what and when: filters in the URL, a keyset page at a time, new entries pulled in by
 * "changed since" polling, before and after of every entry on demand.
 */
export function AuditScreen() {
  const [f, set, params] = useUrlFilters(KEYS);
  const cursor = params.get('cursor') ?? '';
  const path = `/audit/entries${qs({ ...f, cursor, limit: 100 })}`;
  const list = useQuery({
    queryKey: [path],
    queryFn: () => api<Page<AuditEntry>>('GET', path),
    placeholderData: keepPreviousData,
  });
  // Only the first page grows: a later page is a fixed stretch of an append-only trail.
  useChangedSince(
    [path],
    (since) => [`/audit/entries${qs({ ...f, changedSince: since, limit: 1 })}`],
    !cursor,
  );
  return (
    <div>
      <Header title="Audit log" />
      <form
        className="filters"
        key={JSON.stringify(f)}
        onSubmit={(e) => {
          e.preventDefault();
          const d = formText(e.currentTarget);
          set(Object.fromEntries(KEYS.map((k) => [k, d(k)])));
        }}
      >
        <label>
          Actor <input name="actor" defaultValue={f.actor} placeholder="user:alice" />
        </label>
        <label>
          Action <input name="action" defaultValue={f.action} placeholder="mapping." />
        </label>
        <label>
          Target kind <input name="targetKind" defaultValue={f.targetKind} placeholder="exception" />
        </label>
        <label>
          Target id <input name="targetId" defaultValue={f.targetId} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <SavedViews screen="audit" />
      <ErrorNote error={list.error} />
      {list.isPending ? (
        <Loading what="audit log" />
      ) : (
        <table className="list">
          <caption className="sr-only">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((a) => (
              <tr key={a.id}>
                <td>
                  <Time ms={a.at} />
                </td>
                <td>{a.actor}</td>
                <td>
                  <code>{a.action}</code>
                </td>
                <td>
                  {a.targetKind} {a.targetId}
                </td>
                <td>
                  {(a.before !== undefined || a.after !== undefined) && (
                    <details>
                      <summary>before / after</summary>
                      <JsonView
                        value={{ before: a.before, after: a.after }}
                        label={`Change of audit entry ${a.id}`}
                      />
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages" className="pager">
        <span aria-live="polite">{list.data ? `${list.data.total} matching` : ''}</span>
        {cursor && (
          <button type="button" onClick={() => set({ cursor: '' })}>
            Newest entries
          </button>
        )}
        {list.data?.nextCursor && (
          <button type="button" onClick={() => set({ cursor: list.data.nextCursor ?? '' })}>
            Older entries
          </button>
        )}
      </nav>
    </div>
  );
}
