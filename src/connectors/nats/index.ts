/** NATS JetStream: the event broker Ferry publishes to (DESIGN.md §10). */
export { natsPublisher } from './publisher.js';
export type { NatsPublisher, NatsPublisherOptions, PublishAck } from './publisher.js';
