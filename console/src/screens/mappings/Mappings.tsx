import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, qs } from '../../api/client.js';
import { useChangedSince, useGet, useUrlFilters } from '../../api/hooks.js';
import { isPending, type Mapping, type MappingChangeResult } from '../../api/types.js';
import { ErrorNote, Header, Loading, formText } from '../../components/bits.js';
import { Time } from '../../prefs.js';
import { useMayWriteMapping } from '../../session.js';
import { CsvImport } from './CsvImport.js';
import { PendingApprovals } from './Pending.js';

export const KINDS = ['sku', 'tax', 'carrier', 'location', 'customer', 'rule'] as const;
export const mappingPath = (kind: string, scope: string, key?: string): string =>
  `/mappings/${encodeURIComponent(kind)}/${encodeURIComponent(scope)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;

/** Mappings and rules of one kind in one scope: read, change, add, export and import as CSV. */
export function MappingsScreen() {
  const [f, set] = useUrlFilters(['kind', 'scope'] as const);
  const kind = f.kind || 'sku';
  const mayWrite = useMayWriteMapping();
  const path = f.scope ? mappingPath(kind, f.scope) : null;
  const list = useGet<Mapping[]>(path);
  // Another person's change (or an approval) shows without a reload: the list is read again only
  // when a probe finds mappings of this kind and scope changed since the last look.
  useChangedSince([path], (since) => [`${path}${qs({ changedSince: since })}`], path !== null);
  const [editing, setEditing] = useState<{ key: string; value: string } | null>(null);
  return (
    <div>
      <Header title="Mappings and rules">
        <p className="muted">
          Channel values to Odoo values, per channel or warehouse (the scope). Every change is a new version.
          Changes that need a second person wait under <Link to="/approvals">Approvals</Link>.
        </p>
      </Header>
      <form
        className="filters"
        key={`${kind}:${f.scope}`}
        onSubmit={(e) => {
          e.preventDefault();
          const d = formText(e.currentTarget);
          set({ kind: d('kind'), scope: d('scope') });
        }}
      >
        <label>
          Kind{' '}
          <select name="kind" defaultValue={kind}>
            {KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          Scope <input name="scope" defaultValue={f.scope} placeholder="shop-us" required />
        </label>
        <button type="submit">Show</button>
        <a className="button" href={`/api/mappings/export.csv${qs({ kind, scope: f.scope })}`} download>
          Export CSV
        </a>
      </form>
      <ErrorNote error={list.error} />
      {f.scope && list.isPending && <Loading what="mappings" />}
      {list.data && (
        <MappingTable
          kind={kind}
          scope={f.scope}
          rows={list.data}
          onChange={mayWrite(kind) ? (m) => setEditing({ key: m.key, value: m.value ?? '' }) : undefined}
        />
      )}
      {f.scope && mayWrite(kind) && (
        <AddMapping
          key={`${kind}:${f.scope}:${editing?.key ?? ''}`}
          kind={kind}
          scope={f.scope}
          initial={editing ?? { key: '', value: '' }}
        />
      )}
      <PendingApprovals kind="mappings" title="Mapping changes waiting for approval" />
      {mayWrite() && <CsvImport />}
    </div>
  );
}

function MappingTable({
  kind,
  scope,
  rows,
  onChange,
}: {
  kind: string;
  scope: string;
  rows: Mapping[];
  onChange: ((m: Mapping) => void) | undefined;
}) {
  if (rows.length === 0)
    return (
      <p className="quiet">
        No {kind} mappings in {scope} yet.
      </p>
    );
  return (
    <table className="list">
      <caption className="sr-only">
        {kind} mappings in {scope}
      </caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
          <th scope="col">Version</th>
          <th scope="col">Changed</th>
          {onChange && (
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.key}>
            <td>
              <Link to={mappingPath(m.kind, m.scope, m.key)}>{m.key}</Link>
            </td>
            <td>
              <code>{m.value ?? '(removed)'}</code>
            </td>
            <td>{m.version}</td>
            <td>
              <Time ms={m.createdAt} /> {m.createdBy}
            </td>
            {onChange && (
              <td>
                <button type="button" onClick={() => onChange(m)} aria-label={`Change ${m.key}`}>
                  Change
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddMapping({
  kind,
  scope,
  initial,
}: {
  kind: string;
  scope: string;
  initial: { key: string; value: string };
}) {
  const [key, setKey] = useState(initial.key);
  const [value, setValue] = useState(initial.value);
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => api<MappingChangeResult>('PUT', mappingPath(kind, scope, key), { value }),
    onSuccess: async () => {
      setKey('');
      setValue('');
      await client.invalidateQueries();
    },
  });
  return (
    <form
      className="filters"
      aria-label={`Add or change a ${kind} mapping`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label>
        Key <input required value={key} onChange={(e) => setKey(e.target.value)} />
      </label>
      <label>
        Value <input required value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" disabled={save.isPending}>
        Save mapping
      </button>
      <span role="status">
        {save.data
          ? isPending(save.data)
            ? `Waiting for a second person's approval (change ${save.data.id}: ${save.data.summary}).`
            : `Saved ${save.data.key} as version ${save.data.version}.`
          : ''}
      </span>
      <ErrorNote error={save.error} />
    </form>
  );
}
