/**
 * An in-process SFTP server (ssh2 Server) on 127.0.0.1, port 0, serving one folder, with password
 * or public-key login. It exists so the SFTP transport is tested over a real SSH connection.
 */
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import type { AuthContext, Connection, ParsedKey } from 'ssh2';
import { serveSftp } from './sftp-handlers.js';

/** Server options. */
export interface SftpServerOptions {
  /** Folder served as `/`. */
  readonly root: string;
  readonly username: string;
  /** Accepted password, if password login is allowed. */
  readonly password?: string;
  /** Accepted public key (OpenSSH `ssh-ed25519 AAAA…` line), if key login is allowed. */
  readonly publicKey?: string;
}

/** A running server. */
export interface RunningSftpServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Closes every connection and the listener. */
  close(): Promise<void>;
}

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function authenticate(ctx: AuthContext, options: SftpServerOptions, key: ParsedKey | undefined): void {
  if (!sameText(ctx.username, options.username)) return ctx.reject();
  if (
    ctx.method === 'password' &&
    options.password !== undefined &&
    sameText(ctx.password, options.password)
  ) {
    return ctx.accept();
  }
  if (
    ctx.method === 'publickey' &&
    key &&
    ctx.key.algo === key.type &&
    ctx.key.data.equals(key.getPublicSSH())
  ) {
    // Without a signature the client is only asking whether the key would do (RFC 4252 §7).
    if (!ctx.signature || key.verify(ctx.blob as Buffer, ctx.signature, ctx.hashAlgo) === true)
      return ctx.accept();
  }
  ctx.reject(['password', 'publickey']);
}

/** Starts the server; resolves once it listens. */
export async function startSftpServer(options: SftpServerOptions): Promise<RunningSftpServer> {
  const hostKey = ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 }).private;
  const parsed = options.publicKey === undefined ? undefined : ssh2.utils.parseKey(options.publicKey);
  if (parsed instanceof Error) throw parsed;
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey | undefined) : parsed;
  const clients = new Set<Connection>();
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => clients.delete(client));
    client.on('authentication', (ctx) => authenticate(ctx, options, key));
    client.on('ready', () => {
      client.on('session', (accept) => {
        accept().on('sftp', (acceptSftp) => serveSftp(acceptSftp(), options.root));
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
}
