import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Approval } from '../../api/types.js';
import { ErrorNote } from '../../components/bits.js';

/** What an import would do (dry run) or did: changes row by row, and every bad row at once. */
export interface ImportResult {
  dryRun: boolean;
  rows: number;
  changes: {
    row: number;
    kind: string;
    scope: string;
    key: string;
    from: string | null;
    to: string | null;
  }[];
  unchanged: number;
  errors: { row: number; column: string | null; message: string }[];
  applied: boolean;
  /** The approval the changes wait in, where the profile asks for four eyes. */
  pending: Approval | null;
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
      <p className="muted">
        Columns: kind, scope, key, value, with a header line. An empty value removes the mapping. Check the
        file first: the dry run lists what would change and every bad row; a file with any bad row changes
        nothing.
      </p>
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
  const verb = dryRun ? 'Would change' : r.pending ? 'Waiting for approval' : 'Changed';
  return (
    <div role="status">
      <p>
        {r.rows} rows read: {r.changes.length}{' '}
        {dryRun ? 'would change' : r.pending ? 'wait for approval' : 'changed'}, {r.unchanged} already so,{' '}
        {r.errors.length} bad.
        {r.pending ? ` A second person approves change ${r.pending.id} under Approvals.` : ''}
      </p>
      {r.errors.length > 0 && (
        <>
          <h3>
            {r.errors.length} bad row{r.errors.length === 1 ? '' : 's'}: nothing will be imported until they
            are fixed
          </h3>
          <table className="list">
            <caption className="sr-only">Bad rows</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Column</th>
                <th scope="col">What is wrong</th>
              </tr>
            </thead>
            <tbody>
              {r.errors.map((e, i) => (
                <tr key={`${e.row}-${i}`} className="error">
                  <td>{e.row}</td>
                  <td>{e.column ?? '(whole row)'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {r.changes.length > 0 && (
        <table className="list">
          <caption>
            {verb}: {r.changes.length}
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Mapping</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
            </tr>
          </thead>
          <tbody>
            {r.changes.map((c) => (
              <tr key={`${c.kind}/${c.scope}/${c.key}`}>
                <td>{c.row}</td>
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
      )}
    </div>
  );
}
