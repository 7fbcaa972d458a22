/**
 * What the console's health screens need from a serving process, built from the compiled
 * configuration and the wired parts: what the overview watches, a connection test per partner
 * (Odoo's start-up checks; a Shopify channel's shop name, through its guard like any call), and
 * the inventory flow's channels with its live state where this process owns it.
 */
import { startupChecks } from '../connectors/odoo/index.js';
import type { AdminOptions } from '../api/admin/index.js';
import type { ConnectionResult, ConnectionTest, RateBucket } from '../api/admin/services/partnerDetail.js';
import type { CompiledConfig } from '../ops/config/index.js';
import type { Wired } from './wiring.js';

/** A Shopify Admin API query every app may run: the shop's own name. */
const SHOP_QUERY = 'query FerryConnectionTest { shop { name } }';

export function consoleHealthOptions(
  compiled: CompiledConfig,
  w: Wired,
): Pick<AdminOptions, 'overview' | 'connectionTests' | 'inventory' | 'partnerBuckets'> {
  const alerts = compiled.source.alerts;
  const tests = new Map<string, ConnectionTest>();
  const buckets = new Map<string, () => RateBucket | undefined>();
  const odoo = w.partners.odooClient;
  if (odoo && w.guards.odoo)
    tests.set(w.guards.odoo.name, async (): Promise<ConnectionResult> => {
      const checks = (await startupChecks(odoo)).map((c) => ({ name: c.name, ok: c.ok, detail: c.detail }));
      const failed = checks.find((c) => !c.ok);
      return {
        ok: !failed,
        message: failed ? `${failed.name}: ${failed.detail}` : checks.map((c) => c.detail).join('; '),
        checks,
      };
    });
  for (const [id, channel] of w.partners.channels) {
    const client = channel.client;
    const guard = w.guards.shopify.get(id);
    if (!client || !guard) continue;
    buckets.set(guard.name, () => {
      const b = client.costBucket();
      return (
        b && {
          name: 'query cost',
          available: Math.floor(b.currentlyAvailable),
          capacity: b.maximumAvailable,
          perSecond: b.restoreRate,
        }
      );
    });
    tests.set(guard.name, async (): Promise<ConnectionResult> => {
      const r = await client.request<{ shop: { name: string } }>(SHOP_QUERY, {}, { estimatedCost: 1 });
      const detail = `signed in to ${channel.shopDomain} (shop "${r.data.shop.name}")`;
      return { ok: true, message: detail, checks: [{ name: 'shop', ok: true, detail }] };
    });
  }
  const inventory = compiled.inventory;
  const runtime = w.inventory.runtime;
  return {
    overview: {
      webhookSources: compiled.warehouses.list.map((x) => `wms:${x.id}`),
      serviceLevels: compiled.source.serviceLevels,
      noOrdersMinutes: alerts.noOrdersMinutes,
      queueAge: alerts.queueAge,
    },
    connectionTests: () => tests,
    partnerBuckets: () => buckets,
    inventory: () =>
      inventory && {
        channels: inventory.targets.map((t) => t.channel),
        ...(runtime
          ? {
              explain: (sku: string, channel: string) => {
                try {
                  return runtime.state.engine.explain(sku, channel);
                } catch {
                  return undefined; // a SKU this process's state does not know
                }
              },
            }
          : {}),
      },
  };
}
