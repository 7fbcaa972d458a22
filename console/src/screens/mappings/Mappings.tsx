import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, qs } from '../../api/client.js';
import { useGet, useUrlFilters } from '../../api/hooks.js';
import type { Mapping } from '../../api/types.js';
import { ErrorNote, Header, Loading, formText } from '../../components/bits.js';
import { Time } from '../../prefs.js';
import { useMayWriteMapping } from '../../session.js';
import { CsvImport } from './CsvImport.js';

export const KINDS = ['sku', 'tax', 'carrier', 'location', 'customer', 'rule'] as const;
export const mappingPath = (kind: string, scope: string, key?: string): string =>
  `/mappings/${encodeURIComponent(kind)}/${encodeURIComponent(scope)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;

/** Mappings and rules of one kind in one scope: read, change, add, export and import as CSV. */
export function MappingsScreen() {
  const [f, set] = useUrlFilters(['kind', 'scope'] as const);
  const kind = f.kind || 'sku';
  const mayWrite = useMayWriteMapping();
  const list = useGet<Mapping[]>(f.scope ? mappingPath(kind, f.scope) : null);
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
      {list.data && <MappingTable kind={kind} scope={f.scope} rows={list.data} />}
      {f.scope && mayWrite(kind) && <AddMapping kind={kind} scope={f.scope} />}
      {mayWrite() && <CsvImport />}
    </div>
  );
}

function MappingTable({ kind, scope, rows }: { kind: string; scope: string; rows: Mapping[] }) {
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
              {m.status === 'pending' ? ' (pending approval)' : ''}
            </td>
            <td>{m.version}</td>
            <td>
              <Time ms={m.at} /> {m.actor ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddMapping({ kind, scope }: { kind: string; scope: string }) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => api<Mapping>('PUT', mappingPath(kind, scope, key), { value }),
    onSuccess: async () => {
      setKey('');
      setValue('');
      await client.invalidateQueries({ queryKey: [mappingPath(kind, scope)] });
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
          ? save.data.status === 'pending'
            ? 'Waiting for approval.'
            : `Saved as version ${save.data.version}.`
          : ''}
      </span>
      <ErrorNote error={save.error} />
    </form>
  );
}
