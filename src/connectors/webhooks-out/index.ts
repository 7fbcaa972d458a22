/** Outgoing webhooks for event subscribers: Standard Webhooks signatures over an undici pool. */
export { newSigningSecret, signatureHeaders } from './sign.js';
export { webhookSender } from './send.js';
export type { SendResult, WebhookSender } from './send.js';
