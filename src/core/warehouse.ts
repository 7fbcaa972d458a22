/**
 * The warehouse port (issue 5): one interface for every warehouse, whatever it speaks (EDI X12
 * files, a JSON REST WMS). Flows see canonical data only; adapters own the wire format.
 */
import type { FerryError } from './errors.js';
import type { SignatureResult } from './signature.js';
import type { FulfilmentRequest, InventoryPosition, Shipment } from './model.js';

/** What a warehouse said about one line of a shipment, in Ferry's words. */
export const LineOutcome = {
  complete: 'complete',
  /** Short now, the rest follows (X12 `BP`). */
  backorder: 'backorder',
  /** Short and nothing more will ship, no backorder wanted (X12 `CP`, JSON WMS `closed`). */
  closed: 'closed',
  /**
   * Short because the warehouse cancelled the rest (X12 `IC`, `DS`, JSON WMS `cancelled`): it comes
   * with a `cancelled` event, and the rest is settled by the `cancelledRest` rule, so until then it
   * is a backorder.
   */
  cancelled: 'cancelled',
} as const;
export type LineOutcome = (typeof LineOutcome)[keyof typeof LineOutcome];

/** A shipment confirmation: the canonical Shipment and, per line, ordered vs shipped. */
export interface ShipmentNotice {
  readonly shipment: Shipment;
  readonly lines: readonly {
    readonly sku: string;
    readonly ordered: number | undefined;
    readonly shipped: number;
    readonly outcome: LineOutcome;
  }[];
}

/** A goods receipt or customer return reported by the warehouse. */
export interface ReceiptNotice {
  readonly receiptId: string;
  readonly isReturn: boolean;
  readonly reference?: string;
  readonly receivedAt: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly damaged: number }[];
}

/** One thing learnt from an inbound warehouse message. */
export type WarehouseEvent =
  | { readonly kind: 'shipment'; readonly notice: ShipmentNotice }
  | { readonly kind: 'inventory'; readonly key: string; readonly positions: readonly InventoryPosition[] }
  | { readonly kind: 'receipt'; readonly receipt: ReceiptNotice }
  | {
      readonly kind: 'cancelled';
      readonly orderRef: string;
      readonly reason?: string;
      /** The shipment that reported the cancellation (an X12 945); settled only once it is synced. */
      readonly shipmentId?: string;
      /** SKUs whose rest was cancelled; absent when the warehouse cancelled all it had not shipped. */
      readonly skus?: readonly string[];
    }
  /** The warehouse confirmed it holds these releases (by the external ref `release` returned). */
  | { readonly kind: 'acknowledged'; readonly externalRefs: readonly string[] }
  /** Bad input or a refusal of ours: surfaced as an exception, the rest still processed. */
  | { readonly kind: 'problem'; readonly error: FerryError };

/** The answer to a release. */
export interface ReleaseReceipt {
  /** Warehouse-side reference that its acknowledgement will name (ISA13, WMS order id). */
  readonly externalRef: string;
  /** True when the send itself was the acknowledgement (a WMS answering 201). */
  readonly acknowledged: boolean;
  /** When a missing acknowledgement becomes an exception, ms since epoch. */
  readonly ackDueAtMs: number | undefined;
}

/** A stored inbound message (inbox row) of this warehouse. */
export interface InboundMessage {
  readonly inboxId: number;
  readonly kind: string;
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/** Port: one warehouse. Every method is safe to call again after a timeout or a crash. */
export interface WarehousePort {
  readonly id: string;
  readonly kind: 'x12' | 'wms-rest';
  /** Sends the fulfilment order; idempotent by `req.orderRef` (a repeat never makes a second order). */
  release(req: FulfilmentRequest): Promise<ReleaseReceipt>;
  /** Asks the warehouse to cancel the order; idempotent. */
  cancel(orderRef: string, reason?: string): Promise<void>;
  /**
   * Collects waiting inbound messages (files, polled events) into the inbox, each with its
   * processing job; returns how many were new.
   */
  collect(): Promise<number>;
  /** Reads one stored inbound message into events, answering protocol acknowledgements (997) itself. */
  receive(msg: InboundMessage): Promise<WarehouseEvent[]>;
  close(): Promise<void>;
}

/** How an adapter's inbound message was authenticated (a signed webhook, or none for files and polls). */
export type IntakeSignature = SignatureResult;

/** A message to store durably before it is acknowledged or moved. */
export interface IntakeMessage {
  readonly kind: string;
  readonly body: Buffer;
  readonly headers: Record<string, string>;
  readonly dedupeKey: string;
  readonly signature: IntakeSignature;
}

/** How an adapter hands a collected inbound message to the inbox (stored with its processing job); resolves once durable. */
export type WarehouseIntake = (msg: IntakeMessage) => Promise<'accepted' | 'duplicate'>;
