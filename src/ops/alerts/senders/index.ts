/** Where alerts go: a generic webhook, Slack, e-mail over SMTP, PagerDuty Events v2. */
export type { AlertNotification, AlertSender } from './types.js';
export { postJson } from './types.js';
export { webhookSender } from './webhook.js';
export { slackSender } from './slack.js';
export { pagerDutySender, PAGERDUTY_EVENTS_URL } from './pagerduty.js';
export { smtpSender, buildMessage } from './smtp.js';
export type { SmtpOptions } from './smtp.js';
