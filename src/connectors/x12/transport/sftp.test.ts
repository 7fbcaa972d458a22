import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { isFerryError } from '../../../core/errors.js';
import { startSftpServer } from '../../../sandbox/x12-3pl/index.js';
import type { RunningSftpServer } from '../../../sandbox/x12-3pl/index.js';
import { openSftpTransport } from './index.js';

let root: string;
let server: RunningSftpServer;
const clientKey = ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-x12-sftp-'));
  server = await startSftpServer({
    root,
    username: 'ferry',
    password: 's3cret',
    publicKey: clientKey.public,
  });
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const base = () => ({ partnerId: 'acme-3pl', host: server.host, port: server.port, username: 'ferry' });

describe('SFTP transport against the simulator server', () => {
  it('creates its folders, sends atomically and moves inbound files after intake', async () => {
    const t = await openSftpTransport({ ...base(), password: 's3cret', root: '/' });
    try {
      expect((await readdir(root)).sort()).toEqual(['error', 'inbox', 'outbox', 'processed']);
      await t.send('940-1.edi', 'ISA*940');
      expect(await readdir(join(root, 'outbox'))).toEqual(['940-1.edi']);
      expect(await readFile(join(root, 'outbox', '940-1.edi'), 'utf8')).toBe('ISA*940');

      await writeFile(join(root, 'inbox', 'a.edi'), 'ISA*945');
      await writeFile(join(root, 'inbox', 'b.edi'), 'ISA*846');
      const texts: string[] = [];
      const result = await t.poll((f) => {
        texts.push(f.text);
        return f.name === 'b.edi' ? Promise.reject(new Error('inbox full')) : Promise.resolve('processed');
      });
      expect(texts).toEqual(['ISA*945', 'ISA*846']);
      expect(result.processed).toEqual(['a.edi']);
      expect(result.failed.map((f) => f.name)).toEqual(['b.edi']);
      expect(await readdir(join(root, 'inbox'))).toEqual(['b.edi']);
      expect(await readdir(join(root, 'processed'))).toEqual(['a.edi']);
    } finally {
      await t.close();
    }
  });

  it('logs in with a key', async () => {
    const t = await openSftpTransport({ ...base(), privateKey: clientKey.private, root: '/' });
    await t.close();
  });

  it('a wrong password is classified partner_auth, not retryable', async () => {
    const error: unknown = await openSftpTransport({ ...base(), password: 'nope' }).catch((e: unknown) => e);
    expect(isFerryError(error) && error.code).toBe('partner_auth');
    expect(isFerryError(error) && error.retryable).toBe(false);
  });

  it('a closed port is classified partner_unavailable, retryable', async () => {
    const error: unknown = await openSftpTransport({ ...base(), port: 1, password: 's3cret' }).catch(
      (e: unknown) => e,
    );
    expect(isFerryError(error) && error.code).toBe('partner_unavailable');
    expect(isFerryError(error) && error.retryable).toBe(true);
  });
});
