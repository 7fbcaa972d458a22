/** What the events-out flow sees of the JetStream publisher. */

export interface PublishAck {
  /** True when the stream already had this message id (a retry of a publish that landed). */
  duplicate: boolean;
  seq: number;
}

export interface NatsPublisher {
  /** Publishes on the subject of `type` with `Nats-Msg-Id` = `eventId`. */
  publish(type: string, eventId: string, body: string): Promise<PublishAck>;
  close(): Promise<void>;
}
