import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../package/install.js';

/** The Containerfile's rules, read from its syntax tree as a builder reads it. */
const text = readFileSync(join(ROOT, 'Containerfile'), 'utf8');
const file = DockerfileParser.parse(text);
const all = file.getInstructions();
const froms = file.getFROMs();
const finalStart = froms.at(-1)!.getRange().start.line;
const final = all.filter((i) => i.getRange().start.line >= finalStart);
const keyword = (i: Instruction) => i.getKeyword().toUpperCase();
const args = (i: Instruction) => i.getArgumentsContent() ?? '';

describe('Containerfile', () => {
  it('is multi-stage, every stage from the BASE argument, pinned by digest by default', () => {
    expect(froms.length).toBeGreaterThanOrEqual(3);
    for (const f of froms) expect(f.getImage()).toMatch(/^(\$\{BASE\}|build|deps)$/);
    const base = file.getInitialARGs().find((a) => a.getProperty()?.getName() === 'BASE');
    expect(base?.getProperty()?.getValue()).toMatch(
      /^docker\.io\/library\/node:\d+-bookworm-slim@sha256:[0-9a-f]{64}$/,
    );
  });

  it('runs the final stage as a numeric non-root user', () => {
    const users = final.filter((i) => keyword(i) === 'USER').map(args);
    expect(users.length).toBeGreaterThan(0);
    const [user, group] = users.at(-1)!.split(':');
    expect(user).toMatch(/^\d+$/);
    expect(Number(user)).toBeGreaterThan(0);
    expect(Number(group ?? user)).toBeGreaterThan(0);
    // Nothing after USER switches back.
    const lastUser = final.findLastIndex((i) => keyword(i) === 'USER');
    expect(final.slice(lastUser + 1).map(keyword)).not.toContain('USER');
  });

  it('starts in exec form under tini, so SIGTERM reaches Ferry and not a shell', () => {
    const entry = final.filter((i) => keyword(i) === 'ENTRYPOINT');
    const cmd = final.filter((i) => keyword(i) === 'CMD');
    expect(entry).toHaveLength(1);
    expect(cmd).toHaveLength(1);
    for (const i of [...entry, ...cmd]) expect(args(i).trim(), args(i)).toMatch(/^\[.*\]$/s);
    const e = JSON.parse(args(entry[0]!)) as string[];
    expect(e.slice(0, 2)).toEqual(['/usr/bin/tini', '--']);
    expect(JSON.parse(args(cmd[0]!))).toEqual(['serve']);
  });

  it('fetches nothing by ADD, and takes no secret as a build argument', () => {
    for (const add of all.filter((i) => keyword(i) === 'ADD'))
      expect(args(add)).not.toMatch(/(https?|git|ftp):\/\/|git@/);
    const argNames = all.filter((i) => keyword(i) === 'ARG').map((i) => args(i).split('=')[0]!);
    expect(argNames.filter((n) => /pass|secret|token|key|credential/i.test(n))).toEqual([]);
    const envs = all
      .filter((i) => keyword(i) === 'ENV')
      .map(args)
      .join(' ');
    expect(envs).not.toMatch(/PASSWORD|SECRET|TOKEN|KEYRING=/);
  });

  it('labels the image with the OCI annotations', () => {
    const labels = final
      .filter((i) => keyword(i) === 'LABEL')
      .map(args)
      .join(' ');
    for (const k of ['title', 'description', 'licenses', 'version', 'revision'])
      expect(labels).toContain(`org.opencontainers.image.${k}=`);
  });

  it('keeps local state, builds and secrets out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const p of ['.git', 'node_modules', 'dist', '*.db', '.env', 'keyring*.json', 'ferry.config.*'])
      expect(ignored).toContain(p);
  });
});
