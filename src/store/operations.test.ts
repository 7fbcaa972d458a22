/**
 * STYLE.md rule 1 as a test that fails on a violation: one storage operation per file, named by
 * its verb, and SQL only there.
 *
 * - An *operation* is an exported top-level function (a declaration, or a `const` bound to an arrow
 *   or function expression) whose first parameter is a connection: typed `Kysely<…>`,
 *   `Transaction<…>`, `AnyKysely` (the migration functions' any-schema handle) or better-sqlite3's
 *   `Database`.
 * - Every non-test source file under src/store (the numbered migrations aside) exports at most one
 *   operation, and a file that exports one is named after it (`getOrderByRef.ts` exports
 *   `getOrderByRef`). A role's `index.ts` therefore only assembles; row types and mappers shared by
 *   several operations sit in a file of their own that exports none.
 * - A file that exports no operation runs no statement: it calls none of `execute`,
 *   `executeTakeFirst`, `executeTakeFirstOrThrow`, `stream`, `prepare` or `exec`. Shared query
 *   fragments (a `where` condition, a LIKE pattern) may live there; they run only inside an
 *   operation. The adapters' connection plumbing is the exception, listed below by file.
 *
 * Read with the TypeScript compiler's parser, so comments and strings never count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const STORE = dirname(fileURLToPath(import.meta.url));

/** Files that run statements without being an operation: transactions, savepoints, pragmas, backups. */
const PLUMBING = new Set([
  'session.ts', // savepoints
  'sqlite/openSqlite.ts', // pragmas, BEGIN IMMEDIATE / COMMIT, the statement cache
  'postgres/openPostgres.ts', // the pool's first query, pg_notify on commit
  'sqlite/backupSqlite.ts', // a whole-file online backup of a path, not a session's
]);

const CONNECTION = /^(Kysely<|Transaction<|AnyKysely$|Database$|Database\.Database$)/;
const RUNS = new Set(['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'stream', 'prepare', 'exec']);

const posix = (p: string) => p.split(sep).join('/');

function storeSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : storeSources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The operations a source exports, by name, and the statement-running calls it makes. */
function readSource(text: string): { operations: string[]; runs: string[] } {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  const takesConnection = (params: ts.NodeArray<ts.ParameterDeclaration>) =>
    CONNECTION.test(params[0]?.type?.getText(sf) ?? '');
  const operations: string[] = [];
  for (const st of sf.statements) {
    const exported =
      ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(st) && st.name && takesConnection(st.parameters))
      operations.push(st.name.text);
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (
          init &&
          (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) &&
          takesConnection(init.parameters)
        )
          operations.push(d.name.getText(sf));
      }
  }
  const runs: string[] = [];
  const visit = (n: ts.Node): void => {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      RUNS.has(n.expression.name.text)
    )
      runs.push(n.expression.name.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { operations, runs };
}

/** What is wrong with one file, or nothing. */
function violations(file: string, text: string): string[] {
  const { operations, runs } = readSource(text);
  const out: string[] = [];
  if (operations.length > 1)
    out.push(`${file} exports ${operations.length} operations: ${operations.join(', ')}`);
  if (operations.length === 1 && basename(file, '.ts') !== operations[0])
    out.push(`${file} exports ${operations[0]}: name the file ${operations[0]}.ts`);
  if (operations.length === 0 && runs.length > 0 && !PLUMBING.has(file))
    out.push(`${file} runs SQL (${[...new Set(runs)].join(', ')}) but exports no operation`);
  return out;
}

describe('one storage operation per file (STYLE.md rule 1)', () => {
  const files = storeSources(STORE).map((p) => ({
    file: posix(relative(STORE, p)),
    text: readFileSync(p, 'utf8'),
  }));

  it('every store file exports at most one operation, named like the file, and only operation files run SQL', () => {
    expect(files.flatMap(({ file, text }) => violations(file, text))).toEqual([]);
  });

  it('finds the operations the roles are assembled from', () => {
    const withOperation = files.filter(({ text }) => readSource(text).operations.length === 1);
    // The queue's hot paths, per dialect, and a role's operation are all found.
    expect(withOperation.map((f) => f.file)).toEqual(
      expect.arrayContaining([
        'orders/getOrderByRef.ts',
        'sqlite/leaseJobs.ts',
        'postgres/leaseJobs.ts',
        'sqlite/acquireRuntimeLock.ts',
      ]),
    );
    expect(withOperation.length).toBeGreaterThan(150);
  });

  it('fails on a file of two operations, on a misnamed one, and on SQL outside an operation', () => {
    const two = `
      export async function getOrder(db: Kysely<DB>, id: number) { return db.selectFrom('orders').execute(); }
      export const listOrders = async (db: Kysely<DB>) => db.selectFrom('orders').execute();`;
    expect(violations('orders/orders.ts', two)).toEqual([
      'orders/orders.ts exports 2 operations: getOrder, listOrders',
    ]);
    const raw = `export function leaseJobs(raw: Database, n: number) { return raw.prepare('select 1').all(); }`;
    expect(violations('sqlite/lease.ts', raw)).toEqual([
      'sqlite/lease.ts exports leaseJobs: name the file leaseJobs.ts',
    ]);
    expect(violations('sqlite/leaseJobs.ts', raw)).toEqual([]);
    const helper = `
      // db.execute() in a comment does not count
      export function toOrder(r: Row) { return { id: Number(r.id) }; }
      function sneak(db: Kysely<DB>) { return db.selectFrom('orders').executeTakeFirst(); }`;
    expect(violations('orders/orderRows.ts', helper)).toEqual([
      'orders/orderRows.ts runs SQL (executeTakeFirst) but exports no operation',
    ]);
    // A shared condition builds SQL without running it.
    const fragment = `export function newest(eb: ExpressionBuilder<DB, 'mappings'>) { return eb('version', '=', 1); }`;
    expect(violations('approvals/newest.ts', fragment)).toEqual([]);
  });
});
