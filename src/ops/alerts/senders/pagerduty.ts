import { postJson, type AlertSender } from './types.js';

/** PagerDuty Events API v2's endpoint (https://developer.pagerduty.com/api-reference/YXBpOjI3NDgyNjU-pager-duty-v2-events-api). */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

const SEVERITY: Record<string, 'critical' | 'error' | 'warning'> = {
  breaker_open: 'critical',
  queue_age: 'error',
  no_orders: 'error',
  edi_unacknowledged: 'warning',
  exception_growth: 'warning',
};

/**
 * PagerDuty Events v2: `trigger` on start and `resolve` on end, under one `dedup_key` per rule and
 * subject, so PagerDuty folds a repeated notification into the same incident and the end closes
 * it. PagerDuty answers 202.
 */
export function pagerDutySender(routingKey: string, url = PAGERDUTY_EVENTS_URL): AlertSender {
  return {
    name: 'pagerduty',
    send: (n) =>
      postJson(
        'pagerduty',
        url,
        n.status === 'firing'
          ? {
              routing_key: routingKey,
              event_action: 'trigger',
              dedup_key: `ferry:${n.rule}:${n.subject}`,
              payload: {
                summary: `${n.rule} ${n.subject}: ${n.message}`.slice(0, 1024),
                source: 'ferry',
                severity: SEVERITY[n.rule] ?? 'error',
                timestamp: n.since,
                component: n.subject,
                group: n.rule,
                custom_details: { message: n.message, since: n.since },
              },
            }
          : { routing_key: routingKey, event_action: 'resolve', dedup_key: `ferry:${n.rule}:${n.subject}` },
      ),
  };
}
