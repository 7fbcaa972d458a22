import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { useChangedSince, useUrlFilters } from '../../api/hooks.js';
import type { ExceptionItem, Page } from '../../api/types.js';
import { Badge, ErrorNote, Header, Loading } from '../../components/bits.js';
import { SavedViews } from '../../components/SavedViews.js';
import { Time } from '../../prefs.js';
import { Can, P, useSession } from '../../session.js';
import { BulkBar } from './BulkBar.js';
import { FILTER_KEYS, listPath, probePaths, type Filters } from './filters.js';
import { FilterBar } from './FilterBar.js';

/**
 * The exception queue: open and resolved tabs, filters in the URL, newest changes pulled in by
 * "changed since" polling, keyboard j/k to move, x to select, Enter to open.
 */
export function ExceptionQueue() {
  const [filters, setFilters, params] = useUrlFilters(FILTER_KEYS);
  const cursor = params.get('cursor') ?? '';
  const status = filters.status || 'open';
  const path = listPath(filters, cursor);
  const list = useQuery({
    queryKey: [path],
    queryFn: () => api<Page<ExceptionItem>>('GET', path),
    placeholderData: keepPreviousData,
  });
  useChangedSince([path], (since) => probePaths(filters, since));
  const [selected, setSelected] = useState<Set<number>>(new Set());
  useEffect(() => setSelected(new Set()), [path]);
  const items = list.data?.items ?? [];
  const [focus, setFocus] = useState(0);
  const rows = useRef<HTMLTableSectionElement>(null);
  const navigate = useNavigate();
  const { can } = useSession();
  const mayAct = can(P.exceptionsAct, P.exceptionsActFinance);
  const toggle = (id: number) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const onKey = (e: React.KeyboardEvent) => {
    if ((e.target as HTMLElement).tagName === 'INPUT' && (e.target as HTMLInputElement).type !== 'checkbox')
      return;
    const move = e.key === 'j' ? 1 : e.key === 'k' ? -1 : 0;
    if (move) {
      const next = Math.min(Math.max(focus + move, 0), items.length - 1);
      setFocus(next);
      rows.current?.querySelectorAll<HTMLAnchorElement>('a.row-link')[next]?.focus();
    } else if (e.key === 'x' && mayAct && items[focus]) toggle(items[focus].id);
    else if (e.key === 'Enter' && items[focus] && (e.target as HTMLElement).tagName !== 'A')
      void navigate(`/exceptions/${items[focus].id}`);
  };
  return (
    <div onKeyDown={onKey}>
      <Header title="Exception queue">
        <p className="muted">
          Orders and messages that need a person. Keys: j/k move, x selects, Enter opens.
        </p>
      </Header>
      <div role="tablist" aria-label="Status" className="tabs">
        {(['open', 'resolved'] as const).map((s) => (
          <button
            key={s}
            role="tab"
            type="button"
            aria-selected={status === s}
            onClick={() => setFilters({ status: s === 'open' ? '' : s })}
          >
            {s === 'open' ? 'Open' : 'Resolved'}
          </button>
        ))}
      </div>
      <FilterBar filters={filters} set={setFilters} />
      <SavedViews screen="exceptions" />
      {status === 'open' && mayAct && (
        <BulkBar
          filters={filters}
          selected={[...selected]}
          total={list.data?.total ?? 0}
          onDone={() => setSelected(new Set())}
        />
      )}
      <ErrorNote error={list.error} />
      {list.isPending ? (
        <Loading what="exceptions" />
      ) : (
        <Table
          items={items}
          filters={filters}
          selected={selected}
          toggle={toggle}
          rows={rows}
          setFocus={setFocus}
        />
      )}
      <nav aria-label="Pages" className="pager">
        <span aria-live="polite">{list.data ? `${list.data.total} matching` : ''}</span>
        {cursor && (
          <button type="button" onClick={() => setFilters({ cursor: '' })}>
            First page
          </button>
        )}
        {list.data?.nextCursor && (
          <button type="button" onClick={() => setFilters({ cursor: list.data.nextCursor ?? '' })}>
            Next page
          </button>
        )}
      </nav>
    </div>
  );
}

function Table({
  items,
  filters,
  selected,
  toggle,
  rows,
  setFocus,
}: {
  items: ExceptionItem[];
  filters: Filters;
  selected: Set<number>;
  toggle: (id: number) => void;
  rows: React.RefObject<HTMLTableSectionElement | null>;
  setFocus: (i: number) => void;
}) {
  if (items.length === 0)
    return (
      <p className="quiet">
        {filters.status === 'resolved'
          ? 'Nothing resolved matches.'
          : 'Nothing waiting: no open exception matches.'}
      </p>
    );
  return (
    <table className="list">
      <caption className="sr-only">Exceptions</caption>
      <thead>
        <tr>
          <Can any={[P.exceptionsAct, P.exceptionsActFinance]}>
            <th scope="col">
              <span className="sr-only">Select</span>
            </th>
          </Can>
          <th scope="col">#</th>
          <th scope="col">Impact</th>
          <th scope="col">Error class</th>
          <th scope="col">What failed</th>
          <th scope="col">Where</th>
          <th scope="col">Since</th>
          <th scope="col">Assignee</th>
        </tr>
      </thead>
      <tbody ref={rows}>
        {items.map((e, i) => (
          <tr key={e.id} className={selected.has(e.id) ? 'selected' : undefined}>
            <Can any={[P.exceptionsAct, P.exceptionsActFinance]}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select exception ${e.id}`}
                  checked={selected.has(e.id)}
                  onChange={() => toggle(e.id)}
                />
              </td>
            </Can>
            <td>
              <Link className="row-link" to={`/exceptions/${e.id}`} onFocus={() => setFocus(i)}>
                {e.id}
              </Link>
            </td>
            <td>
              <Badge kind={e.impact}>{e.impact}</Badge>
            </td>
            <td>{e.errorClass ?? '—'}</td>
            <td>
              <strong>{e.rule ?? e.code}</strong> <span className="clip">{e.message}</span>
            </td>
            <td>
              {e.partner ?? e.lane}
              <div className="muted">{e.task}</div>
            </td>
            <td>
              <Time ms={e.createdAt} />
            </td>
            <td>{e.assignee?.name ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
