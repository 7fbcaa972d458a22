import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFolderTransport } from './index.js';
import type { InboundFile, X12Transport } from './index.js';

let root: string;
let transport: X12Transport;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-x12-folder-'));
  transport = await openFolderTransport({ root });
});
afterEach(async () => {
  await transport.close();
  await rm(root, { recursive: true, force: true });
});

describe('folder transport', () => {
  it('moves a file to processed/ only after intake resolved', async () => {
    await writeFile(join(root, 'inbox', 'a.edi'), 'ISA-A');
    const seen: { name: string; text: string; inInbox: boolean; inProcessed: boolean }[] = [];
    const result = await transport.poll(async (f: InboundFile) => {
      seen.push({
        name: f.name,
        text: f.text,
        inInbox: existsSync(join(root, 'inbox', f.name)),
        inProcessed: existsSync(join(root, 'processed', f.name)),
      });
      await new Promise((r) => setTimeout(r, 5));
      return 'processed';
    });
    expect(seen).toEqual([{ name: 'a.edi', text: 'ISA-A', inInbox: true, inProcessed: false }]);
    expect(result).toEqual({ processed: ['a.edi'], errored: [], failed: [], stale: [] });
    expect(await readdir(join(root, 'inbox'))).toEqual([]);
    expect(await readFile(join(root, 'processed', 'a.edi'), 'utf8')).toBe('ISA-A');
  });

  it('a failing intake leaves the file in the inbox, and the next poll takes it', async () => {
    await writeFile(join(root, 'inbox', 'a.edi'), 'A');
    await writeFile(join(root, 'inbox', 'b.edi'), 'B');
    const boom = new Error('store down');
    const first = await transport.poll((f) =>
      f.name === 'a.edi' ? Promise.reject(boom) : Promise.resolve('processed'),
    );
    expect(first.failed).toEqual([{ name: 'a.edi', error: boom }]);
    expect(first.processed).toEqual(['b.edi']);
    expect(await readdir(join(root, 'inbox'))).toEqual(['a.edi']);
    const second = await transport.poll(() => Promise.resolve('processed'));
    expect(second.processed).toEqual(['a.edi']);
  });

  it('error verdicts go to error/, in-flight dotfiles are skipped, re-sent names are kept apart', async () => {
    await writeFile(join(root, 'inbox', 'bad.edi'), 'X');
    await writeFile(join(root, 'inbox', '.upload.part'), 'half');
    expect((await transport.poll(() => Promise.resolve('error'))).errored).toEqual(['bad.edi']);
    await writeFile(join(root, 'inbox', 'bad.edi'), 'Y');
    await transport.poll(() => Promise.resolve('error'));
    expect((await readdir(join(root, 'error'))).sort()).toEqual(['bad.edi', 'bad.edi.1']);
    expect(await readdir(join(root, 'inbox'))).toEqual(['.upload.part']);
  });

  it('sends through a temporary name, never leaving a partial file', async () => {
    await transport.send('940-1.edi', 'content');
    await transport.send('940-1.edi', 'again');
    expect((await readdir(join(root, 'outbox'))).sort()).toEqual(['940-1.edi', '940-1.edi.1']);
  });
});

describe('folder transport boundaries', () => {
  it('refuses folders that leave the root, creating nothing', async () => {
    const outer = await mkdtemp(join(tmpdir(), 'ferry-x12-outer-'));
    const inner = join(outer, 'root');
    try {
      for (const inbox of ['../escape', 'a/../../escape', '/tmp/escape', './in', 'a//b'])
        await expect(openFolderTransport({ root: inner, dirs: { inbox } }), inbox).rejects.toThrow(
          /folder ".*" must stay inside the transport's root/,
        );
      expect(existsSync(join(outer, 'escape'))).toBe(false);
      expect(existsSync(inner)).toBe(false);
    } finally {
      await rm(outer, { recursive: true, force: true });
    }
  });

  it('leaves a dot-file while it may still be uploading, and reports one older than the configured age', async () => {
    let now = Date.now();
    const stale: { name: string; ageMs: number }[][] = [];
    const t = await openFolderTransport({
      root,
      staleAfterMs: 60 * 60_000,
      now: () => now,
      onStale: (files) => stale.push([...files]),
    });
    await writeFile(join(root, 'inbox', '.945-1.edi.part'), 'half');
    expect((await t.poll(() => Promise.resolve('processed'))).stale).toEqual([]);
    now += 61 * 60_000;
    const r = await t.poll(() => Promise.resolve('processed'));
    expect(r.stale.map((f) => f.name)).toEqual(['.945-1.edi.part']);
    expect(r.stale[0]!.ageMs).toBeGreaterThanOrEqual(61 * 60_000 - 5000);
    expect(stale).toEqual([r.stale]);
    expect(await readdir(join(root, 'inbox'))).toEqual(['.945-1.edi.part']);
  });
});
