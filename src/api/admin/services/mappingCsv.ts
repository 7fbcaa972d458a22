import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Clock } from '../../../core/clock.js';
import { FerryError } from '../../../core/errors.js';
import type { Store, StoreSession } from '../../../store/index.js';
import type { Approvals, ApprovalView, MappingChange, Person } from './approvals.js';
import { MAPPING_KINDS } from './mappings.js';
import { applyMappingChanges } from './applyMappingChanges.js';

/** The columns of a mapping CSV file, in the order an export writes them. */
export const CSV_COLUMNS = ['kind', 'scope', 'key', 'value'] as const;
/**
 * Keys compared per query: one bound parameter each, well under SQLite's 32,766 and PostgreSQL's
 * 65,535 parameters per statement, so a file of any size is read in bounded queries.
 */
const KEYS_PER_QUERY = 1000;
type Column = (typeof CSV_COLUMNS)[number];

/** A bad row: its line in the file (the header is line 1), the column at fault (null: the whole row) and what is wrong. */
export interface CsvRowError {
  row: number;
  column: Column | null;
  message: string;
}

/** A row that changes a mapping: from the current value (null: none) to the new one (null: removed). */
export interface CsvChange {
  row: number;
  kind: string;
  scope: string;
  key: string;
  from: string | null;
  fromVersion: number | null;
  to: string | null;
}

/** What an import would do (dry run) or did. */
export interface ImportReport {
  dryRun: boolean;
  /** Data rows read (the header not counted). */
  rows: number;
  changes: CsvChange[];
  /** Rows whose value is already current: they change nothing. */
  unchanged: number;
  /** Every bad row at once; an import with any applies nothing. */
  errors: CsvRowError[];
  /** Whether the changes took effect now (false for a dry run, for bad rows, and when held). */
  applied: boolean;
  /** Set when the profile holds mapping changes for a second person: the approval they wait in. */
  pending: ApprovalView | null;
}

/** Who imports: the person, and the rule that says which kinds they may change (null: may). */
export interface Importer extends Person {
  refusal: (kind: string) => string | null;
}

interface Row {
  row: number;
  kind: string;
  scope: string;
  key: string;
  value: string | null;
}

const label = (r: { kind: string; scope: string; key: string }): string => `${r.kind}/${r.scope}/${r.key}`;

/**
 * Mappings as CSV (kind, scope, key, value): export of the current versions, and import that
 * checks every row before changing anything. An empty value removes a mapping. A dry run reports
 * the changes and every bad row; a real import with any bad row changes nothing, and otherwise
 * applies all its changes in one transaction (or holds them as one approval under four-eyes).
 */
export class MappingCsv {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly approvals: Approvals,
  ) {}

  /** The current mappings (of one kind and scope when given) as CSV with a header line. */
  async export(f: { kind?: string | undefined; scope?: string | undefined } = {}): Promise<string> {
    const rows = await this.store.mappingSets.allCurrentMappings(f);
    return stringify([[...CSV_COLUMNS], ...rows.map((m) => [m.kind, m.scope, m.key, m.value ?? ''])]);
  }

  async import(csv: string, by: Importer, o: { dryRun: boolean }): Promise<ImportReport> {
    const { rows, read, errors } = readRows(csv, by);
    if (o.dryRun || errors.length > 0) {
      const plan = await this.plan(this.store, rows, errors);
      if (!o.dryRun) throw badImport(plan.errors);
      return { dryRun: true, rows: read, ...plan, applied: false, pending: null };
    }
    if (this.approvals.fourEyes.mappings) {
      const plan = await this.plan(this.store, rows, errors);
      if (plan.errors.length) throw badImport(plan.errors);
      const pending = plan.changes.length
        ? await this.approvals.holdMappings(plan.changes.map(toHeld), by)
        : null;
      return { dryRun: false, rows: read, ...plan, applied: false, pending };
    }
    const now = this.clock.now();
    return this.store.transaction(async (tx) => {
      const plan = await this.plan(tx, rows, errors);
      if (plan.errors.length) throw badImport(plan.errors);
      // A chunk per statement: an import of 50,000 rows one by one took minutes on PostgreSQL.
      await applyMappingChanges(
        tx,
        plan.changes.map((c) => ({ ...toHeld(c), extra: { row: c.row } })),
        { actor: by.actor, now, what: 'import', hint: 'nothing was imported; check the file again' },
      );
      return { dryRun: false, rows: read, ...plan, applied: plan.changes.length > 0, pending: null };
    });
  }

  /** Compares the rows with the latest versions: what changes, what is already so, and removals of nothing. */
  private async plan(
    s: StoreSession,
    rows: Row[],
    errors: CsvRowError[],
  ): Promise<{ changes: CsvChange[]; unchanged: number; errors: CsvRowError[] }> {
    const changes: CsvChange[] = [];
    const found = [...errors];
    let unchanged = 0;
    const groups = new Map<string, Row[]>();
    for (const r of rows) {
      const g = `${r.kind}\u0000${r.scope}`;
      const group = groups.get(g);
      if (group) group.push(r);
      else groups.set(g, [r]);
    }
    for (const group of groups.values())
      for (let i = 0; i < group.length; i += KEYS_PER_QUERY) {
        const chunk = group.slice(i, i + KEYS_PER_QUERY);
        const { kind, scope } = chunk[0]!;
        const latest = await s.mappingSets.latestVersions(
          kind,
          scope,
          chunk.map((r) => r.key),
        );
        for (const r of chunk) {
          const last = latest.get(r.key);
          const now = last?.value ?? null;
          if (r.value === null && now === null)
            found.push({
              row: r.row,
              column: 'value',
              message: `empty value removes a mapping, and ${label(r)} has none to remove`,
            });
          else if (now === r.value) unchanged++;
          else
            changes.push({
              row: r.row,
              kind,
              scope,
              key: r.key,
              from: now,
              fromVersion: last?.version ?? null,
              to: r.value,
            });
        }
      }
    const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;
    return { changes: changes.sort(byRow), unchanged, errors: found.sort(byRow) };
  }
}

