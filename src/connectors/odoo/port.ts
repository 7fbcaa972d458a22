/**
 * The Odoo port the flows use: typed operations over the canonical model, each safe to retry.
 */
import type { Order, Party } from '../../core/model.js';
import type { FerryError } from '../../core/errors.js';
import type { OperationStats } from './roundtrips.js';

export interface CustomerRef {
  partnerId: number;
  invoiceAddressId: number;
  deliveryAddressId: number;
  created: boolean;
}

export interface OrderResult {
  /** `client_order_ref` in Odoo: `<channel>:<channelOrderId>`. */
  channelRef: string;
  odooId: number;
  /** Odoo's order name (S00042), when it was read. */
  name?: string;
  state: string;
  /** Odoo's `amount_total` (major units), when the order was read back. */
  amountTotal?: number;
  /** false when the order already existed (a retry, or a concurrent call, made it). */
  created: boolean;
}

export interface BatchResult {
  ok: OrderResult[];
  /** Orders refused alone, with Odoo's reason; the others went through. */
  failed: { channelRef: string; error: FerryError }[];
}

export interface PickingMove {
  id: number;
  productId: number;
  demand: number;
  /** Reserved (or set) quantity. */
  quantity: number;
  state: string;
}

export interface PickingInfo {
  id: number;
  name: string;
  state: string;
  /** Odoo's picking type code: incoming, outgoing or internal. */
  kind: string;
  backorderOf: number | false;
  trackingRef: string | false;
  moves: PickingMove[];
}

export interface QuantityLine {
  productId?: number;
  sku?: string;
  quantity: number;
}

export interface ValidateRequest {
  pickingId: number;
  lines: QuantityLine[];
  carrier?: string;
  trackingRef?: string;
  /** What happens to quantities not shipped: a backorder picking, or nothing. */
  backorder: 'create' | 'none';
}

export interface ValidateResult {
  pickingId: number;
  state: string;
  backorderIds: number[];
  /** The picking was already done (a retry after a lost answer). */
  alreadyDone: boolean;
}

export interface CancelResult {
  orderId: number;
  alreadyCancelled: boolean;
  cancelledPickingIds: number[];
}

export interface CancelPickingResult {
  pickingId: number;
  /** Odoo's name of the picking (WH/OUT/00012). */
  name: string;
  /** The picking was cancelled before (a retry). */
  alreadyCancelled: boolean;
}

export interface InvoiceResult {
  invoiceIds: number[];
  /** Posted invoices and credit notes made by this call or found from an earlier try. */
  posted: { id: number; name: string; moveType: string; amountTotalMinor: number }[];
  nothingToInvoice: boolean;
}

export interface ReturnRequest {
  pickingId: number;
  /** Ferry's idempotency key for this return (RMA id). */
  key: string;
  lines: QuantityLine[];
  /** Mark the returned quantities to be refunded (reduces delivered quantities on the order). */
  refund: boolean;
}

export interface ReturnResult {
  returnPickingId: number;
  state: string;
  created: boolean;
}

export interface CreditNoteRequest {
  invoiceId: number;
  key: string;
  reason?: string;
  /** Partial credit: quantities per product; the whole invoice when absent. */
  lines?: QuantityLine[];
}

export interface CreditNoteResult {
  creditNoteId: number;
  name: string;
  state: string;
  amountTotalMinor: number;
  created: boolean;
}

export interface StockPosition {
  productId: number;
  sku: string | false;
  locationId: number;
  location: string;
  onHand: number;
  reserved: number;
  free: number;
}

/**
 * Position in a change feed: the last write_date read (Odoo answers it to the second, but stores
 * and compares it with microseconds) and the ids already delivered within that second.
 */
export interface Cursor {
  writeDate: string;
  /** The last record delivered. */
  id: number;
  /** Every record delivered with `writeDate`; absent in cursors saved before it existed (then: ids ≤ `id`). */
  seenIds?: number[];
}

export interface Changes<T> {
  items: T[];
  cursor: Cursor | null;
  more: boolean;
}

export interface OrderChange {
  odooId: number;
  name: string;
  channelRef: string | false;
  state: string;
  invoiceStatus: string;
  writeDate: string;
}

export interface JournalLine {
  /** Account code (`627000`). */
  account: string;
  label?: string;
  debitMinor?: number;
  creditMinor?: number;
  partnerId?: number;
}

