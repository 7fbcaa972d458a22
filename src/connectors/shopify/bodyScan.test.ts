import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCatalogue, generateOrder } from '../../sandbox/shopify/index.js';
import { scanOrderBody } from './bodyScan.js';
import { parseJsonLossless } from './losslessJson.js';

/** What the intake job reads: the lossless JSON.parse of the UTF-8 text, an object with an id. */
function byJsonParse(bytes: Uint8Array): { ok: boolean; id?: string | undefined } {
  let v: unknown;
  try {
    v = parseJsonLossless(Buffer.from(bytes).toString('utf8'));
  } catch {
    return { ok: false };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false };
  const id = (v as { id?: unknown }).id;
  return { ok: true, id: typeof id === 'number' || typeof id === 'string' ? String(id) : undefined };
}

function agrees(bytes: Uint8Array): void {
  const want = byJsonParse(bytes);
  const got = scanOrderBody(bytes);
  expect(got.ok, Buffer.from(bytes).toString('utf8')).toBe(want.ok);
  if (got.ok) expect(got.id).toBe(want.id);
}

const order = Buffer.from(
  JSON.stringify(generateOrder({ id: 123_456, catalogue: generateCatalogue(10, 1) })),
);

describe('scanOrderBody', () => {
  it('reads a Shopify order: valid, with its id', () => {
    expect(scanOrderBody(order)).toEqual({ ok: true, id: '123456' });
  });

  it('refuses every truncation of an order, naming where it ends', () => {
    for (let cut = 0; cut < order.length; cut++) {
      const r = scanOrderBody(order.subarray(0, cut));
      expect(r.ok, `cut at ${cut}`).toBe(false);
    }
    expect(scanOrderBody(order.subarray(0, 100))).toEqual({
      ok: false,
      reason: expect.stringMatching(/ at byte \d+$/) as unknown,
    });
    expect(scanOrderBody(Buffer.from('{"id": 5, "name": "#10'))).toEqual({
      ok: false,
      reason: 'unterminated string at byte 22',
    });
  });

  it('gives the id as the intake reads it: every digit past 2^53, strings with escapes, the last of duplicates', () => {
    const cases: [string, string | undefined][] = [
      ['{"id":820982911946154508}', '820982911946154508'],
      ['{"id":-0}', '0'],
      ['{"id":1e3}', '1000'],
      ['{"id":"gid:\\/\\/shopify\\/Order\\/1\\u00e9"}', 'gid://shopify/Order/1é'],
      ['{"\\u0069d":7}', '7'],
      ['{"id":1,"id":2}', '2'],
      ['{"id":1,"id":{"id":3}}', undefined],
      ['{"id":null}', undefined],
      ['{"id":[1]}', undefined],
      ['{"order":{"id":9}}', undefined],
      ['{"ids":4,"xid":5}', undefined],
    ];
    for (const [text, id] of cases) {
      expect(scanOrderBody(Buffer.from(text)), text).toEqual({ ok: true, id });
      agrees(Buffer.from(text));
    }
  });

  it('refuses what JSON.parse refuses: bad numbers, literals, escapes, control characters, trailing data', () => {
    for (const text of [
      '',
      '   ',
      '[1]',
      '"x"',
      '{"a":01}',
      '{"a":1.}',
      '{"a":-}',
      '{"a":1e}',
      '{"a":tru}',
      '{"a":nul}',
      '{"a":"\\x"}',
      '{"a":"\\u12g4"}',
      '{"a":"line\nbreak"}',
      '{"a":1,}',
      '{"a" 1}',
      '{a:1}',
      '{"a":1}}',
      '{"a":1} x',
      '{"a":[1,]}',
      '{"a":[1 2]}',
      '\ufeff{"a":1}',
    ]) {
      expect(scanOrderBody(Buffer.from(text)).ok, JSON.stringify(text)).toBe(false);
      agrees(Buffer.from(text));
    }
  });

  it('agrees with JSON.parse on generated JSON objects, with and without an id', () => {
    const body = fc
      .tuple(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.option(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string())),
        fc.constantFrom('', ' ', '\n', '\t\r\n '),
      )
      .map(([o, id, ws]) => {
        const text = JSON.stringify(id === null ? o : { ...o, id }, null, ws === '' ? undefined : ws);
        return Buffer.from(`${ws}${text}${ws}`);
      });
    fc.assert(
      fc.property(body, (b) => agrees(b)),
      { numRuns: 500 },
    );
  });

  it('agrees with JSON.parse on corrupted and truncated JSON', () => {
    const corrupted = fc
      .tuple(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
      )
      .map(([o, at, byte, truncate]) => {
        const b = Buffer.from(JSON.stringify(o));
        const i = at % b.length;
        if (truncate) return b.subarray(0, i);
        b[i] = byte;
        return b;
      });
    fc.assert(
      fc.property(corrupted, (b) => agrees(b)),
      { numRuns: 2000 },
    );
  });

  it('refuses nesting deeper than 512 levels without exhausting the stack', () => {
    const deep = Buffer.from(`{"a":${'['.repeat(100_000)}`);
    expect(scanOrderBody(deep)).toEqual({
      ok: false,
      reason: expect.stringMatching(/nested deeper than 512/) as unknown,
    });
  });
});
