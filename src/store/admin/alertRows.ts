/** Alerts and their notices as the `alerts` role returns them (see index.ts). */
export interface AlertRow {
  id: number;
  rule: string;
  subject: string;
  message: string;
  since: number;
  resolvedAt: number | null;
}

/** An alert found by one evaluation. */
export interface AlertFinding {
  rule: string;
  subject: string;
  message: string;
}

export interface AlertNotice {
  id: number;
  status: 'firing' | 'resolved';
  alert: AlertRow;
}

export function toRow(r: {
  id: number;
  rule: string;
  subject: string;
  message: string;
  since: number | string;
  resolved_at: number | string | null;
}): AlertRow {
  return {
    id: Number(r.id),
    rule: r.rule,
    subject: r.subject,
    message: r.message,
    since: Number(r.since),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  };
}
