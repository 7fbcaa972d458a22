/**
 * Which webhook topics Ferry acts on now and which it only stores for later flows (issue 4).
 */

/** Topics the order-intake flow processes. */
export const HANDLED_TOPICS = ['orders/create', 'orders/updated', 'orders/cancelled'] as const;
export type HandledTopic = (typeof HANDLED_TOPICS)[number];

/**
 * Topics Ferry subscribes to for flows that come later (refunds, fulfilments, inventory,
 * uninstall; PROTOCOLS.md §1.2 "Topics this project needs"): stored in the inbox, not processed.
 */
export const STORED_TOPICS = [
  'orders/paid',
  'orders/fulfilled',
  'orders/partially_fulfilled',
  'refunds/create',
  'fulfillments/create',
  'fulfillments/update',
  'inventory_levels/update',
  'app/uninstalled',
] as const;
export type StoredTopic = (typeof STORED_TOPICS)[number];

/** `handled`: process now; `stored`: keep for a later flow; `unknown`: not a topic Ferry subscribes to. */
export type TopicDisposition = 'handled' | 'stored' | 'unknown';

/** Classifies a webhook topic (slash form, as in `X-Shopify-Topic`). */
export function classifyShopifyTopic(topic: string): TopicDisposition {
  if ((HANDLED_TOPICS as readonly string[]).includes(topic)) return 'handled';
  if ((STORED_TOPICS as readonly string[]).includes(topic)) return 'stored';
  return 'unknown';
}

/** Type guard for the topics the order-intake flow processes. */
export function isHandledShopifyTopic(topic: string): topic is HandledTopic {
  return classifyShopifyTopic(topic) === 'handled';
}
