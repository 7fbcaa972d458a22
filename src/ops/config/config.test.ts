import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuntime, configJsonSchema, loadConfigFile, validateConfig } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-config-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const good = `
environment: production
odoo: { url: https://erp.example.com, database: prod, login: ferry-bot, apiKey: secret:ODOO_KEY }
channels:
  - { id: eu, kind: shopify, shopDomain: eu-store.myshopify.com, webhookSecret: secret:EU_HOOK, accessToken: env:EU_TOKEN, currencies: [EUR] }
warehouses:
  - id: east
    kind: x12
    odooWarehouse: WH
    endpoint: sftp://ferry@3pl.example.com/in
    locations: [{ code: E1, odooLocation: WH/Stock }]
    x12:
      ours: { qualifier: "01", id: "123456789", groupId: DISTCO }
      theirs: { qualifier: ZZ, id: ACME3PL }
      usage: P
      folders: { inbox: to-ferry, outbox: from-ferry }
flows:
  order-intake: { lane: intake, class: real-time }
  inventory-resync: { lane: batch, class: batch }
ownership: { inventory: { default: odoo, locations: { E1: "wms:east" } } }
`;

describe('configuration file', () => {
  it('accepts a complete YAML file and fills defaults', () => {
    const cfg = loadConfigFile(file('good.yaml', good));
    expect(cfg.environment).toBe('production');
    expect(cfg.channels[0]).toMatchObject({ id: 'eu', apiVersion: '2026-04', pollEveryMinutes: 10 });
    expect(cfg.lanes.map((l) => l.name)).toContain('intake');
    expect(cfg.ownership).toMatchObject({
      product: 'odoo',
      fulfilment: 'wms',
      inventory: { locations: { E1: 'wms:east' } },
    });
  });

  it('accepts JSON too', () => {
    expect(loadConfigFile(file('c.json', JSON.stringify({ environment: 'sandbox' }))).environment).toBe(
      'sandbox',
    );
  });

  it('reports every problem at once, each with its path, and refuses secret values', () => {
    const bad = `
odoo: { url: not-a-url, database: prod, login: bot, apiKey: abc123 }
channels:
  - { id: eu, kind: shopify, shopDomain: eu-store.myshopify.com, webhookSecret: secret:A, accessToken: env:T }
  - { id: us, kind: shopify, shopDomain: us-store.myshopify.com }
flows: { intake: { lane: nope, class: real-time } }
surprise: true
`;
    let message = '';
    try {
      loadConfigFile(file('bad.yaml', bad));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('has 6 problems');
    for (const line of [
      'odoo.url: expected an http:// or https:// URL such as https://host',
      'odoo.apiKey: must be a reference "secret:NAME" or "env:NAME", never the secret itself',
      'channels[1].webhookSecret: required',
      'channels[1].accessToken: required (or clientId and clientSecret)',
      'flows.intake.lane: unknown lane "nope"',
      'surprise: unknown field',
    ])
      expect(message).toContain(line);
    expect(message).not.toContain('abc123');
  });

  it('takes customer rules per channel and requires the shared partner for shared consumers', () => {
    const rules = (customers: string) =>
      good.replace('currencies: [EUR] }', `currencies: [EUR], rules: { customers: ${customers} } }`);
    const cfg = loadConfigFile(
      file('rules.yaml', rules('{ b2c: shared, sharedPartnerId: 7, b2b: must-exist }')),
    );
    expect(cfg.channels[0]!.rules.customers).toEqual({
      b2c: 'shared',
      sharedPartnerId: 7,
      b2b: 'must-exist',
    });
    expect(() => loadConfigFile(file('rules-bad.yaml', rules('{ b2c: shared }')))).toThrow(
      'channels[0].rules.customers.sharedPartnerId: sharedPartnerId (an Odoo res.partner id) is required when b2c is shared',
    );
    expect(() => loadConfigFile(file('rules-bad2.yaml', rules('{ b2bMatch: [phone] }')))).toThrow(
      /channels\[0\]\.rules\.customers\.b2bMatch\[0\]: Invalid option: expected one of "ref"\|"email"\|"vat"/,
    );
  });

  it('reads schedules in a configured IANA time zone, UTC by default, and names a wrong one by path', () => {
    expect(loadConfigFile(file('tz-default.yaml', good)).schedules).toEqual({ timeZone: 'UTC' });
    const zoned = (tz: string) => `${good}schedules: { timeZone: ${tz} }\n`;
    expect(loadConfigFile(file('tz.yaml', zoned('Europe/Amsterdam'))).schedules.timeZone).toBe(
      'Europe/Amsterdam',
    );
    expect(() => loadConfigFile(file('tz-bad.yaml', zoned('Europe/Amsterdamm')))).toThrow(
      'schedules.timeZone: expected an IANA time zone such as Europe/Amsterdam',
    );
    expect(() => loadConfigFile(file('tz-offset.yaml', zoned('"+01:00"')))).toThrow(
      'schedules.timeZone: expected an IANA time zone',
    );
    const hours = good.replace(
      'currencies: [EUR] }',
      "currencies: [EUR], tradingHours: { timeZone: Mars/Olympus, from: '08:00', to: '20:00' } }",
    );
    expect(() => loadConfigFile(file('tz-channel.yaml', hours))).toThrow(
      'channels[0].tradingHours.timeZone: expected an IANA time zone',
    );
  });

  it('refuses flows.<flow>.schedule, which no flow runs on, saying where schedules are set', () => {
    const text = good.replace('class: batch }', 'class: batch, schedule: "0 * * * *" }');
    let message = '';
    try {
      loadConfigFile(file('flow-schedule.yaml', text));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('has 1 problem:');
    expect(message).toContain(
      'flows.inventory-resync.schedule: not read by Ferry (remove it): schedules are set where their work is configured',
    );
    expect(message).toContain('inventory.channels.<id>.resyncCron');
  });

  it('checks that alert rules name configured channels and lanes', () => {
    const text = `${good}alerts: { noOrdersMinutes: { eu: 30, us: 30 }, queueAge: { lanes: [intake, slow] } }\n`;
    expect(() => loadConfigFile(file('alerts.yaml', text))).toThrow(
      /alerts\.noOrdersMinutes\.us: unknown channel "us"[\s\S]*alerts\.queueAge\.lanes\[1\]: unknown lane "slow"/,
    );
    const ok = loadConfigFile(file('alerts-ok.yaml', `${good}alerts: { noOrdersMinutes: { eu: 30 } }\n`));
    expect(ok.alerts).toMatchObject({
      everySeconds: 30,
      noOrdersMinutes: { eu: 30 },
      unacknowledgedEdi: true,
    });
  });

  it('reads the X12 envelope identities, usage and folders of a 3PL, with defaults', () => {
    const [w] = loadConfigFile(file('good2.yaml', good)).warehouses;
    expect(w).toMatchObject({
      kind: 'x12',
      x12: {
        ours: { qualifier: '01', id: '123456789', groupId: 'DISTCO' },
        theirs: { qualifier: 'ZZ', id: 'ACME3PL' },
        usage: 'P',
        folders: { inbox: 'to-ferry', outbox: 'from-ferry', processed: 'processed', error: 'error' },
      },
    });
  });

  it('names each wrong X12 setting of a warehouse, and a 3PL without one', () => {
    const wh = (extra: Record<string, unknown>) => ({
      id: 'east',
      odooWarehouse: 'WH',
      locations: [{ code: 'E1', odooLocation: 'WH/Stock' }],
      ...extra,
    });
    const raw = {
      warehouses: [
        wh({ kind: 'x12', endpoint: '/srv/3pl' }),
        wh({
          kind: 'x12',
          endpoint: '/srv/3pl',
          x12: {
            ours: { qualifier: 'Z', id: 'DISTRIBUTOR-COMPANY', groupId: 'D' },
            theirs: { qualifier: 'ZZ', id: 'AC*ME' },
            usage: 'X',
            folders: { inbox: '/abs/path', outbox: '../../etc/outside', processed: 'a/./b' },
          },
        }),
        wh({ kind: 'wms-rest', endpoint: 'https://wms.example.com', x12: {} }),
        wh({ kind: 'ftp', endpoint: 'x' }),
      ],
    };
    let message = '';
    try {
      validateConfig(raw);
    } catch (e) {
      message = (e as Error).message;
    }
    for (const line of [
      'warehouses[0].x12: required',
      'warehouses[1].x12.ours.qualifier: expected a 2-character ISA qualifier such as ZZ, 01 or 12',
      'warehouses[1].x12.ours.id: an ISA id has at most 15 characters',
      'warehouses[1].x12.ours.groupId: a GS application code has 2 to 15 characters',
      'warehouses[1].x12.theirs.id: must not contain the separators * ~ >',
      'warehouses[1].x12.usage:',
      'warehouses[1].x12.folders.inbox: a relative folder name such as outbound or edi/in',
      'warehouses[1].x12.folders.outbox: a relative folder name such as outbound or edi/in',
      'warehouses[1].x12.folders.processed: a relative folder name such as outbound or edi/in',
      'warehouses[2].x12: unknown field',
      'warehouses[3].kind: expected kind x12 or wms-rest',
    ])
      expect(message).toContain(line);
  });

  it('takes only http and https URLs', () => {
    const odoo = (url: string) => ({
      odoo: { url, database: 'd', login: 'l', apiKey: 'env:K', shippingProductId: 1 },
    });
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ftp://erp.example.com',
      'data:text/html,x',
    ])
      expect(() => validateConfig(odoo(url)), url).toThrow(
        'odoo.url: expected an http:// or https:// URL such as https://host',
      );
    expect(() => validateConfig({ alerts: { webhookUrl: 'gopher://x' } })).toThrow(/alerts\.webhookUrl/);
    expect(validateConfig(odoo('http://127.0.0.1:8069')).odoo?.url).toBe('http://127.0.0.1:8069');
    expect(validateConfig(odoo('HTTPS://erp.example.com')).odoo?.url).toBe('HTTPS://erp.example.com');
  });

  it('names the line of a YAML syntax error and a missing file', () => {
    expect(() => loadConfigFile(file('syntax.yaml', 'odoo: {url: [\n'))).toThrow(
      /syntax\.yaml is not valid YAML or JSON at line \d+/,
    );
    expect(() => loadConfigFile(join(dir, 'missing.yaml'))).toThrow(
      /cannot read configuration file .*missing\.yaml/,
    );
  });

  it('prints a JSON Schema describing the file', () => {
    const schema = configJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['odoo', 'channels', 'warehouses', 'lanes', 'flows', 'ownership']),
    );
  });

  it('compiles runtime options once: flags over environment over defaults', () => {
    expect(compileRuntime({}, {}).db).toBe('./ferry.db');
    expect(compileRuntime({}, { FERRY_DB: 'postgres://h/db' }).db).toBe('postgres://h/db');
    expect(compileRuntime({ db: 'x.db' }, { FERRY_DB: 'postgres://h/db' }).db).toBe('x.db');
    // A mounted secret file: the URL with its password never sits in the environment.
    const file = join(mkdtempSync(join(tmpdir(), 'ferry-dbfile-')), 'db-url');
    writeFileSync(file, 'postgres://ferry:pw@db:5432/ferry\n');
    expect(compileRuntime({}, { FERRY_DB_FILE: file }).db).toBe('postgres://ferry:pw@db:5432/ferry');
    expect(compileRuntime({}, { FERRY_DB: 'y.db', FERRY_DB_FILE: file }).db).toBe('y.db');
    expect(() => compileRuntime({}, { FERRY_DB_FILE: `${file}.missing` })).toThrow(
      `FERRY_DB_FILE: cannot read ${file}.missing: ENOENT`,
    );
    expect(validateConfig({}).environment).toBe('sandbox');
  });
});