const toHeld = (c: CsvChange): MappingChange => ({
  kind: c.kind,
  scope: c.scope,
  key: c.key,
  value: c.to,
  baseVersion: c.fromVersion,
  from: c.from,
  action: 'mapping.import',
});

function badImport(errors: CsvRowError[]): FerryError {
  return new FerryError(
    'bad_request',
    `${errors.length} bad row${errors.length === 1 ? '' : 's'}, nothing imported: ` +
      errors.map((e) => `row ${e.row}${e.column ? ` (${e.column})` : ''}: ${e.message}`).join('; '),
  );
}

type ParsedRecord = { record: string[]; info: { lines: number } };
type Read = { rows: Row[]; read: number; errors: CsvRowError[] };
const fileError = (row: number, message: string): Read => ({
  rows: [],
  read: 0,
  errors: [{ row, column: null, message }],
});

/** Parses the file and checks each row on its own; every problem is collected, none stops the others. */
function readRows(csv: string, by: Importer): Read {
  let records: ParsedRecord[];
  try {
    records = parse(csv, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (e) {
    if (e instanceof CsvError) return fileError(Number(e.lines ?? 0), e.message);
    throw e;
  }
  const [head, ...body] = records;
  if (!head) return fileError(1, 'the file is empty');
  const at = columnsOf(head.record);
  if (typeof at === 'string') return fileError(head.info.lines, at);
  if (body.length === 0) return fileError(head.info.lines, 'no rows after the header');
  const rows: Row[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const row = info.lines;
    if (record.length !== CSV_COLUMNS.length) {
      const message = `${record.length} fields, expected ${CSV_COLUMNS.length} (${CSV_COLUMNS.join(', ')})`;
      errors.push({ row, column: null, message });
      continue;
    }
    const cell = (c: Column): string => record[at[c]] ?? '';
    const bad = checkRow(cell, by).map((e) => ({ row, ...e }));
    errors.push(...bad);
    if (bad.length) continue;
    const r: Row = {
      row,
      kind: cell('kind'),
      scope: cell('scope'),
      key: cell('key'),
      value: cell('value') || null,
    };
    const id = `${r.kind}\u0000${r.scope}\u0000${r.key}`;
    const first = seen.get(id);
    if (first !== undefined) {
      errors.push({ row, column: 'key', message: `${label(r)} is already on row ${first}` });
      continue;
    }
    seen.set(id, row);
    rows.push(r);
  }
  return { rows, read: body.length, errors };
}

/** Where each column is, by the header's names (any order, any case); or what is wrong with the header. */
function columnsOf(header: string[]): Record<Column, number> | string {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  const extra = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  if (!missing.length && !extra.length && names.length === CSV_COLUMNS.length)
    return Object.fromEntries(CSV_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;
  return (
    `the header must name the columns ${CSV_COLUMNS.join(', ')}` +
    (missing.length ? `; missing ${missing.join(', ')}` : '') +
    (extra.length ? `; unknown ${extra.join(', ')}` : '') +
    (!missing.length && !extra.length ? '; a column is named twice' : '')
  );
}

/** What is wrong with one row's cells, column by column. */
function checkRow(cell: (c: Column) => string, by: Importer): Omit<CsvRowError, 'row'>[] {
  const out: Omit<CsvRowError, 'row'>[] = [];
  const kind = cell('kind');
  if (!(MAPPING_KINDS as readonly string[]).includes(kind))
    out.push({ column: 'kind', message: `"${kind}" is not a mapping kind (${MAPPING_KINDS.join(', ')})` });
  else {
    const refused = by.refusal(kind);
    if (refused) out.push({ column: 'kind', message: refused });
  }
  for (const c of ['scope', 'key'] as const) {
    const v = cell(c);
    if (!v) out.push({ column: c, message: `${c} is empty` });
    else if (v.trim() !== v) out.push({ column: c, message: `${c} "${v}" starts or ends with spaces` });
  }
  const value = cell('value');
  if (value && !value.trim())
    out.push({ column: 'value', message: 'value is only spaces (leave it empty to remove the mapping)' });
  return out;
}
