import { describe, expect, it } from 'vitest';
import {
  apiFilter,
  describeFilter,
  listPath,
  probePaths,
  suggestedMapping,
  type Filters,
} from './filters.js';

const none: Filters = {
  status: '',
  lane: '',
  code: '',
  errorClass: '',
  impact: '',
  assignee: '',
  q: '',
  task: '',
  partner: '',
  channel: '',
  maxAgeMs: '',
};

describe('exception queue filters', () => {
  it('asks for open exceptions unless the resolved tab is chosen, leaving empty filters out of the URL', () => {
    expect(listPath({ ...none, code: 'mapping_missing' }, '')).toBe(
      '/exceptions?code=mapping_missing&status=open&limit=50',
    );
    expect(apiFilter({ ...none, status: 'resolved', impact: 'finance' })).toEqual({
      impact: 'finance',
      status: 'resolved',
    });
  });

  it('keeps the exact channel a health overview link names, so `shop` never lists `shop-eu`', () => {
    expect(listPath({ ...none, task: 'order.accept', channel: 'shop', maxAgeMs: '3600000' }, '')).toBe(
      '/exceptions?task=order.accept&channel=shop&maxAgeMs=3600000&status=open&limit=50',
    );
  });

  it('states the filter of an "all N matching" confirmation in words, and says when there is none', () => {
    expect(describeFilter({ ...none, code: 'mapping_missing', lane: 'orders' })).toEqual([
      'lane = orders',
      'code = mapping_missing',
    ]);
    expect(describeFilter(none)).toEqual(['(no filter: every open exception)']);
  });

  it('probes both tabs for changes since a time, one row each', () => {
    expect(probePaths({ ...none, impact: 'finance' }, 1_700_000_000_000)).toEqual([
      '/exceptions?impact=finance&status=open&changedSince=1700000000000&limit=1',
      '/exceptions?impact=finance&status=resolved&changedSince=1700000000000&limit=1',
    ]);
  });

  it('finds the mapping a failure message tells a person to add', () => {
    const message =
      'order shop-us-1: rule sku-mapping: line 1 SKU "LEGACY-0042" has no Odoo product; add a mapping (ferry mappings set sku shop-us LEGACY-0042 <Odoo SKU>) or the product in Odoo, then replay (ferry exceptions replay <id>)';
    expect(suggestedMapping(message)).toEqual({ kind: 'sku', scope: 'shop-us', key: 'LEGACY-0042' });
    expect(suggestedMapping('Odoo answered 503')).toBeNull();
  });
});
