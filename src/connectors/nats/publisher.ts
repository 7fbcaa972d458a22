import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsPublisher } from './port.js';

export interface NatsPublisherOptions {
  /** e.g. `nats://127.0.0.1:4222`. */
  url: string;
  /** The JetStream stream Ferry publishes to; created when missing. */
  stream: string;
  /** Subject prefix: an event of type `order.shipped` goes to `<prefix>.order.shipped`. */
  subjectPrefix: string;
  /**
   * The stream's duplicate window in ms: a message id seen within it is dropped by the server. It
   * must outlast the publisher's longest retry, or a retried publish could be stored twice.
   */
  duplicateWindowMs: number;
  timeoutMs: number;
}

/**
 * Publishes events to JetStream with `Nats-Msg-Id` = event id, so the stream stores each event once
 * however often a crash makes Ferry publish it again. Connects on first use and ensures the stream
 * (its subjects and duplicate window) once per connection.
 */
export function natsPublisher(o: NatsPublisherOptions): NatsPublisher {
  let ready: Promise<{ nc: NatsConnection; js: JetStreamClient }> | null = null;
  const open = async () => {
    const nc = await connect({ servers: o.url, timeout: o.timeoutMs });
    const jsm = await jetstreamManager(nc);
    const config = {
      subjects: [`${o.subjectPrefix}.>`],
      duplicate_window: o.duplicateWindowMs * 1_000_000,
    };
    try {
      await jsm.streams.info(o.stream);
      await jsm.streams.update(o.stream, config);
    } catch (e) {
      if (!/stream not found/i.test(String((e as Error).message))) throw e;
      await jsm.streams.add({ name: o.stream, ...config });
    }
    return { nc, js: jetstream(nc, { timeout: o.timeoutMs }) };
  };
  return {
    async publish(type, eventId, body) {
      ready ??= open().catch((e: unknown) => {
        ready = null;
        throw e;
      });
      const { js } = await ready;
      const ack = await js.publish(`${o.subjectPrefix}.${type}`, body, { msgID: eventId });
      return { duplicate: ack.duplicate, seq: ack.seq };
    },
    async close() {
      if (!ready) return;
      const r = ready;
      ready = null;
      try {
        await (await r).nc.drain();
      } catch {
        // never connected: nothing to drain
      }
    },
  };
}
