import { describe, expect, it } from 'vitest';
import { isFerryError } from '../../../core/errors.js';
import { golden } from '../golden/golden.js';
import { goldenThreePl } from '../golden/partners.js';
import { acceptedSets, parseInterchange } from '../edi/index.js';
import type { ParsedInterchange } from '../edi/index.js';
import { InMemoryControlNumberStore } from '../control/index.js';
import { envelopeFailure } from '../classify.js';
import { acknowledge } from './index.js';

const clock = { now: () => Date.parse('2026-01-15T12:05:00Z') };

function parsed(name: string): ParsedInterchange {
  const r = parseInterchange(golden(name));
  if (r.kind !== 'parsed') throw new Error(`${name} unreadable`);
  return r.interchange;
}

const cases = [
  { name: 'se-count', issue: 'se_count', message: /SE01 .* is "18", counted 17/, survivors: ['945:0002'] },
  {
    name: 'se-control',
    issue: 'se_control',
    message: /SE02 .* is "0003", expected ST02 "0002"/,
    survivors: ['945:0001'],
  },
  {
    name: 'ge-control',
    issue: 'ge_control',
    message: /GE02 .* is "930", expected GS06 "603"/,
    survivors: ['846:0001'],
  },
  {
    name: 'iea-control',
    issue: 'iea_control',
    message: /IEA02 .* is "000000650", expected ISA13 "000000605"/,
    survivors: [],
  },
  {
    name: 'truncated-isa',
    issue: 'isa_layout',
    message: /ISA is 96 characters .* expected 106/,
    survivors: [],
  },
  {
    name: 'unknown-segment',
    issue: 'unknown_segment',
    message: /segment ZZZ at position 9 of set 945/,
    survivors: ['945:0002'],
  },
] as const;

describe('malformed interchanges', () => {
  for (const c of cases) {
    it(`${c.name}: rejecting 997 byte for byte, classified error, other sets kept`, async () => {
      const ic = parsed(`malformed/${c.name}.edi`);
      const ack = await acknowledge(ic, goldenThreePl(), new InMemoryControlNumberStore(), clock);
      expect(ack?.text).toBe(golden(`malformed/${c.name}.997.edi`));
      expect(ack?.text).toMatch(/AK5\*R/);
      expect(ack?.text).toMatch(/AK9\*[RP]\*/);

      const error = envelopeFailure({ kind: 'parsed', interchange: ic }, 'acme-3pl');
      expect(isFerryError(error)).toBe(true);
      expect(error?.code).toBe('payload_invalid');
      expect(error?.retryable).toBe(false);
      expect(error?.partner).toBe('acme-3pl');
      expect(error?.entities.isa13).toBe(ic.header.controlNumber);
      const issues = (error?.details as { issues: { code: string; message: string }[] }).issues;
      expect(issues.map((i) => i.code)).toContain(c.issue);
      expect(issues.map((i) => i.message).join('\n')).toMatch(c.message);

      expect(acceptedSets(ic).map(({ set }) => `${set.id}:${set.controlNumber}`)).toEqual(c.survivors);
    });
  }

  it('truncated ISA names the unpadded element', () => {
    const ic = parsed('malformed/truncated-isa.edi');
    expect(ic.issues).toContainEqual(
      expect.objectContaining({ code: 'isa_element', element: 6, expected: '15 characters', found: '3PLID' }),
    );
    // Delimiters were still recovered, so the group could be acknowledged at all.
    expect(ic.groups[0]?.header.controlNumber).toBe('606');
  });

  it('an ISA cut short cannot be read: no 997 is possible, the error still says why', () => {
    const r = parseInterchange(golden('malformed/cut-isa.edi'));
    expect(r.kind).toBe('unreadable');
    const error = envelopeFailure(r, 'acme-3pl');
    expect(error?.code).toBe('payload_invalid');
    expect(error?.message).toMatch(/ISA is truncated: found 6 element separators/);
  });

  it('a clean interchange yields no error', () => {
    expect(envelopeFailure(parseInterchange(golden('945.edi')))).toBeUndefined();
  });

  it('missing SE and GE are reported with their AK codes', () => {
    const text = golden('846.edi').replace('SE*10*0001~\n', '').replace('GE*1*404~\n', '');
    const ic = parseInterchange(text);
    if (ic.kind !== 'parsed') throw new Error('unreadable');
    const set = ic.interchange.groups[0]!.sets[0]!;
    expect(set.issues).toContainEqual(expect.objectContaining({ code: 'se_missing', ak5Code: '2' }));
    expect(ic.interchange.groups[0]!.issues).toContainEqual(
      expect.objectContaining({ code: 'ge_missing', ak9Code: '3' }),
    );
  });

  it("GE01 count mismatch reports the partner's count in AK902 and code 5", async () => {
    const text = golden('846.edi').replace('GE*1*404~', 'GE*3*404~');
    const r = parseInterchange(text);
    if (r.kind !== 'parsed') throw new Error('unreadable');
    const ack = await acknowledge(r.interchange, goldenThreePl(), new InMemoryControlNumberStore(), clock);
    expect(ack?.text).toContain('AK9*R*3*1*0*5~');
  });

  it('a repeated ST02 within a group and an unsupported set are rejected', async () => {
    const base = golden('846.edi');
    const body = base.slice(base.indexOf('ST*846'), base.indexOf('GE*'));
    const text = base
      .replace('GE*1*404~', '')
      .replace(body, body + body + body.replaceAll('846', '850').replace('BIA', 'BEG'))
      .replace('IEA*1', 'GE*3*404~\nIEA*1');
    const r = parseInterchange(text);
    if (r.kind !== 'parsed') throw new Error('unreadable');
    const ack = await acknowledge(r.interchange, goldenThreePl(), new InMemoryControlNumberStore(), clock);
    expect(ack?.text).toContain('AK2*846*0001~\nAK5*A~\nAK2*846*0001~\nAK5*R*7~\nAK2*850*0001~\nAK5*R*1*7~');
  });

  it('a non-numeric GS06 rejects the group with AK905 6', async () => {
    const text = golden('846.edi').replace('*404*X*', '*4O4*X*').replace('GE*1*404~', 'GE*1*4O4~');
    const r = parseInterchange(text);
    if (r.kind !== 'parsed') throw new Error('unreadable');
    const ack = await acknowledge(r.interchange, goldenThreePl(), new InMemoryControlNumberStore(), clock);
    expect(ack?.text).toContain('AK1*IB*4O4~');
    expect(ack?.text).toContain('AK9*R*1*1*0*6~');
  });
});
