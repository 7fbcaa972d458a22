import { describe, expect, it } from 'vitest';
import { buildCompletenessReport, completenessFindings, utcDay, type ChannelOrderFact } from './index.js';

const T0 = Date.UTC(2026, 5, 1, 9);
const sla = { ferryMinutes: 15, odooMinutes: 120, shippedHours: 72 };
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
const order = (id: string, min: number, cancelled = false): ChannelOrderFact => ({
  channelOrderId: id,
  name: `#${id}`,
  createdAt: at(min),
  cancelled,
});

function report(now: number) {
  return buildCompletenessReport({
    channel: 'eu',
    date: '2026-06-01',
    now,
    sla,
    channelOrders: [
      order('1', 0),
      order('2', 0),
      order('3', 0),
      order('4', 0),
      order('5', 0, true),
      order('6', 0),
    ],
    ferryOrders: [
      { ref: 'eu-1', channelOrderId: '1', state: 'shipped', createdAt: at(0) },
      { ref: 'eu-3', channelOrderId: '3', state: 'rejected', createdAt: at(0) },
      { ref: 'eu-4', channelOrderId: '4', state: 'accepted', createdAt: at(0) },
      { ref: 'eu-5', channelOrderId: '5', state: 'cancelled', createdAt: at(0) },
      { ref: 'eu-6', channelOrderId: '6', state: 'released', createdAt: at(0) },
      { ref: 'eu-9', channelOrderId: '9', state: 'accepted', createdAt: at(5) },
    ],
    odooRefs: new Set(['eu:1', 'eu:4', 'eu:6']),
    odooRefOf: (id) => `eu:${id}`,
  });
}

describe('completeness report', () => {
  it('counts each stage and lists every order missing at one, with whether it is past its service level', () => {
    const r = report(T0 + 60 * 60_000);
    expect(r.counts).toEqual({ channel: 6, ferry: 5, odoo: 3, shipped: 1 });
    const ids = (stage: 'ferry' | 'odoo' | 'shipped') =>
      r.missing[stage].map((m) => [m.channelOrderId, m.ferryState, m.overdue]);
    // Never reached Ferry: an hour is past the 15 minutes.
    expect(ids('ferry')).toEqual([['2', null, true]]);
    // Rejected in Ferry, so not in Odoo; within Odoo's 2 hours still.
    expect(ids('odoo')).toEqual([['3', 'rejected', false]]);
    // A cancelled order is expected neither in Odoo nor at the warehouse.
    expect(ids('shipped')).toEqual([
      ['4', 'accepted', false],
      ['6', 'released', false],
    ]);
    expect(r.notInChannel).toEqual(['eu-9']);
  });

  it('raises one alert per channel and stage with orders overdue, naming them', () => {
    const findings = completenessFindings([report(T0 + 3 * 3_600_000)]);
    expect(findings).toEqual([
      {
        rule: 'completeness',
        subject: 'eu:ferry',
        message: '1 order(s) from eu missing at ferry past its service level: eu#2',
      },
      {
        rule: 'completeness',
        subject: 'eu:odoo',
        message: '1 order(s) from eu missing at odoo past its service level: eu-3',
      },
    ]);
    expect(completenessFindings([report(T0 + 5 * 60_000)])).toEqual([]);
  });

  it('refuses a date that is not a UTC day', () => {
    expect(utcDay('2026-06-01')).toEqual({ from: Date.UTC(2026, 5, 1), to: Date.UTC(2026, 5, 2) });
    expect(() => utcDay('2026-02-30')).toThrow('date must be a UTC day as YYYY-MM-DD, got "2026-02-30"');
    expect(() => utcDay('yesterday')).toThrow('got "yesterday"');
  });
});
