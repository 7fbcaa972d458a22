import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { ErrorNote } from '../../components/bits.js';

/** What an import would do (dry run) or did: changes row by row, and every bad row at once. */
export interface ImportResult {
  changes: {
    row?: number;
    kind: string;
    scope: string;
    key: string;
    from: string | null;
    to: string | null;
  }[];
  errors: { row: number; message: string }[];
  applied?: boolean;
  pending?: boolean;
}

/**
 * CSV import in two steps: a dry run lists what would change and every bad row, and only then
 * can the same file be applied.
 */
export function CsvImport() {
  const [csv, setCsv] = useState<string | null>(null);
  const [name, setName] = useState('');
  const client = useQueryClient();
  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      api<ImportResult>('POST', `/mappings/import${dryRun ? '?dryRun=1' : ''}`, csv ?? '', 'text/csv'),
    onSuccess: (_r, dryRun) => (dryRun ? undefined : client.invalidateQueries()),
  });
  const r = run.data;
  const checked = r && run.variables === true;
  return (
    <section aria-labelledby="csv" className="card">
      <h2 id="csv">Import from CSV</h2>
      <p className="muted">Columns: kind, scope, key, value. An empty value removes the mapping.</p>
      <label>
        CSV file{' '}
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const f = e.target.files?.[0];
            run.reset();
            setName(f?.name ?? '');
            setCsv(null);
            if (f) void f.text().then(setCsv);
          }}
        />
      </label>{' '}
      <button type="button" disabled={!csv || run.isPending} onClick={() => run.mutate(true)}>
        Check (dry run)
      </button>{' '}
      {checked && r.errors.length === 0 && r.changes.length > 0 && (
        <button type="button" className="primary" onClick={() => run.mutate(false)}>
          Apply {r.changes.length} changes from {name}
        </button>
      )}
      <ErrorNote error={run.error} />
      {r && <ImportReport r={r} dryRun={run.variables === true} />}
    </section>
  );
}

function ImportReport({ r, dryRun }: { r: ImportResult; dryRun: boolean }) {
  return (
    <div role="status">
      {r.errors.length > 0 && (
        <>
          <h3>{r.errors.length} bad rows: nothing will be imported until they are fixed</h3>
          <ul className="error">
            {r.errors.map((e) => (
              <li key={e.row}>
                row {e.row}: {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>
        {dryRun ? 'Would change' : r.pending ? 'Waiting for approval' : 'Changed'}: {r.changes.length}
      </h3>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Mapping</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {r.changes.map((c) => (
            <tr key={`${c.kind}/${c.scope}/${c.key}`}>
              <td>
                {c.kind} {c.scope} <code>{c.key}</code>
              </td>
              <td>
                <code>{c.from ?? '(none)'}</code>
              </td>
              <td>
                <code>{c.to ?? '(removed)'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
