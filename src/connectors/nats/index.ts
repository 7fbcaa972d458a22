/** NATS JetStream: the event broker Ferry publishes to (DESIGN.md §10). */
export { natsPublisher } from './publisher.js';
export type { NatsPublisherOptions } from './publisher.js';
export type { NatsPublisher, PublishAck } from './port.js';
