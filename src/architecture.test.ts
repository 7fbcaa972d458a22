/**
 * The layering rules of STYLE.md ("Layout") as a test that fails on a violation:
 *
 * - the engine knows jobs, not business: it imports no flow, connector or ops code;
 * - a connector knows its partner and the canonical model: it never imports another connector,
 *   nor the store (an adapter that needs storage declares the small interface it needs);
 * - a flow knows the canonical model and connector ports, never a partner's wire format: it
 *   imports from a connector only what the connector's port files declare, and no Kysely;
 * - nothing in src outside test files imports test-helpers or sandbox (except sandbox itself and
 *   the demo command);
 * - only the store reaches its Kysely handle (store/handle.ts); tests do through test-helpers/storeDb.ts.
 *
 * Imports are read with the TypeScript compiler's parser (static `import`, `export … from`,
 * `import x = require()`, and dynamic `import()`), type-only ones included.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PENDING } from './test-helpers/architecturePending.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** One import of one file: `target` is a repo-relative module file, or a package name. */
interface ImportRef {
  from: string;
  target: string;
  /** Names imported; null when the whole module is (namespace, side effect, dynamic import). */
  names: string[] | null;
}

const posix = (p: string) => p.split(sep).join('/');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The module file a relative specifier names (`./x.js` → x.ts, a folder → its index.ts). */
function resolveRelative(fromFile: string, spec: string): string {
  const base = resolve(dirname(fromFile), spec);
  const candidates = [
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    base,
    join(base, 'index.ts'),
  ];
  const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return posix(relative(ROOT, hit ?? base));
}

/** `@scope/name/sub` → `@scope/name`; `kysely/helpers` → `kysely`. */
function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function namesOf(node: ts.ImportDeclaration | ts.ExportDeclaration): string[] | null {
  if (ts.isExportDeclaration(node)) {
    if (!node.exportClause || !ts.isNamedExports(node.exportClause)) return null;
    return node.exportClause.elements.map((e) => (e.propertyName ?? e.name).text);
  }
  const clause = node.importClause;
  if (!clause) return null; // a side-effect import runs the whole module
  const names: string[] = [];
  if (clause.name) names.push('default');
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) return null;
  if (bindings) for (const e of bindings.elements) names.push((e.propertyName ?? e.name).text);
  return names;
}

/** Every import of one file. */
function importsOf(file: string, text = readFileSync(file, 'utf8')): ImportRef[] {
  const from = posix(relative(ROOT, file));
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const out: ImportRef[] = [];
  const add = (spec: string, names: string[] | null) => {
    if (spec.startsWith('node:')) return;
    const target = spec.startsWith('.') ? resolveRelative(file, spec) : packageOf(spec);
    out.push({ from, target, names });
  };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      add(node.moduleSpecifier.text, namesOf(node));
    else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    )
      add(node.moduleReference.expression.text, null);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    )
      add(node.arguments[0].text, null);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Tests and the modules only tests use. */
function isTestFile(path: string): boolean {
  return (
    /\.test\.tsx?$/.test(path) ||
    /\.test-helpers\.tsx?$/.test(path) ||
    path.split('/').includes('test-helpers')
  );
}

const layer = (path: string): string | undefined => /^src\/([^/]+)\//.exec(path)?.[1];
const connectorOf = (path: string): string | undefined => /^src\/connectors\/([^/]+)\//.exec(path)?.[1];

/** Whether a module file declares a connector's port (the only part of a connector a flow may see). */
const isPortFile = (path: string) => /^src\/connectors\/[^/]+\/(port\.ts|ports?\/)/.test(path);

/** Names the connector's port files export, per connector. */
function portNames(files: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const file of files) {
    const path = posix(relative(ROOT, file));
    if (!isPortFile(path) || isTestFile(path)) continue;
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    let names = out.get(connectorOf(path)!);
    if (!names) out.set(connectorOf(path)!, (names = new Set()));
    for (const st of sf.statements) {
      const exported =
        ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
      } else if ('name' in st && st.name && ts.isIdentifier(st.name)) names.add(st.name.text);
    }
    // Re-exports (a port.ts gathering ports/*.ts); `export *` needs none: those files are read too.
    for (const st of sf.statements)
      if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause))
        for (const e of st.exportClause.elements) names.add(e.name.text);
  }
  return out;
}

/** The rule an import breaks, or undefined. */
function ruleBroken(ref: ImportRef, ports: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  if (isTestFile(ref.from)) return undefined;
  const from = layer(ref.from);
  const to = layer(ref.target);
  if (to === 'test-helpers' || isTestFile(ref.target)) return 'only tests import test helpers';
  if (to === 'sandbox' && from !== 'sandbox' && ref.from !== 'src/cli/commands/demo.ts')
    return 'only the sandbox, the demo and tests import the sandbox';
  if (ref.target === 'src/store/handle.ts' && from !== 'store')
    return "only the store reaches its Kysely handle; callers use the session's roles";
  if (from === 'engine' && (to === 'flows' || to === 'connectors' || to === 'ops'))
    return 'the engine imports no flow, connector or ops code';
  if (from === 'connectors') {
    if (to === 'store') return 'connectors do not import the store';
    if (to === 'connectors' && connectorOf(ref.target) !== connectorOf(ref.from))
      return 'connectors do not import each other';
  }
  if (from === 'flows') {
    if (ref.target === 'kysely') return 'flows do not import Kysely';
    if (to === 'connectors') {
      const allowed = ports.get(connectorOf(ref.target)!) ?? new Set<string>();
      if (ref.names === null || ref.names.some((n) => !allowed.has(n)))
        return "flows import only a connector's port, never its wire format";
    }
  }
  return undefined;
}

