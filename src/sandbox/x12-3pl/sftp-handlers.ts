/**
 * SFTP v3 request handlers over a real folder, enough for ssh2-sftp-client's list/get/put/rename/
 * mkdir/exists. Paths are confined to the root: `..` cannot climb above it.
 */
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Stats } from 'node:fs';
import ssh2 from 'ssh2';
import type { Attributes, SFTPWrapper } from 'ssh2';

const { STATUS_CODE, flagsToString } = ssh2.utils.sftp;

type Handle = { kind: 'file'; fh: FileHandle } | { kind: 'dir'; path: string; done: boolean };

function attrs(s: Stats): Attributes {
  return {
    mode: s.mode,
    uid: s.uid,
    gid: s.gid,
    size: s.size,
    atime: Math.floor(s.atimeMs / 1000),
    mtime: Math.floor(s.mtimeMs / 1000),
  };
}

function longname(name: string, s: Stats): string {
  const type = s.isDirectory() ? 'd' : '-';
  return `${type}rw-r--r-- 1 sim sim ${s.size} Jan 01 00:00 ${name}`;
}

function statusOf(error: unknown): number {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return STATUS_CODE.NO_SUCH_FILE;
  if (code === 'EACCES' || code === 'EPERM') return STATUS_CODE.PERMISSION_DENIED;
  return STATUS_CODE.FAILURE;
}

/** Per-session helpers: path mapping, handle table, replies. */
interface Session {
  readonly sftp: SFTPWrapper;
  readonly real: (p: string) => string;
  readonly virtual: (p: string) => string;
  readonly newHandle: (h: Handle) => Buffer;
  readonly handleOf: (b: Buffer) => Handle | undefined;
  readonly dropHandle: (b: Buffer) => void;
  readonly run: (reqId: number, work: () => Promise<void>) => void;
  readonly ok: (reqId: number) => void;
}

function session(sftp: SFTPWrapper, root: string): Session {
  const handles = new Map<number, Handle>();
  let nextId = 1;
  return {
    sftp,
    real: (p) => join(root, posix.resolve('/', p)),
    virtual: (p) => posix.resolve('/', p),
    newHandle: (h) => {
      const id = nextId++;
      handles.set(id, h);
      const buf = Buffer.alloc(4);
      buf.writeUInt32BE(id);
      return buf;
    },
    handleOf: (b) => (b.length === 4 ? handles.get(b.readUInt32BE()) : undefined),
    dropHandle: (b) => void (b.length === 4 && handles.delete(b.readUInt32BE())),
    run: (reqId, work) => {
      work().catch((e: unknown) => sftp.status(reqId, statusOf(e)));
    },
    ok: (reqId) => void sftp.status(reqId, STATUS_CODE.OK),
  };
}

/** REALPATH and the STAT family. */
function servePaths(s: Session): void {
  const { sftp, real, virtual, handleOf, run } = s;
  sftp.on('REALPATH', (reqId, path) => {
    const p = virtual(path);
    sftp.name(reqId, [{ filename: p, longname: p, attrs: {} as Attributes }]);
  });
  const doStat = (reqId: number, path: string): void =>
    run(reqId, async () => void sftp.attrs(reqId, attrs(await stat(real(path)))));
  sftp.on('STAT', doStat);
  sftp.on('LSTAT', doStat);
  sftp.on('FSTAT', (reqId, handle) => {
    const h = handleOf(handle);
    if (h?.kind !== 'file') return void sftp.status(reqId, STATUS_CODE.FAILURE);
    run(reqId, async () => void sftp.attrs(reqId, attrs(await h.fh.stat())));
  });
}

/** OPEN/READ/WRITE/CLOSE on file handles. */
function serveFiles(s: Session): void {
  const { sftp, real, newHandle, handleOf, dropHandle, run, ok } = s;
  sftp.on('OPEN', (reqId, filename, flags) => {
    const mode = flagsToString(flags);
    if (!mode) return void sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED);
    run(
      reqId,
      async () => void sftp.handle(reqId, newHandle({ kind: 'file', fh: await open(real(filename), mode) })),
    );
  });
  sftp.on('READ', (reqId, handle, offset, length) => {
    const h = handleOf(handle);
    if (h?.kind !== 'file') return void sftp.status(reqId, STATUS_CODE.FAILURE);
    run(reqId, async () => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await h.fh.read(buf, 0, length, offset);
      if (bytesRead === 0) sftp.status(reqId, STATUS_CODE.EOF);
      else sftp.data(reqId, buf.subarray(0, bytesRead));
    });
  });
  sftp.on('WRITE', (reqId, handle, offset, data) => {
    const h = handleOf(handle);
    if (h?.kind !== 'file') return void sftp.status(reqId, STATUS_CODE.FAILURE);
    run(reqId, async () => {
      await h.fh.write(data, 0, data.length, offset);
      ok(reqId);
    });
  });
  sftp.on('CLOSE', (reqId, handle) => {
    const h = handleOf(handle);
    dropHandle(handle);
    if (h?.kind === 'file') run(reqId, async () => void (await h.fh.close(), ok(reqId)));
    else ok(reqId);
  });
}

/** OPENDIR/READDIR. */
function serveDirs(s: Session): void {
  const { sftp, real, newHandle, handleOf, run } = s;
  sftp.on('OPENDIR', (reqId, path) =>
    run(reqId, async () => {
      if (!(await stat(real(path))).isDirectory()) return void sftp.status(reqId, STATUS_CODE.FAILURE);
      sftp.handle(reqId, newHandle({ kind: 'dir', path: real(path), done: false }));
    }),
  );
  sftp.on('READDIR', (reqId, handle) => {
    const h = handleOf(handle);
    if (h?.kind !== 'dir') return void sftp.status(reqId, STATUS_CODE.FAILURE);
    if (h.done) return void sftp.status(reqId, STATUS_CODE.EOF);
    h.done = true;
    run(reqId, async () => {
      const names = await readdir(h.path);
      const entries = await Promise.all(
        names.map(async (n) => {
          const s = await stat(join(h.path, n));
          return { filename: n, longname: longname(n, s), attrs: attrs(s) };
        }),
      );
      sftp.name(reqId, entries);
    });
  });
}

/** MKDIR/RMDIR/REMOVE/RENAME; SETSTAT is accepted and ignored. */
function serveChanges(s: Session): void {
  const { sftp, real, run, ok } = s;
  sftp.on('MKDIR', (reqId, path) => run(reqId, async () => void (await mkdir(real(path)), ok(reqId))));
  sftp.on('RMDIR', (reqId, path) => run(reqId, async () => void (await rmdir(real(path)), ok(reqId))));
  sftp.on('REMOVE', (reqId, path) => run(reqId, async () => void (await unlink(real(path)), ok(reqId))));
  sftp.on('RENAME', (reqId, from, to) =>
    run(reqId, async () => {
      // SFTP v3 RENAME must fail when the target exists (draft-ietf-secsh-filexfer-02 §6.5).
      const exists = await stat(real(to)).then(
        () => true,
        () => false,
      );
      if (exists) return void sftp.status(reqId, STATUS_CODE.FAILURE, 'target exists');
      await rename(real(from), real(to));
      ok(reqId);
    }),
  );
  sftp.on('SETSTAT', (reqId) => ok(reqId));
  sftp.on('FSETSTAT', (reqId) => ok(reqId));
}

/** Serves one SFTP session from `root`. */
export function serveSftp(sftp: SFTPWrapper, root: string): void {
  const s = session(sftp, root);
  servePaths(s);
  serveFiles(s);
  serveDirs(s);
  serveChanges(s);
}
