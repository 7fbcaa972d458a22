/** createOdooClient: the OdooPort over one connection, each operation counted in round trips. */
import { OdooConnection } from './connection.js';
import { compileOptions } from './options.js';
import type { OdooOptions } from './options.js';
import type { OdooPort } from './port.js';
import { cancelOrder } from './ops/cancel.js';
import { updateOrderQuantities } from './ops/orderEdit.js';
import { createOps } from './ops/context.js';
import type { Features, OdooCompany, Ops } from './ops/context.js';
import { createCreditNote } from './ops/credit.js';
import { invoiceOrder } from './ops/invoice.js';
import { postJournalEntry } from './ops/journal.js';
import { createAndConfirmOrder, createAndConfirmOrders } from './ops/orders.js';
import { findOrCreateCustomer } from './ops/partnersBatch.js';
import { cancelPicking, readPickings, validatePicking } from './ops/pickings.js';
import { listPrices } from './ops/prices.js';
import { returnPicking } from './ops/returns.js';
import { orderChangesSince, readStock, stockChangesSince } from './ops/stock.js';

/** The port plus the raw connection, for tools (verify) that need calls outside the port. */
export interface OdooClient extends OdooPort {
  readonly connection: OdooConnection;
  /** Detected (or configured) major version and protocol. */
  describe(): Promise<{ version: number; versionText: string; protocol: string }>;
  /** Optional modules found on the server (read once per connection). */
  features(): Promise<Features>;
  /** Odoo's companies with their names and currencies (read once per connection). */
  companies(): Promise<Map<number, OdooCompany>>;
}

export function createOdooClient(options: OdooOptions): OdooClient {
  const cfg = compileOptions(options);
  const conn = new OdooConnection(cfg);
  const ops: Ops = createOps(conn, cfg);
  const op =
    <A extends unknown[], R>(name: string, fn: (ops: Ops, ...a: A) => Promise<R>) =>
    (...a: A): Promise<R> =>
      conn.trips.operation(name, () => fn(ops, ...a));
  return {
    connection: conn,
    describe: async () => {
      const v = await conn.version();
      return { version: v.major, versionText: v.text, protocol: await conn.protocol() };
    },
    features: () => ops.features(),
    companies: () => ops.companies(),
    findOrCreateCustomer: op('findOrCreateCustomer', findOrCreateCustomer),
    resolveProducts: op('resolveProducts', (o, keys: readonly string[], company?: number) =>
      o.products.resolve(keys, company),
    ),
    resolveProductsAnyCompany: op('resolveProductsAnyCompany', (o, keys: readonly string[]) =>
      o.products.resolveAll(keys),
    ),
    listPrices: op('listPrices', listPrices),
    createAndConfirmOrder: op('createAndConfirmOrder', createAndConfirmOrder),
    createAndConfirmOrders: op('createAndConfirmOrders', (o, orders) => createAndConfirmOrders(o, orders)),
    readPickings: op('readPickings', readPickings),
    validatePicking: op('validatePicking', validatePicking),
    cancelOrder: op('cancelOrder', cancelOrder),
    updateOrderQuantities: op('updateOrderQuantities', updateOrderQuantities),
    cancelPicking: op('cancelPicking', cancelPicking),
    invoiceOrder: op('invoiceOrder', invoiceOrder),
    returnPicking: op('returnPicking', returnPicking),
    createCreditNote: op('createCreditNote', createCreditNote),
    readStock: op('readStock', (o, q?: { productIds?: number[]; locationIds?: number[] }) => readStock(o, q)),
    stockChangesSince: op('stockChangesSince', stockChangesSince),
    orderChangesSince: op('orderChangesSince', orderChangesSince),
    postJournalEntry: op('postJournalEntry', postJournalEntry),
    measure: (fn) => conn.trips.measure(fn),
    roundTripsByOperation: () => conn.trips.byOperation(),
    close: () => conn.close(),
  };
}
