/** Local-folder adapter of the X12 transport (a watched folder, or a mount of the partner's share). */
import { access, mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  FileEntry,
  FileOps,
  Intake,
  PollResult,
  StaleUploadOptions,
  TransportDirs,
  X12Transport,
} from './port.js';
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
    listFiles: async (dir) => {
      const entries = (await readdir(at(dir), { withFileTypes: true })).filter((e) => e.isFile());
      // Only dot-files need their age; the rest are collected now whatever it is. A dot-file is an
      // upload in progress and may be renamed between readdir and stat: then it is simply gone.
      const listed = await Promise.all(
        entries.map(async (e) => {
          if (!e.name.startsWith('.')) return { name: e.name, modifiedAt: 0 };
          const st = await stat(at(`${dir}/${e.name}`)).catch((err: NodeJS.ErrnoException) => {
            if (err.code === 'ENOENT') return undefined;
            throw err;
          });
          return st ? { name: e.name, modifiedAt: st.mtimeMs } : undefined;
        }),
      );
      return listed.filter((e): e is FileEntry => e !== undefined);
    },
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
