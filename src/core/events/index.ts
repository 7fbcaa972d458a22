export {
  EventType,
  EVENT_TYPES,
  EVENT_VERSION,
  cloudEventType,
  isEventType,
  orderEventFor,
} from './catalogue.js';
export { toCloudEvent } from './envelope.js';
export type { StoredEvent, PayloadMode } from './envelope.js';
