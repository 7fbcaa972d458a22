import { describe, expect, it } from 'vitest';
import { X12Parser } from 'node-x12';
import { golden } from '../golden/golden.js';
import { allIssues, generateInterchange, parseInterchange } from './index.js';
import type { ParsedInterchange } from './index.js';

function parsed(text: string): ParsedInterchange {
  const r = parseInterchange(text);
  if (r.kind !== 'parsed') throw new Error(JSON.stringify(r.issues));
  return r.interchange;
}

describe('edi codec on the golden files', () => {
  for (const name of ['940.edi', '945.edi', '944.edi', '846.edi', '997.edi']) {
    it(`${name}: parses clean and regenerates byte for byte`, () => {
      const text = golden(name);
      const ic = parsed(text);
      expect(allIssues(ic)).toEqual([]);
      expect(ic.groups.flatMap((g) => g.sets.map((s) => s.accepted))).toEqual([true]);
      expect(generateInterchange(ic)).toBe(text);
    });

    it(`${name}: node-x12 strict mode agrees it is valid`, () => {
      expect(() => new X12Parser(true).parse(golden(name))).not.toThrow();
    });
  }

  it('reads delimiters from the ISA positions, not from assumptions', () => {
    const text = golden('945.edi').replaceAll('*', '|').replaceAll('~\n', '\r\n').replace('|>\r\n', '|^\r\n');
    const ic = parsed(text);
    expect(ic.delimiters).toEqual({
      element: '|',
      component: '^',
      segment: '\r',
      repetition: 'U',
      lineSuffix: '\n',
    });
    expect(allIssues(ic)).toEqual([]);
    expect(generateInterchange(ic)).toBe(text);
  });

  it('parses an interchange on one line and keeps it on one line', () => {
    const text = golden('846.edi').replaceAll('\n', '');
    const ic = parsed(text);
    expect(ic.delimiters.lineSuffix).toBe('');
    expect(generateInterchange(ic)).toBe(text);
  });

  it('exposes header fields without padding', () => {
    const ic = parsed(golden('945.edi'));
    expect(ic.header).toMatchObject({
      senderQualifier: 'ZZ',
      senderId: '3PLID',
      receiverId: 'DISTID',
      controlNumber: '000000303',
      usage: 'T',
    });
    expect(ic.groups[0]?.header).toMatchObject({
      functionalId: 'SW',
      controlNumber: '303',
      version: '004010',
    });
    const set = ic.groups[0]?.sets[0];
    expect(set?.id).toBe('945');
    expect(set?.body[0]).toEqual({
      id: 'W06',
      elements: ['F', 'SO-1001', '20260116', 'BOL778899', '', 'PO123456'],
    });
  });

  it('derives trailers when generating: a wrong count in the model cannot leak out', () => {
    const ic = parsed(golden('940.edi'));
    const set = ic.groups[0]!.sets[0]!;
    const extra = { ...set, body: [...set.body, { id: 'NTE', elements: ['GEN', 'LEAVE AT DOCK'] }] };
    const out = generateInterchange({ ...ic, groups: [{ ...ic.groups[0]!, sets: [extra] }] });
    expect(out).toContain('NTE*GEN*LEAVE AT DOCK~\nSE*17*0001~');
  });

  it('refuses data containing a delimiter, naming the element', () => {
    const ic = parsed(golden('940.edi'));
    const set = ic.groups[0]!.sets[0]!;
    const bad = { ...set, body: [{ id: 'W05', elements: ['N', 'SO*1001'] }] };
    expect(() => generateInterchange({ ...ic, groups: [{ ...ic.groups[0]!, sets: [bad] }] })).toThrow(
      /W0502 "SO\*1001" contains the delimiter "\*"/,
    );
  });
});
