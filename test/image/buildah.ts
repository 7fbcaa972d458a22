/** buildah without a daemon or user namespaces: vfs storage and chroot isolation, as this CI allows. */
import { spawn, type ChildProcess } from 'node:child_process';
import { run, ROOT } from '../package/install.js';

const GLOBAL = ['--storage-driver', 'vfs'];

/** Runs one buildah command to completion; throws with its output when it fails. */
export async function buildah(args: string[], timeoutMs = 600_000): Promise<string> {
  const r = await run('buildah', [...GLOBAL, ...args], { cwd: ROOT, env: process.env, timeoutMs });
  if (r.code !== 0) throw new Error(`buildah ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The base image: FERRY_IMAGE_BASE, else the one .ci/image-base.sh makes (once) from debootstrap. */
export async function baseImage(): Promise<string> {
  if (process.env.FERRY_IMAGE_BASE) return process.env.FERRY_IMAGE_BASE;
  const r = await run(`${ROOT}/.ci/image-base.sh`, [], { cwd: ROOT, env: process.env, timeoutMs: 1_800_000 });
  if (r.code !== 0) throw new Error(`.ci/image-base.sh failed:\n${r.stderr}`);
  return r.stdout.trim();
}

/** What the image says to run and as whom, read back from the built image. */
export interface ImageConfig {
  entrypoint: string[];
  cmd: string[];
  user: string;
  labels: Record<string, string>;
  env: string[];
}

export async function imageConfig(image: string): Promise<ImageConfig> {
  const doc = JSON.parse(await buildah(['inspect', '--type', 'image', image])) as {
    OCIv1: {
      config: {
        Entrypoint?: string[];
        Cmd?: string[];
        User?: string;
        Labels?: Record<string, string>;
        Env?: string[];
      };
    };
  };
  const c = doc.OCIv1.config;
  return {
    entrypoint: c.Entrypoint ?? [],
    cmd: c.Cmd ?? [],
    user: c.User ?? '',
    labels: c.Labels ?? {},
    env: c.Env ?? [],
  };
}

/**
 * Starts the image's own command (entrypoint + `args`, as a container runtime would) in a new
 * container, as the image's user. chroot isolation shares the host's network, so the container's
 * port is the host's.
 */
export async function runContainer(
  image: string,
  cfg: ImageConfig,
  args: string[],
  opts: { env: Record<string, string>; mounts: string[] },
): Promise<{ child: ChildProcess; name: string }> {
  const name = (await buildah(['from', '--quiet', image])).trim();
  const child = spawn(
    'buildah',
    [
      ...GLOBAL,
      'run',
      '--isolation',
      'chroot',
      '--user',
      cfg.user,
      ...Object.entries(opts.env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
      ...opts.mounts.flatMap((m) => ['--volume', m]),
      name,
      '--',
      ...cfg.entrypoint,
      ...args,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return { child, name };
}
