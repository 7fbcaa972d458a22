import { describe, expect, it } from 'vitest';
import { LINK_KEYS, describeLinkFilters, readPath, type OrderFilters } from './filters.js';

const none: OrderFilters = {
  q: '',
  channel: '',
  createdFrom: '',
  createdTo: '',
  serviceLevel: '',
  withinMs: '',
  asOf: '',
  limit: '',
};

describe('order screen filters', () => {
  it('searches by id alone with the universal search, and reads nothing without an id or a channel', () => {
    expect(readPath({ ...none, q: '#1001' })).toBe('/search?q=%231001');
    expect(readPath(none)).toBeNull();
  });

  it('keeps the exact channel an overview link names, so `shop` never lists `shop-eu`', () => {
    const missed = {
      ...none,
      channel: 'shop',
      createdFrom: '1700000000000',
      serviceLevel: 'missed',
      withinMs: '120000',
      asOf: '1700003600000',
    };
    expect(readPath(missed)).toBe(
      '/orders?channel=shop&createdFrom=1700000000000&serviceLevel=missed&withinMs=120000&asOf=1700003600000',
    );
    expect(describeLinkFilters(missed)).toEqual([
      'channel = shop',
      'created from 2023-11-14T22:13Z',
      'missed the 2-minute service level as of 2023-11-14T23:13Z',
    ]);
    // An id typed beside the link's channel stays within that channel.
    expect(readPath({ ...none, q: 'shop-1001', channel: 'shop' })).toBe('/orders?q=shop-1001&channel=shop');
    expect(LINK_KEYS).not.toContain('q');
  });
});
