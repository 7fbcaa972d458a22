import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, qs } from '../../api/client.js';
import { useGet } from '../../api/hooks.js';
import { isPending, type Change, type Mapping, type MappingChangeResult } from '../../api/types.js';
import { ErrorNote, Header, Loading, formText } from '../../components/bits.js';
import { DiffView } from '../../components/Json.js';
import { Time } from '../../prefs.js';
import { useMayWriteMapping } from '../../session.js';
import { mappingPath } from './Mappings.js';

/** Every version of one mapping, a diff between any two, and a way back to an earlier one. */
export function MappingHistory() {
  const { kind = '', scope = '', key = '' } = useParams();
  const base = mappingPath(kind, scope, key);
  const mayWrite = useMayWriteMapping();
  const versions = useGet<Mapping[]>(`${base}/versions`);
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const diff = useGet<{ changes: Change[] }>(pair ? `${base}/diff${qs(pair)}` : null);
  const client = useQueryClient();
  const rollback = useMutation({
    mutationFn: (version: number) => api<MappingChangeResult>('POST', `${base}/rollback`, { version }),
    onSuccess: () => client.invalidateQueries(),
  });
  const rows = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <div>
      <Header title={`${kind} mapping ${key}`}>
        <p className="muted">in scope {scope}</p>
      </Header>
      <ErrorNote error={versions.error ?? rollback.error} />
      {versions.isPending && <Loading what="versions" />}
      <table className="list">
        <caption>Versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Value</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m, i) => (
            <tr key={m.version}>
              <td>{m.version}</td>
              <td>
                <code>{m.value ?? '(removed)'}</code>
              </td>
              <td>
                <Time ms={m.createdAt} />
              </td>
              <td>{m.createdBy}</td>
              <td>
                {rows[i + 1] && (
                  <button
                    type="button"
                    onClick={() => setPair({ from: rows[i + 1]!.version, to: m.version })}
                  >
                    Diff with {rows[i + 1]!.version}
                  </button>
                )}{' '}
                {i > 0 && mayWrite(kind) && (
                  <button type="button" onClick={() => rollback.mutate(m.version)}>
                    Make current again
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" aria-live="polite">
        {rollback.data &&
          (isPending(rollback.data)
            ? `Waiting for a second person's approval (change ${rollback.data.id}).`
            : `Now version ${rollback.data.version}.`)}
      </p>
      {rows.length > 2 && (
        <form
          className="filters"
          aria-label="Compare two versions"
          onSubmit={(e) => {
            e.preventDefault();
            const d = formText(e.currentTarget);
            setPair({ from: Number(d('from')), to: Number(d('to')) });
          }}
        >
          <label>
            Compare version{' '}
            <select name="from" defaultValue={rows.at(-1)!.version}>
              {rows.map((m) => (
                <option key={m.version}>{m.version}</option>
              ))}
            </select>
          </label>{' '}
          <label>
            with version{' '}
            <select name="to" defaultValue={rows[0]!.version}>
              {rows.map((m) => (
                <option key={m.version}>{m.version}</option>
              ))}
            </select>
          </label>{' '}
          <button type="submit">Compare</button>
        </form>
      )}
      <ErrorNote error={diff.error} />
      {pair && diff.data && (
        <DiffView changes={diff.data.changes} caption={`Version ${pair.from} → ${pair.to}`} />
      )}
    </div>
  );
}
