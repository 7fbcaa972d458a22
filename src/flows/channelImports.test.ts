/**
 * The flows know channels only through the channel port (core/channel): no flow imports a channel
 * connector, and no Shopify wire detail (GraphQL, `gid://` ids) is written in a flow. Test rigs
 * (files that start simulators) are not flows and are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = new URL('.', import.meta.url).pathname;
const RIGS = new Set(['testing.ts', 'e2eRig.ts', 'testRig.ts']);

function flowFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test-helpers' ? [] : flowFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !RIGS.has(e.name) ? [path] : [];
  });
}

it('no flow imports a channel connector or writes Shopify wire details', () => {
  const files = flowFiles(ROOT);
  expect(files.length).toBeGreaterThan(40);
  const found = files.flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    const hits = [
      /from '[./]*connectors\/shopify\//.test(text) && 'imports connectors/shopify',
      /from '[./]*connectors\/amazon\//.test(text) && 'imports connectors/amazon',
      /gid:\/\//.test(text) && 'writes a gid:// id',
      /\b(query|mutation)\s+\w+\s*[({]/.test(text) && 'writes a GraphQL operation',
    ].filter((h): h is string => typeof h === 'string');
    return hits.map((h) => `${relative(ROOT, f)}: ${h}`);
  });
  expect(found).toEqual([]);
});
