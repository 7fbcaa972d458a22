/**
 * The simulator against real servers' answers (shared/odoo-observed): the full scenario logs of
 * 17, 18 and 19 are replayed call by call over JSON-RPC and every answer is compared by shape,
 * state, quantity and amount; errors by exception name and (digit-masked) message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OdooSimulator } from './server.js';
import { Translator, actionCore, isObj, mask, rpc, shape } from './test-helpers/replay.js';
import { observedDir } from './test-helpers/observed.js';
import type { OdooVersion } from './types.js';

interface LogEntry {
  model: string;
  method: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  ok: boolean;
  result?: unknown;
  error?: { code: number; data: { name: string; message: string } };
}

function translateArgs(t: Translator, e: LogEntry): unknown[] {
  const [first, ...rest] = e.args;
  const recordIds = Array.isArray(first) && first.every((x) => typeof x === 'number');
  if (recordIds && e.method !== 'create') {
    const ids = first.map((id) => t.id(e.model, id));
    return [ids, ...rest.map((a) => t.vals(e.model, a))];
  }
  return e.args.map((a) => t.vals(e.model, a));
}

let sim: OdooSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe.each([17, 18, 19] as const)('scenario-%i.json replayed on the simulator', (version: OdooVersion) => {
  const log = (
    JSON.parse(readFileSync(join(observedDir(), `scenario-${version}.json`), 'utf8')) as { log: LogEntry[] }
  ).log;

  it('answers every call with the same shape, states, quantities and amounts', async () => {
    sim = new OdooSimulator({ version, db: 'lab' });
    const url = await sim.start();
    const t = new Translator(sim.core);
    for (const [i, e] of log.entries()) {
      const kwargs = { ...e.kwargs, ...(e.kwargs.context ? { context: t.context(e.kwargs.context) } : {}) };
      const args = ['lab', 2, 'admin', e.model, e.method, translateArgs(t, e), kwargs];
      const answer = await rpc(url, { service: 'object', method: 'execute_kw', args });
      const where = `#${i} ${e.model}.${e.method}`;
      if (!e.ok) {
        const err = answer.error as { code: number; data: { name: string; message: string } };
        expect(err, where).toBeDefined();
        expect(err.code, where).toBe(e.error?.code);
        expect(err.data.name, where).toBe(e.error?.data.name);
        expect(mask(err.data.message), where).toBe(mask(e.error?.data.message ?? ''));
        continue;
      }
      expect(answer.error, where).toBeUndefined();
      const expected = e.result === undefined ? null : e.result; // the log omits null results
      expect(shape(actionCore(answer.result)), where).toEqual(shape(actionCore(expected)));
      const model = isObj(e.result) && typeof e.result.res_model === 'string' ? e.result.res_model : e.model;
      t.learn(model === e.model || !isObj(e.result) ? e.model : model, e.result, answer.result);
    }
  });
});
