import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { FerryError } from '../../core/errors.js';
import { crossCheck } from './crossCheck.js';
import { FerryConfig } from './schema.js';

/** `channels[1].webhookSecret` from a zod path. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

/** The JSON-ish type of a value, for "expected number, found string". */
function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * Every problem at once, one per line, each with its path. Parsing must run with `reportInput`:
 * zod 4 leaves the input out of issues otherwise, and every wrong type read as "required". A wrong
 * type names the type found, never the value, which may be a secret typed where a reference goes.
 */
export function formatIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.flatMap((i) => {
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => `${formatPath([...i.path, k])}: unknown field`);
    if (i.code === 'invalid_type') {
      const input = (i as { input?: unknown }).input;
      if (input === undefined) return [`${formatPath(i.path)}: required`];
      // A field's own message (SecretRef, Url) says more than the generic one.
      const own = !/^Invalid input/.test(i.message);
      return [`${formatPath(i.path)}: ${own ? i.message : `expected ${i.expected}, found ${typeOf(input)}`}`];
    }
    return [`${formatPath(i.path)}: ${i.message}`];
  });
}

/**
 * Configurations `validateConfig` returned. Validating one again would cross-check its defaults as
 * if the operator had written them (the default `alerts.queueAge.lanes` names lanes a configuration
 * with its own `lanes` need not have), so `compileConfig` takes these as they are.
 */
const VALIDATED = new WeakSet<object>();

/** Whether `validateConfig` produced this object. */
export function isValidatedConfig(c: unknown): c is FerryConfig {
  return typeof c === 'object' && c !== null && VALIDATED.has(c);
}

/** Validates an already-parsed configuration object. */
export function validateConfig(raw: unknown, source = 'configuration'): FerryConfig {
  const r = FerryConfig.safeParse(raw ?? {}, { reportInput: true });
  const cross = crossCheck(raw).map((i) => `${formatPath(i.path)}: ${i.message}`);
  if (!r.success || cross.length) {
    const lines = [...(r.success ? [] : formatIssues(r.error.issues)), ...cross];
    throw new FerryError(
      'config_invalid',
      `${source} has ${lines.length} problem${lines.length === 1 ? '' : 's'}:\n  ${lines.join('\n  ')}`,
      { details: lines },
    );
  }
  VALIDATED.add(r.data);
  return r.data;
}

/** Reads, parses (YAML, of which JSON is a subset) and validates a configuration file. */
export function loadConfigFile(path: string): FerryConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new FerryError('config_invalid', `cannot read configuration file ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (e) {
    const where =
      e instanceof YAMLParseError && e.linePos
        ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}`
        : '';
    throw new FerryError(
      'config_invalid',
      `${path} is not valid YAML or JSON${where}: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  return validateConfig(raw, path);
}

/** The file's JSON Schema, for editors. */
export function configJsonSchema(): unknown {
  return FerryConfig.toJSONSchema({ io: 'input', unrepresentable: 'any' });
}
