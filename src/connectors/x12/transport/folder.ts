/** Local-folder adapter of the X12 transport (a watched folder, or a mount of the partner's share). */
import { access, mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileOps, Intake, PollResult, StaleUploadOptions, TransportDirs, X12Transport } from './port.js';
import { DEFAULT_DIRS, ensureDirs, pollInbox, writeAtomically } from './port.js';

/** Options of the folder transport. */
export interface FolderTransportOptions extends StaleUploadOptions {
  /** Root folder; the dirs are relative to it. */
  readonly root: string;
  readonly dirs?: Partial<TransportDirs>;
}

function localOps(root: string): FileOps {
  const at = (p: string): string => join(root, p);
  return {
    listFiles: async (dir) =>
      Promise.all(
        (await readdir(at(dir), { withFileTypes: true }))
          .filter((e) => e.isFile())
          // Only dot-files need their age; the rest are collected now whatever it is.
          .map(async (e) => ({
            name: e.name,
            modifiedAt: e.name.startsWith('.') ? (await stat(at(`${dir}/${e.name}`))).mtimeMs : 0,
          })),
      ),
    read: (path) => readFile(at(path)),
    write: (path, bytes) => writeFile(at(path), bytes),
    exists: (path) =>
      access(at(path)).then(
        () => true,
        () => false,
      ),
    rename: (from, to) => rename(at(from), at(to)),
    mkdirp: async (dir) => {
      await mkdir(at(dir), { recursive: true });
    },
  };
}

/** Opens a folder transport, creating its folders. */
export async function openFolderTransport(options: FolderTransportOptions): Promise<X12Transport> {
  const ops = localOps(options.root);
  const dirs = { ...DEFAULT_DIRS, ...options.dirs };
  await ensureDirs(ops, dirs);
  return {
    send: (name: string, content: string): Promise<void> => writeAtomically(ops, dirs.outbox, name, content),
    poll: (intake: Intake): Promise<PollResult> => pollInbox(ops, dirs, intake, options),
    close: (): Promise<void> => Promise.resolve(),
  };
}
