import { describe, expect, it } from 'vitest';
import { assertEnvironment, refuseReason } from './index.js';

describe('environment guard', () => {
  it('a sandbox refuses production partner hosts', () => {
    for (const h of [
      'eu-store.myshopify.com',
      'https://sellingpartnerapi-eu.amazon.com/orders',
      'https://acme.odoo.com',
    ])
      expect(refuseReason('sandbox', h)).toMatch(/production partner host/);
    expect(refuseReason('sandbox', 'http://127.0.0.1:8069')).toBeNull();
  });

  it('production refuses simulator hosts', () => {
    for (const h of ['http://127.0.0.1:9000', 'http://localhost:8069', 'http://[::1]:80'])
      expect(refuseReason('production', h)).toMatch(/simulator/);
    expect(refuseReason('production', 'https://acme.odoo.com')).toBeNull();
  });

  it('checks every endpoint of a profile; an admin URL overrides the shop domain', () => {
    const sandbox = {
      environment: 'sandbox' as const,
      odoo: { url: 'https://acme.odoo.com' },
      channels: [
        { shopDomain: 'eu.myshopify.com', adminUrl: 'http://127.0.0.1:7000' },
        { shopDomain: 'us.myshopify.com' },
      ],
      warehouses: [{ kind: 'x12', endpoint: '/var/ferry/3pl' }],
    };
    expect(() => assertEnvironment(sandbox)).toThrow(
      /odoo\.url: acme\.odoo\.com is a production partner host[\s\S]*channels\[1\]\.shopDomain/,
    );
    expect(() => assertEnvironment(sandbox)).not.toThrow(/channels\[0\]/);
    const production = {
      environment: 'production' as const,
      channels: [{ shopDomain: 'eu.myshopify.com' }],
      warehouses: [{ kind: 'wms-rest', endpoint: 'http://localhost:9100' }],
    };
    expect(() => assertEnvironment(production)).toThrow('warehouses[0].endpoint: localhost is a simulator');
  });
});
