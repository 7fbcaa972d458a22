import { describe, expect, it } from 'vitest';
import { compilePartner } from './index.js';

const base = {
  id: 'p',
  warehouse: 'WH',
  ours: { qualifier: 'ZZ', id: 'US', groupId: 'US' },
  theirs: { qualifier: 'ZZ', id: 'THEM', groupId: 'THEM' },
};

describe('trading partner config', () => {
  it('applies defaults: test usage, 00401, 24 h ack deadline, * ~ > U', () => {
    const p = compilePartner(base);
    expect(p).toMatchObject({
      usage: 'T',
      version: '00401',
      groupVersion: '004010',
      ackDeadlineMs: 86_400_000,
    });
    expect(p.separators).toEqual({
      element: '*',
      segment: '~',
      component: '>',
      repetition: 'U',
      lineSuffix: '',
    });
  });

  it('refuses clashing separators and over-long ids as config_invalid', () => {
    expect(() => compilePartner({ ...base, separators: { element: '~' } })).toThrow(
      /separators must be distinct/,
    );
    expect(() => compilePartner({ ...base, ours: { ...base.ours, id: 'X'.repeat(16) } })).toThrow(
      expect.objectContaining({ code: 'config_invalid' }),
    );
  });
});
