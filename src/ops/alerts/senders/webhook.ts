import { postJson, type AlertSender } from './types.js';

/** The generic webhook: the notification as JSON, one POST per start and end. */
export function webhookSender(url: string): AlertSender {
  return { name: 'webhook', send: (n) => postJson('alert webhook', url, n) };
}
