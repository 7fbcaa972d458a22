/**
 * How long the compiled CLI takes to print `ferry --help`, against Node starting an empty script
 * on the same machine in the same run (a loaded machine slows both alike). By default it times
 * this checkout's dist/ (compiled first when absent, and removed again, so development keeps
 * running the sources), which is what the package ships; `--installed DIR` times the `ferry` of
 * a folder where the tarball was installed. Target: under 1 s.
 * Prints {"bench":"cli","command","runs","medianMs","p90Ms","nodeMedianMs","overheadMs","targetMs"}.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(flag('--runs') ?? 15);
const installed = flag('--installed');

/** Wall time of one run, ms; the run must succeed. */
function time(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr)}`);
  return ms;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

let built = false;
let cli: [string, string[]];
if (installed) {
  cli = [join(installed, 'node_modules', '.bin', 'ferry'), ['--help']];
} else {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
    const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
    built = true;
  }
  cli = [process.execPath, [join(root, 'bin', 'ferry.js'), '--help']];
}
try {
  time(...cli); // warm the file cache: the first run reads every module from disk
  const node: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(time(process.execPath, ['-e', '']));
    help.push(time(...cli));
  }
  const medianMs = pct(help, 0.5);
  const nodeMedianMs = pct(node, 0.5);
  console.log(
    JSON.stringify({
      bench: 'cli',
      command: 'ferry --help',
      compiled: installed ? `installed in ${installed}` : 'dist/',
      node: process.version,
      runs,
      medianMs: Math.round(medianMs),
      p90Ms: Math.round(pct(help, 0.9)),
      nodeMedianMs: Math.round(nodeMedianMs),
      overheadMs: Math.round(medianMs - nodeMedianMs),
      targetMs: 1000,
    }),
  );
} finally {
  if (built) rmSync(join(root, 'dist'), { recursive: true, force: true });
}
