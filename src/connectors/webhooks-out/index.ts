/** Outgoing webhooks for event subscribers: Standard Webhooks signatures over an undici pool. */
export { signatureHeaders } from './sign.js';
export { webhookSender } from './send.js';
export type { SendResult, WebhookSender, WebhookDelivery } from './port.js';
