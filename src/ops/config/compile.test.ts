import { describe, expect, it } from 'vitest';
import { isFerryError } from '../../core/errors.js';
import { compileConfig, configuredShadow, MAINTENANCE_LANE, validateConfig } from './index.js';
import type { FerryConfigInput } from './index.js';

const odoo = { url: 'https://erp.example.com', database: 'prod', login: 'bot', apiKey: 'secret:ODOO_KEY' };
const shop = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'shopify' as const,
  shopDomain: `${id}-store.myshopify.com`,
  webhookSecret: `secret:${id.toUpperCase()}_HOOK`,
  accessToken: `env:${id.toUpperCase()}_TOKEN`,
  ...extra,
});
const x12 = {
  id: 'east',
  kind: 'x12' as const,
  odooWarehouse: 'WH',
  endpoint: '/srv/edi/east',
  locations: [{ code: 'E1', odooLocation: 'WH/Stock' }],
  x12: { ours: { qualifier: 'ZZ', id: 'DISTCO' }, theirs: { qualifier: 'ZZ', id: 'ACME3PL' } },
};

/** The message of the error `fn` throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(isFerryError(e) && e.code).toBe('config_invalid');
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('compileConfig', () => {
  it('applies every default: lanes with the worker defaults and the maintenance lane, nothing connected', () => {
    const c = compileConfig({});
    expect(c.http).toEqual({ host: '127.0.0.1', port: 8080, bodyLimitBytes: 2 * 1024 * 1024 });
    expect(c.lanes.map((l) => l.name)).toEqual([
      'intake',
      'orders',
      'fulfilment',
      'shipments',
      'inventory',
      'batch',
      MAINTENANCE_LANE,
    ]);
    expect(c.lanes.find((l) => l.name === 'orders')).toMatchObject({
      concurrency: 4,
      batchSize: 25,
      leaseMs: 30_000,
      maxAttempts: 10,
      pollMs: 1000,
    });
    expect(c.lanes.at(-1)).toMatchObject({ name: MAINTENANCE_LANE, concurrency: 1, batchSize: 1 });
    expect(c.scheduleTimeZone).toBe('UTC');
    expect(c.retention).toEqual({
      personalDataDays: 30,
      inboxDays: 90,
      jobsDays: 30,
      eventsDays: 365,
      deliveryLogDays: 90,
    });
    expect(c.odoo).toBeUndefined();
    expect(c.channels).toEqual([]);
    expect(c.warehouses).toEqual({
      list: [],
      sites: [],
      orderCompanies: { default: 1, channels: {} },
      releaseOnAccept: false,
      pollEverySeconds: 60,
    });
    expect(c.inventory).toBeUndefined();
  });

  it('keeps a configured maintenance lane instead of adding a second', () => {
    const c = compileConfig({ lanes: [{ name: 'intake' }, { name: MAINTENANCE_LANE, concurrency: 3 }] });
    expect(c.lanes.filter((l) => l.name === MAINTENANCE_LANE)).toMatchObject([{ concurrency: 3 }]);
  });

  it('puts durations in the units their names say, and secrets as references with their path', () => {
    const c = compileConfig({
      odoo,
      channels: [
        shop('eu', {
          pollOverlapMinutes: 3,
          tradingHours: { timeZone: 'Europe/Paris', from: '08:00', to: '20:00' },
        }),
      ],
      warehouses: [{ ...x12, ackDeadlineMinutes: 90, x12: { ...x12.x12, staleUploadMinutes: 15 } }],
    });
    expect(c.channels[0]).toMatchObject({
      pollEveryMinutes: 10,
      pollOverlapMs: 180_000,
      timeZone: 'Europe/Paris',
      webhookSecret: { ref: 'secret:EU_HOOK', where: 'channels[0].webhookSecret' },
      auth: { kind: 'accessToken', accessToken: { ref: 'env:EU_TOKEN', where: 'channels[0].accessToken' } },
      rules: { currencies: ['USD'], stock: 'backorder', priceTolerancePct: null, test: 'accept-no-release' },
    });
    expect(c.warehouses.list[0]).toMatchObject({
      kind: 'x12',
      staleUploadMs: 900_000,
      partner: {
        ackDeadlineMs: 5_400_000,
        usage: 'T',
        ours: { groupId: 'DISTCO' },
        theirs: { groupId: 'ACME3PL' },
      },
      locations: { E1: 'E1' },
      defaultLocation: 'E1',
    });
    expect(c.warehouses).toMatchObject({
      releaseOnAccept: true,
      sites: [{ id: 'east', odooWarehouse: 'WH', odooLocations: ['WH/Stock'], company: 1 }],
    });
    expect(c.odoo).toMatchObject({
      url: 'https://erp.example.com',
      credential: { field: 'apiKey', secret: { ref: 'secret:ODOO_KEY', where: 'odoo.apiKey' } },
      options: { db: 'prod', login: 'bot', timeoutMs: 30_000, timeoutPerRecordMs: 1000, concurrency: 4 },
    });
    expect(JSON.stringify(c.odoo)).not.toContain('password');
  });

  it('gathers what the Odoo connector takes per channel: company, line products, customer rules', () => {
    const c = compileConfig({
      odoo: { ...odoo, apiKey: undefined, password: 'env:ODOO_PASSWORD' },
      channels: [
        shop('eu', { company: 2, rules: { customers: { b2c: 'shared', sharedPartnerId: 7 } } }),
        shop('us', { lineProducts: { tip: 9 } }),
      ],
    });
    expect(c.odoo!.credential).toEqual({
      field: 'password',
      secret: { ref: 'env:ODOO_PASSWORD', where: 'odoo.password' },
    });
    expect(c.odoo!.options).toMatchObject({
      channelCompanies: { eu: 2 },
      channelLineProducts: { us: { tip: 9 } },
      customerRules: { eu: { b2c: { sharedPartnerId: 7 }, b2b: 'find-or-create' } },
    });
  });

  it("gathers each Odoo company's settings and the company each warehouse ships for", () => {
    const c = compileConfig({
      odoo: {
        ...odoo,
        salesJournalId: 3,
        companies: { '2': { pricelists: { USD: 7 }, shippingProductId: 40, salesJournalId: 12 } },
      },
      channels: [shop('eu'), shop('us', { company: 2 })],
      warehouses: [x12, { ...x12, id: 'west', odooWarehouse: 'USINC', odooCompany: 2 }],
    });
    expect(c.odoo!.options).toMatchObject({
      salesJournalId: 3,
      companySettings: { 2: { pricelists: { USD: 7 }, shippingProductId: 40, salesJournalId: 12 } },
      channelCompanies: { us: 2 },
    });
    expect(c.warehouses.sites.map((w) => [w.id, w.company])).toEqual([
      ['east', 1],
      ['west', 2],
    ]);
    expect(c.warehouses.orderCompanies).toEqual({ default: 1, channels: { us: 2 } });
  });

  it('refuses a channel whose Odoo company no warehouse ships for, naming both', () => {
    const message = refusal(() =>
      compileConfig({ odoo, channels: [shop('eu'), shop('us', { company: 2 })], warehouses: [x12] }),
    );
    expect(message).toContain('channels[1].company');
    expect(message).toContain(
      'channel "us" books its orders in Odoo company 2, but no warehouse ships for that company ("east" ships for company 1)',
    );
  });

  it('refuses an Odoo company entry whose key is no company id', () => {
    const message = refusal(() =>
      compileConfig({ odoo: { ...odoo, companies: { us: { salesJournalId: 3 } } } }),
    );
    expect(message).toContain('odoo.companies');
  });

  it('compiles inventory: owners per location, the channel rules, and the targets that have a channel', () => {
    const c = compileConfig({
      channels: [shop('eu', { tradingHours: { timeZone: 'Europe/Paris', from: '08:00', to: '20:00' } })],
      inventory: {
        locations: ['WH/Stock', 'E1'],
        channels: {
          eu: { shopifyLocationId: 'gid://shopify/Location/1', publishDeltaUnits: 2 },
          gone: { shopifyLocationId: 'gid://shopify/Location/2' },
        },
      },
      ownership: { inventory: { default: 'odoo', locations: { E1: 'wms:east' } } },
    });
    expect(c.inventory).toMatchObject({
      odooLocations: ['WH/Stock'],
      batchSize: 250,
      pollEverySeconds: 30,
      targets: [
        {
          channel: 'eu',
          locationId: 'gid://shopify/Location/1',
          resyncCron: '17 * * * *',
          timeZone: 'Europe/Paris',
        },
      ],
      engine: {
        locations: [
          { location: 'WH/Stock', owner: 'odoo' },
          { location: 'E1', owner: 'wms:east' },
        ],
        channels: [{ channel: 'eu', version: '1', locations: ['WH/Stock', 'E1'], publishDeltaUnits: 2 }],
      },
    });
    expect(compileConfig({ inventory: { locations: ['WH/Stock'] } }).inventory).toBeUndefined();
  });

  it('names the flows and channels the configuration shadows', () => {
    const c = compileConfig({
      channels: [shop('eu', { shadow: true }), shop('us')],
      flows: { 'inventory-publish': { lane: 'inventory', class: 'real-time', shadow: true } },
    });
    const shadowed = configuredShadow(c.shadow);
    expect(shadowed('order-intake', 'eu')).toBe(true);
    expect(shadowed('inventory-publish', 'us')).toBe(true);
    expect(shadowed('order-intake', 'us')).toBe(false);
  });

  it('compiles a validated configuration to the same result as its raw input', () => {
    const raw: FerryConfigInput = { odoo, channels: [shop('eu')], warehouses: [x12] };
    expect(compileConfig(validateConfig(raw))).toEqual(compileConfig(raw));
  });

  it('refuses a bad configuration, naming each problem by its path', () => {
    const message = refusal(() =>
      compileConfig({
        channels: [{ ...shop('eu'), accessToken: undefined }],
        warehouses: [{ ...x12, locations: [] }],
        lanes: [{ name: 'intake', concurrency: 0 }],
      }),
    );
    expect(message).toContain('channels[0].accessToken: required (or clientId and clientSecret)');
    expect(message).toContain('warehouses[0].locations');
    expect(message).toContain('lanes[0].concurrency');
  });
});
