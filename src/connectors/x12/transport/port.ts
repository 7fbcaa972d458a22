/**
 * Transport port for X12 files, and the inbox walk both adapters share. A file leaves the inbox
 * only after the caller's intake has made it durable (DESIGN.md §6: "Nothing is acknowledged that
 * is not durable"): if intake rejects or the process dies first, the file is still there next poll.
 */

import { FerryError } from '../../../core/errors.js';

/** An inbound file handed to intake. */
export interface InboundFile {
  readonly name: string;
  readonly bytes: Buffer;
  /** The bytes as UTF-8 text. */
  readonly text: string;
}

/** Where intake wants the file: `processed/`, or `error/` for files it stored but could not use. */
export type IntakeVerdict = 'processed' | 'error';

/** Stores the file durably (inbox row) and returns where it should go; rejecting leaves it in place. */
export type Intake = (file: InboundFile) => Promise<IntakeVerdict>;

/** A dot-file (an upload in progress) older than the transport's `staleAfterMs`. */
export interface StaleUpload {
  readonly name: string;
  readonly ageMs: number;
}

/** What one poll did. */
export interface PollResult {
  readonly processed: readonly string[];
  readonly errored: readonly string[];
  /** Files left in the inbox because intake failed, with the failure. */
  readonly failed: readonly { readonly name: string; readonly error: unknown }[];
  /** Dot-files never collected that have stayed past `staleAfterMs`: an upload that never finished. */
  readonly stale: readonly StaleUpload[];
}

/** How long a dot-file may stay before it is reported, and to whom; shared by both adapters. */
export interface StaleUploadOptions {
  /** Default 1 h: a 3PL's upload of even a large 945 batch takes seconds. */
  readonly staleAfterMs?: number;
  /** Called after each poll that found stale uploads. */
  readonly onStale?: (files: readonly StaleUpload[]) => void;
  /** Epoch ms; default Date.now (tests inject it). */
  readonly now?: () => number;
}

/** Port: one partner's file exchange. */
export interface X12Transport {
  /** Writes an outbound file under a temporary name and renames it, so the partner never reads half a file. */
  send(name: string, content: string): Promise<void>;
  /** Hands every waiting inbound file (by name order) to `intake` and moves it after intake resolves. */
  poll(intake: Intake): Promise<PollResult>;
  close(): Promise<void>;
}

/** Folder names, relative to the transport's root. */
export interface TransportDirs {
  /** Where inbound files arrive; default `inbox`. */
  readonly inbox: string;
  /** Default `processed`. */
  readonly processed: string;
  /** Default `error`. */
  readonly error: string;
  /** Where outbound files are written; default `outbox`. */
  readonly outbox: string;
}

export const DEFAULT_DIRS: TransportDirs = {
  inbox: 'inbox',
  processed: 'processed',
  error: 'error',
  outbox: 'outbox',
};

/** A regular file in a folder and when it was last written (epoch ms). */
export interface FileEntry {
  readonly name: string;
  readonly modifiedAt: number;
}

/** The file operations an adapter provides; paths are joined with `/`. */
export interface FileOps {
  /** Regular files in `dir`. */
  listFiles(dir: string): Promise<FileEntry[]>;
  read(path: string): Promise<Buffer>;
  write(path: string, bytes: Buffer): Promise<void>;
  exists(path: string): Promise<boolean>;
  rename(from: string, to: string): Promise<void>;
  mkdirp(dir: string): Promise<void>;
}

/** Names starting with a dot are in-flight uploads (ours or the partner's) and are skipped. */
const inFlight = (name: string): boolean => name.startsWith('.');

async function freeName(ops: FileOps, dir: string, name: string): Promise<string> {
  // A partner may re-send under the same file name; keep both copies rather than overwrite evidence.
  let candidate = `${dir}/${name}`;
  for (let n = 1; await ops.exists(candidate); n++) candidate = `${dir}/${name}.${n}`;
  return candidate;
}

/** Walks the inbox once (see X12Transport.poll). */
export async function pollInbox(
  ops: FileOps,
  dirs: TransportDirs,
  intake: Intake,
  staleness: StaleUploadOptions = {},
): Promise<PollResult> {
  const processed: string[] = [];
  const errored: string[] = [];
  const failed: { name: string; error: unknown }[] = [];
  const entries = await ops.listFiles(dirs.inbox);
  const now = (staleness.now ?? Date.now)();
  const stale = entries
    .filter((e) => inFlight(e.name) && now - e.modifiedAt > (staleness.staleAfterMs ?? 3_600_000))
    .map((e) => ({ name: e.name, ageMs: now - e.modifiedAt }));
  if (stale.length > 0) staleness.onStale?.(stale);
  const names = entries
    .map((e) => e.name)
    .filter((n) => !inFlight(n))
    .sort();
  for (const name of names) {
    const bytes = await ops.read(`${dirs.inbox}/${name}`);
    let verdict: IntakeVerdict;
    try {
      verdict = await intake({ name, bytes, text: bytes.toString('utf8') });
    } catch (error) {
      failed.push({ name, error });
      continue;
    }
    const dir = verdict === 'processed' ? dirs.processed : dirs.error;
    await ops.rename(`${dirs.inbox}/${name}`, await freeName(ops, dir, name));
    (verdict === 'processed' ? processed : errored).push(name);
  }
  return { processed, errored, failed, stale };
}

/** Writes `.name.part` then renames to `name` in `dir`. */
export async function writeAtomically(
  ops: FileOps,
  dir: string,
  name: string,
  content: string,
): Promise<void> {
  const temp = `${dir}/.${name}.part`;
  await ops.write(temp, Buffer.from(content, 'utf8'));
  await ops.rename(temp, await freeName(ops, dir, name));
}

/**
 * Refuses a folder that could leave the root: absolute, empty segments, `.` or `..`. Checked here
 * as well as in the configuration, since the transports are also opened by code.
 */
export function checkDirs(dirs: TransportDirs): void {
  for (const dir of [dirs.inbox, dirs.processed, dirs.error, dirs.outbox])
    if (
      dir.startsWith('/') ||
      dir.includes('\\') ||
      dir.split('/').some((s) => s === '' || s === '.' || s === '..')
    )
      throw new FerryError(
        'config_invalid',
        `folder "${dir}" must stay inside the transport's root: a relative name such as inbox or edi/in`,
      );
}

/** Creates every folder of `dirs` (idempotent). */
export async function ensureDirs(ops: FileOps, dirs: TransportDirs): Promise<void> {
  checkDirs(dirs);
  for (const dir of [dirs.inbox, dirs.processed, dirs.error, dirs.outbox]) await ops.mkdirp(dir);
}
