import { describe, expect, it } from 'vitest';
import { golden } from '../golden/golden.js';
import { goldenThreePl } from '../golden/partners.js';
import { parseInterchange } from '../edi/index.js';
import type { TransactionSet } from '../edi/index.js';
import { InMemoryControlNumberStore } from '../control/index.js';
import type { SentGroup } from '../outbound.js';
import { InMemoryAckLedger, acknowledge, matchAck, parse997 } from './index.js';

function firstSet(text: string): TransactionSet {
  const r = parseInterchange(text);
  if (r.kind !== 'parsed') throw new Error('unreadable');
  return r.interchange.groups[0]!.sets[0]!;
}

const sent = (overrides: Partial<SentGroup> = {}): SentGroup => ({
  partnerId: '3pl-side',
  interchangeControl: '000000303',
  functionalId: 'SW',
  controlNumber: '303',
  sets: [{ id: '945', controlNumber: '0001' }],
  sentAtMs: 1_000,
  ackDueAtMs: 1_000 + 3_600_000,
  ...overrides,
});

describe('997 both ways', () => {
  it('acknowledging the golden 945 yields the golden 997 byte for byte', async () => {
    const r = parseInterchange(golden('945.edi'));
    if (r.kind !== 'parsed') throw new Error('unreadable');
    const clock = { now: () => Date.parse('2026-01-15T12:05:00Z') };
    const ack = await acknowledge(r.interchange, goldenThreePl(), new InMemoryControlNumberStore(), clock);
    expect(ack?.text).toBe(golden('997.edi'));
  });

  it('a 997 is not acknowledged in turn', async () => {
    const r = parseInterchange(golden('997.edi'));
    if (r.kind !== 'parsed') throw new Error('unreadable');
    expect(
      await acknowledge(r.interchange, goldenThreePl(), new InMemoryControlNumberStore(), { now: () => 0 }),
    ).toBeUndefined();
  });

  it('parses the golden 997', () => {
    expect(parse997(firstSet(golden('997.edi')))).toEqual({
      functionalId: 'SW',
      groupControlNumber: '303',
      status: 'A',
      setsIncluded: 1,
      setsReceived: 1,
      setsAccepted: 1,
      codes: [],
      sets: [{ id: '945', controlNumber: '0001', status: 'A', codes: [], segmentErrors: [] }],
    });
  });

  it('parses AK3/AK4 errors of a rejecting 997', () => {
    const text = golden('malformed/unknown-segment.997.edi').replace(
      'AK3*ZZZ*9**1~',
      'AK3*ZZZ*9**1~\nAK4*2*67*7*XX~',
    );
    const ack = parse997(firstSet(text));
    expect(ack.status).toBe('P');
    expect(ack.sets[0]).toEqual({
      id: '945',
      controlNumber: '0001',
      status: 'R',
      codes: ['5'],
      segmentErrors: [
        { segmentId: 'ZZZ', position: '9', code: '1', elements: [{ position: '2', code: '7', data: 'XX' }] },
      ],
    });
  });

  it('matches a rejecting 997 to the group we sent and names the rejected sets', () => {
    const ack = parse997(firstSet(golden('malformed/se-count.997.edi')));
    const group = sent({
      controlNumber: '601',
      sets: [
        { id: '945', controlNumber: '0001' },
        { id: '945', controlNumber: '0002' },
      ],
    });
    const match = matchAck('3pl-side', ack, [sent(), group]);
    expect(match?.group).toBe(group);
    expect(match?.status).toBe('P');
    expect(match?.rejectedSets).toEqual([{ id: '945', controlNumber: '0001', codes: ['4'] }]);
    expect(match?.unmentionedSets).toEqual([]);
    expect(matchAck('other-partner', ack, [group])).toBeUndefined();
  });

  it('the ledger reports unacknowledged groups after their deadline only', async () => {
    const ledger = new InMemoryAckLedger();
    await ledger.recordSent([
      sent(),
      sent({ controlNumber: '304' }),
      sent({ functionalId: 'FA', controlNumber: '9', ackDueAtMs: undefined }),
    ]);
    expect(await ledger.overdue(1_000 + 3_599_999)).toEqual([]);
    const match = await ledger.applyAck('3pl-side', parse997(firstSet(golden('997.edi'))));
    expect(match?.status).toBe('A');
    expect((await ledger.overdue(1_000 + 3_600_000)).map((g) => g.controlNumber)).toEqual(['304']);
    expect(await ledger.applyAck('3pl-side', parse997(firstSet(golden('997.edi'))))).toBeUndefined();
    expect(ledger.matched()).toHaveLength(1);
  });

  it('refuses a 997 with an unknown status code', () => {
    const text = golden('997.edi').replace('AK9*A*', 'AK9*Q*');
    expect(() => parse997(firstSet(text))).toThrow(/AK901 "Q" is not an acknowledgment code/);
  });
});
