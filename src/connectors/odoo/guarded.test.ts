/** Every call of the Odoo port, in every role, goes through the partner guard and the observer. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { isFerryError } from '../../core/errors.js';
import { PartnerGuard } from '../../engine/index.js';
import { ODOO_CALLS, ODOO_ROLES, guardOdooPort } from './guarded.js';
import { rig, type Rig } from './testing.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

describe('the guarded Odoo port', () => {
  it('routes every call of every role through the guard and the observer, by its name', async () => {
    r = await rig(17);
    const guarded: string[] = [];
    const observed: string[] = [];
    const guard = new PartnerGuard({ name: 'odoo', ratePerSec: 1000 }, systemClock);
    let current = '';
    const port = guardOdooPort(
      r.client,
      { call: (fn) => (guarded.push(current), guard.call(fn)) },
      (partner, operation, fn) => {
        observed.push(`${partner} ${operation}`);
        current = operation;
        return fn();
      },
    );
    const calls = port as unknown as Record<string, () => Promise<unknown>>;
    // Arguments do not matter here: a refused call has passed the guard as much as a served one.
    for (const name of ODOO_CALLS) await calls[name]!().catch(() => undefined);
    expect(guarded).toEqual([...ODOO_CALLS]);
    expect(observed).toEqual(ODOO_CALLS.map((n) => `odoo ${n}`));
    expect(Object.keys(ODOO_ROLES)).toEqual(['catalog', 'sales', 'stock', 'invoicing', 'accounting']);
  });

  it('hands out no raw connection: the port is its calls and its round-trip bookkeeping', async () => {
    r = await rig(17);
    const port = guardOdooPort(r.client, new PartnerGuard({ name: 'odoo', ratePerSec: 1000 }, systemClock));
    expect(Object.keys(port).sort()).toEqual(
      [...ODOO_CALLS, 'measure', 'roundTripsByOperation', 'close'].sort(),
    );
    expect('connection' in port).toBe(false);
    expect(await port.listPrices(['SKU-1'], 'USD')).toEqual(new Map([['SKU-1', 1250]]));
  });

  it('defers calls once the breaker opens, without asking Odoo', async () => {
    r = await rig(17);
    const guard = new PartnerGuard(
      { name: 'odoo', ratePerSec: 1000, failuresToOpen: 2, halfOpenAfterMs: 60_000 },
      systemClock,
    );
    const port = guardOdooPort(r.client, guard);
    await r.sim.stop();
    for (let i = 0; i < 2; i++) await expect(port.readStock()).rejects.toMatchObject({ retryable: true });
    const asked = r.client.roundTripsByOperation().readStock!.calls;
    const deferred = await port.readStock().catch((e: unknown) => e);
    expect(isFerryError(deferred) && deferred.defer).toBe(true);
    expect(r.client.roundTripsByOperation().readStock!.calls).toBe(asked);
    expect(guard.state).toBe('open');
  });
});

/** Every TypeScript file under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

it('leaves the raw connection to the connector: no call outside it bypasses the port', () => {
  const src = fileURLToPath(new URL('../..', import.meta.url));
  const here = fileURLToPath(new URL('.', import.meta.url));
  const outside = sources(src).filter((f) => !f.startsWith(here));
  const bypassing = outside.filter((f) => /\.connection\.(call|rpc)\b/.test(readFileSync(f, 'utf8')));
  expect(bypassing.map((f) => relative(src, f))).toEqual([]);
  expect(outside.length).toBeGreaterThan(100);
});
