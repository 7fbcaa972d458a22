/**
 * SFTP adapter of the X12 transport (ssh2-sftp-client): the same inbox/processed/error walk as the
 * folder adapter, on the partner's server. Connection failures are classified for the queue:
 * refused/reset → partner_unavailable, timeouts → partner_timeout, rejected credentials →
 * partner_auth (not retryable: retrying a bad password only locks the account).
 */
import SftpClient from 'ssh2-sftp-client';
import { FerryError } from '../../../core/errors.js';
import type { FileOps, Intake, PollResult, StaleUploadOptions, TransportDirs, X12Transport } from './port.js';
import { DEFAULT_DIRS, checkDirs, ensureDirs, pollInbox, writeAtomically } from './port.js';

/** Options of the SFTP transport. */
export interface SftpTransportOptions extends StaleUploadOptions {
  /** Ferry's partner id, stamped on errors. */
  readonly partnerId: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password?: string;
  /** PEM/OpenSSH private key, instead of or besides a password. */
  readonly privateKey?: string | Buffer;
  /** Remote folder the dirs are relative to; default `.` (the login folder). */
  readonly root?: string;
  readonly dirs?: Partial<TransportDirs>;
  /** SSH handshake timeout in ms; default 10000. */
  readonly readyTimeoutMs?: number;
}

/** Classifies an SFTP/SSH failure. */
export function classifySftpError(error: unknown, partnerId: string): FerryError {
  const e = error as { code?: unknown; message?: unknown; level?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const code = typeof e.code === 'string' ? e.code : '';
  const options = { partner: partnerId, cause: error, details: { code } };
  if (/authentication methods failed|client-authentication/i.test(message)) {
    return new FerryError('partner_auth', `SFTP login refused: ${message}`, options);
  }
  if (/timed out|timeout/i.test(message) || code === 'ETIMEDOUT') {
    return new FerryError('partner_timeout', `SFTP timed out: ${message}`, options);
  }
  return new FerryError('partner_unavailable', `SFTP failed: ${message}`, options);
}

function remoteOps(client: SftpClient, root: string): FileOps {
  const at = (p: string): string => `${root}/${p}`;
  return {
    listFiles: async (dir) =>
      (await client.list(at(dir)))
        .filter((f) => f.type === '-')
        .map((f) => ({ name: f.name, modifiedAt: f.modifyTime })),
    read: async (path) => {
      const data = await client.get(at(path));
      if (!Buffer.isBuffer(data)) throw new Error(`SFTP get ${path} returned no buffer`);
      return data;
    },
    write: async (path, bytes) => {
      await client.put(bytes, at(path));
    },
    exists: async (path) => (await client.exists(at(path))) !== false,
    rename: async (from, to) => {
      await client.rename(at(from), at(to));
    },
    mkdirp: async (dir) => {
      if ((await client.exists(at(dir))) === false) await client.mkdir(at(dir), true);
    },
  };
}

/** Connects, creates the folders, and returns the transport; throws a classified FerryError. */
export async function openSftpTransport(options: SftpTransportOptions): Promise<X12Transport> {
  const client = new SftpClient(`ferry-x12-${options.partnerId}`);
  const dirs = { ...DEFAULT_DIRS, ...options.dirs };
  checkDirs(dirs);
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw classifySftpError(error, options.partnerId);
    }
  };
  await guard(() =>
    client.connect({
      host: options.host,
      port: options.port,
      username: options.username,
      password: options.password,
      privateKey: options.privateKey,
      readyTimeout: options.readyTimeoutMs ?? 10_000,
      retries: 0,
    }),
  );
  const ops = remoteOps(client, options.root ?? '.');
  await guard(() => ensureDirs(ops, dirs));
  return {
    send: (name: string, content: string): Promise<void> =>
      guard(() => writeAtomically(ops, dirs.outbox, name, content)),
    // Intake failures are reported per file by pollInbox; only transport failures are classified here.
    poll: (intake: Intake): Promise<PollResult> => guard(() => pollInbox(ops, dirs, intake, options)),
    close: async (): Promise<void> => {
      await client.end().catch(() => undefined);
    },
  };
}
