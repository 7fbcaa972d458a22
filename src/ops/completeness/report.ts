/**
 * The daily completeness report (issue 16, item 25): for one channel and one UTC day, the orders
 * the channel has (read by polling it), the ones Ferry has, the ones Odoo has and the ones shipped,
 * with every order missing at a stage listed. It is the proof that nothing was lost: an order
 * missing at a stage past that stage's service level is an alert.
 */

export const STAGES = ['ferry', 'odoo', 'shipped'] as const;
export type Stage = (typeof STAGES)[number];

/** How long each stage may take after the channel created the order before a miss counts. */
export interface CompletenessSla {
  /** Channel → Ferry (webhook, or the poll that catches a lost one). */
  ferryMinutes: number;
  /** Ferry → a confirmed Odoo sale order. */
  odooMinutes: number;
  /** Channel → shipped by the warehouse. */
  shippedHours: number;
}

export interface ChannelOrderFact {
  channelOrderId: string;
  name?: string;
  createdAt: string;
  cancelled: boolean;
}

export interface MissingOrder {
  channelOrderId: string;
  ref: string | null;
  name?: string;
  createdAt: string;
  /** Ferry's state of the order, when Ferry has it. */
  ferryState: string | null;
  /** Past the stage's service level: counted in the alert. */
  overdue: boolean;
}

export interface CompletenessReport {
  channel: string;
  /** The UTC day, YYYY-MM-DD. */
  date: string;
  generatedAt: string;
  counts: { channel: number; ferry: number; odoo: number; shipped: number };
  missing: Record<Stage, MissingOrder[]>;
  /** Orders Ferry has for the day that the channel's answer did not list (deleted, or a poll gap). */
  notInChannel: string[];
}

export interface ReportInput {
  channel: string;
  date: string;
  now: number;
  sla: CompletenessSla;
  channelOrders: readonly ChannelOrderFact[];
  ferryOrders: readonly { ref: string; channelOrderId: string; state: string; createdAt: string | null }[];
  /** Refs (`<channel>:<id>` client_order_ref) of the confirmed (not cancelled) Odoo sale orders. */
  odooRefs: ReadonlySet<string>;
  /** The Odoo client_order_ref of a channel order. */
  odooRefOf: (channelOrderId: string) => string;
}

/** Ferry states in which the warehouse has shipped the order. */
export const SHIPPED_STATES = new Set(['shipped', 'delivered', 'return_requested', 'returned', 'refunded']);
/** Ferry states in which an order is not expected in Odoo or at the warehouse. */
const NOT_EXPECTED_DOWNSTREAM = new Set(['cancelled']);

/** Builds the report; pure, so each stage's rule is tested without partners or a store. */
export function buildCompletenessReport(i: ReportInput): CompletenessReport {
  const ferry = new Map(i.ferryOrders.map((o) => [o.channelOrderId, o]));
  const limitMs: Record<Stage, number> = {
    ferry: i.sla.ferryMinutes * 60_000,
    odoo: i.sla.odooMinutes * 60_000,
    shipped: i.sla.shippedHours * 3_600_000,
  };
  const missing: Record<Stage, MissingOrder[]> = { ferry: [], odoo: [], shipped: [] };
  const counts = { channel: i.channelOrders.length, ferry: 0, odoo: 0, shipped: 0 };
  const miss = (stage: Stage, c: ChannelOrderFact): void => {
    const f = ferry.get(c.channelOrderId);
    missing[stage].push({
      channelOrderId: c.channelOrderId,
      ref: f?.ref ?? null,
      ...(c.name ? { name: c.name } : {}),
      createdAt: c.createdAt,
      ferryState: f?.state ?? null,
      overdue: i.now - Date.parse(c.createdAt) > limitMs[stage],
    });
  };
  for (const c of i.channelOrders) {
    const f = ferry.get(c.channelOrderId);
    if (!f) {
      miss('ferry', c);
      continue;
    }
    counts.ferry++;
    if (c.cancelled || NOT_EXPECTED_DOWNSTREAM.has(f.state)) continue;
    if (!i.odooRefs.has(i.odooRefOf(c.channelOrderId))) {
      miss('odoo', c);
      continue;
    }
    counts.odoo++;
    if (SHIPPED_STATES.has(f.state)) counts.shipped++;
    else miss('shipped', c);
  }
  const inChannel = new Set(i.channelOrders.map((c) => c.channelOrderId));
  return {
    channel: i.channel,
    date: i.date,
    generatedAt: new Date(i.now).toISOString(),
    counts,
    missing,
    notInChannel: i.ferryOrders.filter((o) => !inChannel.has(o.channelOrderId)).map((o) => o.ref),
  };
}

/** The UTC day D as [from, to) epoch ms; a clear error for anything but YYYY-MM-DD. */
export function utcDay(date: string): { from: number; to: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const from = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(from) || new Date(from).toISOString().slice(0, 10) !== date)
    throw new RangeError(`date must be a UTC day as YYYY-MM-DD, got "${date}"`);
  return { from, to: from + 86_400_000 };
}