export interface JournalEntryRequest {
  /** Idempotency key, stored in the entry's `ref`. */
  key: string;
  /** Journal code; default the configured one (MISC). */
  journal?: string;
  /** The Odoo company (res.company id) whose journal of that code takes the entry; default the default company. */
  company?: number;
  currency: string;
  date?: string;
  lines: JournalLine[];
}

export interface JournalEntryResult {
  moveId: number;
  name: string;
  created: boolean;
}

/**
 * The port is split by role (cockatiel's small interfaces): a flow asks for the roles it calls and
 * nothing else, and an ERP other than Odoo implements only the roles it has.
 */

/** Products and their prices: Odoo owns the catalogue (DESIGN.md §2). */
export interface OdooCatalog {
  /**
   * Product ids by SKU (default_code) or barcode among the products of Odoo company `company`
   * (default: the configured default company) and the shared ones; unknown keys raise `mapping_missing`.
   */
  resolveProducts(keys: readonly string[], company?: number): Promise<Map<string, number>>;
  /**
   * Every active product id a key names, in any company (stock is read per location, and each
   * company's locations hold its own product of a SKU); unknown keys raise `mapping_missing`.
   */
  resolveProductsAnyCompany(keys: readonly string[]): Promise<Map<string, number[]>>;
  /**
   * Sales price (`list_price`, company currency) per SKU in minor units of `currency`; SKUs Odoo
   * does not know are left out. With `company`, that company's own product of a SKU (else the
   * shared one) gives the price.
   */
  listPrices(skus: readonly string[], currency: string, company?: number): Promise<Map<string, number>>;
}

/** Customers and sale orders: acceptance, edits, cancellation, and the order change feed. */
export interface OdooSales {
  findOrCreateCustomer(party: Party, channel: string, entity?: string): Promise<CustomerRef>;
  createAndConfirmOrder(order: Order): Promise<OrderResult>;
  createAndConfirmOrders(orders: readonly Order[]): Promise<BatchResult>;
  cancelOrder(orderId: number): Promise<CancelResult>;
  /** Lowers the confirmed order's line quantities to the order's current ones (an edit before release). */
  updateOrderQuantities(orderId: number, order: Order): Promise<{ changed: number }>;
  orderChangesSince(cursor: Cursor | null, limit?: number): Promise<Changes<OrderChange>>;
}

/** Stock positions and pickings: what is where, deliveries validated or cancelled, returns received. */
export interface OdooStock {
  readStock(query?: { productIds?: number[]; locationIds?: number[] }): Promise<StockPosition[]>;
  stockChangesSince(cursor: Cursor | null, limit?: number): Promise<Changes<StockPosition>>;
  readPickings(orderId: number): Promise<PickingInfo[]>;
  validatePicking(req: ValidateRequest): Promise<ValidateResult>;
  /** Cancels one open picking (a backorder); the order stays confirmed. A done picking is refused (`rule_failed`). */
  cancelPicking(pickingId: number): Promise<CancelPickingResult>;
  returnPicking(req: ReturnRequest): Promise<ReturnResult>;
}

/** Customer invoices and credit notes. */
export interface OdooInvoicing {
  invoiceOrder(orderId: number): Promise<InvoiceResult>;
  createCreditNote(req: CreditNoteRequest): Promise<CreditNoteResult>;
}

/** Journal entries (fees, settlement postings). */
export interface OdooAccounting {
  postJournalEntry(req: JournalEntryRequest): Promise<JournalEntryResult>;
}

/** Bookkeeping of the client itself, not calls to Odoo: round trips counted, the connection closed. */
export interface OdooRoundTrips {
  /** Requests made by `fn` (round trips to Odoo). */
  measure<T>(fn: () => Promise<T>): Promise<{ value: T; roundTrips: number }>;
  /** Calls and round trips per operation since the client was made. */
  roundTripsByOperation(): Record<string, OperationStats>;
  close(): Promise<void>;
}

/** Every call the port makes to Odoo, by role; each goes through the partner guard (guarded.ts). */
export type OdooCalls = OdooCatalog & OdooSales & OdooStock & OdooInvoicing & OdooAccounting;

/** The whole port: every role, and the client's own bookkeeping. */
export type OdooPort = OdooCalls & OdooRoundTrips;
