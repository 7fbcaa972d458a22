import { userInfo } from 'node:os';
import {
  compileRuntime,
  loadConfigFile,
  validateConfig,
  type RuntimeFlags,
  type RuntimeOptions,
} from '../ops/config/index.js';
import type { FerryConfig } from '../ops/config/schema.js';
import { openStore, type Store } from '../store/index.js';

/** Flags every command that touches the store accepts. */
export interface StoreFlags extends RuntimeFlags {
  db?: string;
  config?: string;
}

export function runtimeFrom(flags: StoreFlags): RuntimeOptions {
  return compileRuntime(flags);
}

/** The configuration file when one is named, else the built-in defaults. */
export function configFrom(rt: RuntimeOptions): FerryConfig {
  return rt.configPath ? loadConfigFile(rt.configPath) : validateConfig({}, 'built-in defaults');
}

/** Opens the store for one command and closes it afterwards, whatever happens. */
export async function withStore<T>(
  flags: StoreFlags,
  fn: (store: Store, rt: RuntimeOptions) => Promise<T>,
): Promise<T> {
  const rt = runtimeFrom(flags);
  const store = await openStore(rt.db);
  try {
    return await fn(store, rt);
  } finally {
    await store.close();
  }
}

/** All of standard input, as UTF-8 (for secrets, which arguments would expose). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Who a CLI action is attributed to in the audit trail. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/** Prints rows as an aligned table. */
export function printTable(rows: Record<string, unknown>[], out: (s: string) => void = console.log): void {
  if (rows.length === 0) return out('(none)');
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown): string =>
    v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  const widths = cols.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (vals: string[]): string =>
    vals
      .map((v, i) => v.slice(0, 60).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  out(line(cols));
  for (const r of rows) out(line(cols.map((c) => cell(r[c]))));
}

export function iso(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString();
}

/** Parses "2h", "30m", "7d" or an ISO time into epoch ms (relative ones counted back from now). */
export function parseSince(text: string, now = Date.now()): number {
  const m = /^(\d+)([smhd])$/.exec(text);
  if (m)
    return (
      now - Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd']
    );
  const t = Date.parse(text);
  if (Number.isNaN(t))
    throw new Error(`--since: expected a duration such as 2h or an ISO time, got "${text}"`);
  return t;
}
