/** The JSON a generic alert webhook receives, and what every sender is given, for one start or end. */
export interface AlertNotification {
  status: 'firing' | 'resolved';
  rule: string;
  subject: string;
  message: string;
  /** UTC ISO-8601. */
  since: string;
  resolvedAt?: string;
}

/** Delivers one notification to one destination; rejects when the destination refused it. */
export interface AlertSender {
  /** For errors and logs: `slack`, `email`, `pagerduty`, `webhook`. */
  readonly name: string;
  send(n: AlertNotification): Promise<void>;
}

/** One line a person reads first, in every channel. */
export function headline(n: AlertNotification): string {
  return `${n.status === 'firing' ? 'FIRING' : 'RESOLVED'} ${n.rule} ${n.subject}: ${n.message}`;
}

/** POSTs JSON; a non-2xx answer (or none in `timeoutMs`) rejects, naming the sender and status. */
export async function postJson(name: string, url: string, body: unknown, timeoutMs = 5000): Promise<void> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Read the answer so the connection is reused; its text explains a refusal.
  const text = await r.text();
  if (!r.ok) throw new Error(`${name} answered ${r.status}: ${text.slice(0, 200)}`);
}