/** `file → module` for every import that breaks a rule. */
function violations(
  refs: readonly ImportRef[],
  ports: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of refs) {
    const rule = ruleBroken(r, ports);
    if (rule) out.set(`${r.from} → ${r.target}`, rule);
  }
  return out;
}

describe('import rules', () => {
  const files = sourceFiles(join(ROOT, 'src'));
  const ports = portNames(files);
  const found = violations(
    files.flatMap((f) => importsOf(f)),
    ports,
  );

  it('hold everywhere except the listed pending work, and the list is exactly what remains', () => {
    const unexpected = [...found].filter(([k]) => !PENDING.has(k)).map(([k, rule]) => `${k}  (${rule})`);
    const fixed = [...PENDING.keys()].filter((k) => !found.has(k));
    expect(unexpected, 'imports that break a layering rule').toEqual([]);
    expect(fixed, 'pending entries no longer needed: remove them from architecturePending.ts').toEqual([]);
  });

  it('catches each kind of violation', () => {
    const refs: ImportRef[] = [
      { from: 'src/engine/worker.ts', target: 'src/flows/order-intake/index.ts', names: ['x'] },
      { from: 'src/engine/worker.ts', target: 'src/ops/logging/index.ts', names: ['x'] },
      { from: 'src/connectors/x12/a.ts', target: 'src/connectors/odoo/index.ts', names: ['OdooPort'] },
      { from: 'src/connectors/x12/a.ts', target: 'src/store/index.ts', names: ['Store'] },
      { from: 'src/flows/shipment/a.ts', target: 'kysely', names: ['Kysely'] },
      { from: 'src/flows/shipment/a.ts', target: 'src/connectors/shopify/index.ts', names: ['orderCancel'] },
      { from: 'src/flows/shipment/a.ts', target: 'src/connectors/odoo/index.ts', names: null },
      { from: 'src/app/ferry.ts', target: 'src/test-helpers/rig.ts', names: ['startRig'] },
      { from: 'src/app/ferry.ts', target: 'src/connectors/odoo/test-helpers/targets.ts', names: ['t'] },
      { from: 'src/app/ferry.ts', target: 'src/sandbox/odoo/index.ts', names: ['OdooSimulator'] },
      { from: 'src/ops/metrics/metrics.ts', target: 'src/store/handle.ts', names: ['handleOf'] },
    ];
    const allowed: ImportRef[] = [
      { from: 'src/connectors/x12/a.ts', target: 'src/connectors/x12/edi/index.ts', names: ['x'] },
      { from: 'src/flows/shipment/a.ts', target: 'src/connectors/odoo/index.ts', names: ['OdooPort'] },
      { from: 'src/flows/shipment/a.test.ts', target: 'kysely', names: ['sql'] },
      { from: 'src/test-helpers/rig.ts', target: 'src/sandbox/distributor.ts', names: ['x'] },
      { from: 'src/sandbox/demo/run.ts', target: 'src/sandbox/odoo/index.ts', names: ['x'] },
      { from: 'src/cli/commands/demo.ts', target: 'src/sandbox/demo/index.ts', names: ['runDemo'] },
      { from: 'src/engine/worker.ts', target: 'src/store/index.ts', names: ['Store'] },
      { from: 'src/store/session.ts', target: 'src/store/handle.ts', names: ['keepHandle'] },
      { from: 'src/test-helpers/storeDb.ts', target: 'src/store/handle.ts', names: ['handleOf'] },
    ];
    const ports = new Map([['odoo', new Set(['OdooPort'])]]);
    expect([...violations(refs, ports).keys()]).toHaveLength(refs.length);
    expect([...violations(allowed, ports).keys()]).toEqual([]);
  });

  it('reads every form of import', () => {
    const file = join(ROOT, 'src/flows/shipment/example.ts');
    const text = [
      "import type { A } from 'kysely';",
      "import * as s from '../../connectors/shopify/index.js';",
      "export { B as C } from '../../connectors/odoo/index.js';",
      "import x = require('../../store/index.js');",
      "const m = await import('../../test-helpers/rig.js');",
      "import 'node:fs';",
    ].join('\n');
    expect(importsOf(file, text)).toEqual([
      { from: 'src/flows/shipment/example.ts', target: 'kysely', names: ['A'] },
      { from: 'src/flows/shipment/example.ts', target: 'src/connectors/shopify/index.ts', names: null },
      { from: 'src/flows/shipment/example.ts', target: 'src/connectors/odoo/index.ts', names: ['B'] },
      { from: 'src/flows/shipment/example.ts', target: 'src/store/index.ts', names: null },
      { from: 'src/flows/shipment/example.ts', target: 'src/test-helpers/rig.ts', names: null },
    ]);
  });
});
