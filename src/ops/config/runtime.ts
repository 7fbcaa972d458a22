import { readFileSync } from 'node:fs';
import { FerryError } from '../../core/errors.js';

/** pino's levels, most to least severe, and `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Runtime options compiled once from the environment and command-line flags. The only place in
 * Ferry that reads process.env.
 */
export interface RuntimeOptions {
  /**
   * FERRY_DB: a file path, a `sqlite:` URL or a `postgres://` URL; or FERRY_DB_FILE, a file holding
   * it (a mounted secret: a URL with a password stays out of the environment). Default ./ferry.db.
   */
  db: string;
  /** FERRY_CONFIG: path of the configuration file; none means built-in defaults. */
  configPath: string | undefined;
  /** FERRY_PORT overrides the configured HTTP port. */
  port: number | undefined;
  /** FERRY_LOG_LEVEL, one of LOG_LEVELS. Default info. */
  logLevel: LogLevel;
  /** FERRY_REQUIRE_PG=1: tests that need PostgreSQL fail instead of skipping. */
  env: Record<string, string | undefined>;
}

export interface RuntimeFlags {
  db?: string | undefined;
  config?: string | undefined;
  port?: string | number | undefined;
}

export function compileRuntime(
  flags: RuntimeFlags = {},
  env: NodeJS.ProcessEnv = process.env,
): RuntimeOptions {
  const port = flags.port ?? env.FERRY_PORT;
  return {
    db: flags.db ?? env.FERRY_DB ?? dbFromFile(env.FERRY_DB_FILE) ?? './ferry.db',
    configPath: flags.config ?? env.FERRY_CONFIG,
    port: port === undefined ? undefined : Number(port),
    logLevel: logLevel(env.FERRY_LOG_LEVEL),
    env: { ...env },
  };
}

/** The store location kept in a file (FERRY_DB_FILE), without its trailing newline. */
function dbFromFile(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (e) {
    throw new FerryError(
      'config_invalid',
      `FERRY_DB_FILE: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
}

function logLevel(text: string | undefined): LogLevel {
  if (text === undefined || text === '') return 'info';
  const level = text.toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new FerryError(
    'config_invalid',
    `FERRY_LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${text}"`,
  );
}

/** Resolves an `env:NAME` reference; `secret:NAME` references are resolved by the secret store. */
export function resolveEnvRef(ref: string, env: Record<string, string | undefined>): string | undefined {
  return ref.startsWith('env:') ? env[ref.slice(4)] : undefined;
}
