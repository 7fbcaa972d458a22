import { describe, expect, it } from 'vitest';
import { golden } from './golden/golden.js';
import { interchangeKey } from './index.js';

describe('duplicate interchange keys', () => {
  const original = golden('945.edi');

  it('a re-send is the same key, even reflowed onto one line or with CRLF', () => {
    const k = interchangeKey(original);
    expect(k.sender).toBe('ZZ:3PLID');
    expect(k.controlNumber).toBe('000000303');
    expect(k.dedupeKey).toBe(`x12:ZZ:3PLID:000000303:${k.contentHash}`);
    expect(interchangeKey(original.replaceAll('\n', '')).dedupeKey).toBe(k.dedupeKey);
    expect(interchangeKey(original.replaceAll('\n', '\r\n')).dedupeKey).toBe(k.dedupeKey);
  });

  it('the same ISA13 with other content shares the control key but not the dedupe key', () => {
    const a = interchangeKey(original);
    const b = interchangeKey(original.replace('W12*CP*12*10*2', 'W12*CP*12*11*1'));
    expect(b.controlKey).toBe(a.controlKey);
    expect(b.dedupeKey).not.toBe(a.dedupeKey);
  });

  it('another sender with the same ISA13 is a different interchange', () => {
    const other = original.replace('ZZ*3PLID          ', 'ZZ*OTHER3PL       ');
    expect(interchangeKey(other).controlKey).not.toBe(interchangeKey(original).controlKey);
  });

  it('unreadable input still gets a content key', () => {
    const k = interchangeKey('garbage');
    expect(k.sender).toBe('unknown');
    expect(k.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
