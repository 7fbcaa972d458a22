/** One attempt to deliver one event to one subscription. */
export interface DeliveryAttempt {
  subscriptionId: number;
  eventId: string;
  attempt: number;
  at: number;
  ok: boolean;
  /** HTTP status, null when no answer came (refused connection, timeout) or for NATS. */
  status: number | null;
  error: string | null;
  durationMs: number;
}
