/** What the events-out flow sees of outgoing webhooks: one signed delivery, and its outcome. */

/** One event to one endpoint. */
export interface WebhookDelivery {
  url: string;
  /** `webhook-id`: the event id, the same on every retry (the subscriber's dedupe key). */
  msgId: string;
  at: Date;
  /** The signing secrets (`whsec_…`): the current one, and the previous one during a rotation. */
  secrets: readonly string[];
  body: string;
}

/** The outcome of one POST to a subscriber. */
export interface SendResult {
  ok: boolean;
  /** HTTP status, null when no answer came. */
  status: number | null;
  /** Why it failed, in words (no secret, no body of ours). */
  error: string | null;
  durationMs: number;
  /** Seconds the subscriber asked us to wait (Retry-After on 429/503), if any. */
  retryAfterS: number | null;
}

export interface WebhookSender {
  /** Signs (Standard Webhooks) and POSTs one delivery. */
  send(d: WebhookDelivery): Promise<SendResult>;
  close(): Promise<void>;
}
