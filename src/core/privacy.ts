/**
 * A privacy request as Ferry handles it, whatever channel sent it (Shopify's compliance webhooks
 * today): channels turn their own payloads into it, the store answers it.
 */

/** Who a privacy request is about, as the channel identifies them. */
export interface PrivacySubject {
  customerId?: string;
  email?: string;
  phone?: string;
  /** Channel order ids the request names (Shopify's orders_requested / orders_to_redact). */
  orderIds: string[];
}

export interface PrivacyRequest {
  channel: string;
  /** The inbox source of the channel's messages (`shopify:<channel>`). */
  source: string;
  kind: 'data_request' | 'customer_redact' | 'shop_redact';
  inboxId: number | null;
  /** Absent for a shop redaction: then every order of the channel is meant. */
  subject?: PrivacySubject;
  receivedAt: number;
}
