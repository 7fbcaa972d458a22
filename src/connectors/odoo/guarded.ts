/**
 * The Odoo port as the flows get it: every call to Odoo, role by role, through the partner guard
 * (rate limit, breaker) and the call observer (span, partner-call metrics). The raw client, with its
 * connection, stays with the tools that need calls outside the port (verify, start-up checks).
 */
import type {
  OdooAccounting,
  OdooCalls,
  OdooCatalog,
  OdooInvoicing,
  OdooPort,
  OdooSales,
  OdooStock,
} from './port.js';

/** What the port needs of a partner guard; the engine's PartnerGuard is one. */
export interface CallGuard {
  call<T>(fn: () => Promise<T>): Promise<T>;
}

/** Wraps one partner call (a span, a timed count); `operation` is the port method's name. */
export type CallObserver = <T>(partner: string, operation: string, fn: () => Promise<T>) => Promise<T>;

/**
 * Each role's calls. The `satisfies` clauses make a method added to a role without being listed
 * here a type error, so no call can slip past the guard.
 */
export const ODOO_ROLES = {
  catalog: [
    'resolveProducts',
    'resolveProductsAnyCompany',
    'listPrices',
  ] as const satisfies readonly (keyof OdooCatalog)[],
  sales: [
    'findOrCreateCustomer',
    'createAndConfirmOrder',
    'createAndConfirmOrders',
    'cancelOrder',
    'updateOrderQuantities',
    'orderChangesSince',
  ] as const satisfies readonly (keyof OdooSales)[],
  stock: [
    'readStock',
    'stockChangesSince',
    'readPickings',
    'validatePicking',
    'cancelPicking',
    'returnPicking',
  ] as const satisfies readonly (keyof OdooStock)[],
  invoicing: ['invoiceOrder', 'createCreditNote'] as const satisfies readonly (keyof OdooInvoicing)[],
  accounting: ['postJournalEntry'] as const satisfies readonly (keyof OdooAccounting)[],
};

type Listed = (typeof ODOO_ROLES)[keyof typeof ODOO_ROLES][number];
/** Compiles only while every call of every role is listed above. */
const everyCallListed: Exclude<keyof OdooCalls, Listed> extends never ? true : never = true;
void everyCallListed;

/** Every call of the port, by name (for tests and the architecture page). */
export const ODOO_CALLS: readonly Listed[] = Object.values(ODOO_ROLES).flat();

/**
 * The port with each call routed `observe(partner, method, () => guard.call(() => port.method(...)))`.
 * An open breaker or an exhausted bucket defers the job (it waits in its queue), never fails it.
 */
export function guardOdooPort(
  port: OdooPort,
  guard: CallGuard,
  observe: CallObserver = (_p, _o, fn) => fn(),
  partner = 'odoo',
): OdooPort {
  const guarded: Record<string, unknown> = {
    measure: port.measure.bind(port),
    roundTripsByOperation: port.roundTripsByOperation.bind(port),
    close: port.close.bind(port),
  };
  for (const name of ODOO_CALLS) {
    const call = (port[name] as (...a: unknown[]) => Promise<unknown>).bind(port);
    guarded[name] = (...args: unknown[]) => observe(partner, name, () => guard.call(() => call(...args)));
  }
  return guarded as unknown as OdooPort;
}
