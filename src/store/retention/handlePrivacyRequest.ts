import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { PrivacyRequest, PrivacySubject } from '../../core/privacy.js';
import { appendAudit } from '../common/appendAudit.js';
import { parseJson } from '../common/rows.js';
import { personalDataOf } from './erase.js';
import { eraseInboxPayloads } from './eraseInboxPayloads.js';
import { eraseOrders } from './eraseOrders.js';
import { FINISHED_ORDER_STATES } from './retentionRules.js';

interface OrderRow {
  id: number;
  ref: string;
  channel_order_id: string;
  state: string;
  canonical: string;
  personal_data_erased_at: number | null;
}

const ORDER_BODY_KINDS = 'orders/%';

/** A LIKE pattern matching `text` anywhere, with LIKE's own characters escaped (by `\`). */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The orders of the channel the request is about: named ones and any of the same customer. SQL
 * narrows by the customer's id or e-mail appearing in the stored order; the parsed order decides.
 */
async function subjectOrders(db: Kysely<DB>, r: PrivacyRequest): Promise<OrderRow[]> {
  const s = r.subject;
  let q = db
    .selectFrom('orders')
    .select(['id', 'ref', 'channel_order_id', 'state', 'canonical', 'personal_data_erased_at'])
    .where('channel', '=', r.channel);
  if (s) {
    const mentions = [
      ...(s.customerId !== undefined
        ? [JSON.stringify({ channelCustomerId: s.customerId }).slice(1, -1)]
        : []),
      ...(s.email !== undefined ? [s.email] : []),
    ];
    q = q.where((eb) =>
      eb.or([
        ...(s.orderIds.length ? [eb('channel_order_id', 'in', s.orderIds)] : []),
        ...mentions.map((m) => sql<boolean>`lower(canonical) like ${containing(m)} escape '\\'`),
        sql<boolean>`1 = 0`,
      ]),
    );
  }
  const rows = await q.orderBy('id').execute();
  if (!s) return rows;
  const named = new Set(s.orderIds);
  return rows.filter((o) => {
    if (named.has(o.channel_order_id)) return true;
    const c = parseJson<{ customer?: Record<string, unknown> }>(o.canonical, {}).customer ?? {};
    return (
      (s.customerId !== undefined && c.channelCustomerId === s.customerId) ||
      (s.email !== undefined &&
        typeof c.email === 'string' &&
        c.email.toLowerCase() === s.email.toLowerCase())
    );
  });
}

/**
 * The channel's raw order messages about the subject. Bodies are read and matched here, not in SQL:
 * they are bytes that may not be valid UTF-8, and privacy requests are rare.
 */
async function subjectMessages(
  db: Kysely<DB>,
  r: PrivacyRequest,
  orderIds: Set<string>,
): Promise<{ id: number; kind: string; received_at: number }[]> {
  const out: { id: number; kind: string; received_at: number }[] = [];
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('inbox')
      .select(['id', 'kind', 'received_at', 'body'])
      .where('source', '=', r.source)
      .where('kind', 'like', ORDER_BODY_KINDS)
      .where('payload_erased_at', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (page.length === 0) return out;
    for (const m of page) {
      after = Number(m.id);
      if (!r.subject || mentions(m.body, r.subject, orderIds))
        out.push({ id: Number(m.id), kind: m.kind, received_at: Number(m.received_at) });
    }
  }
}

/** Shopify ids arrive as JSON numbers (or strings in GraphQL-shaped payloads). */
function idText(v: unknown): string | undefined {
  return typeof v === 'number' || typeof v === 'string' ? String(v) : undefined;
}

function mentions(body: Buffer, s: PrivacySubject, orderIds: Set<string>): boolean {
  let p: { id?: unknown; email?: unknown; customer?: { id?: unknown; email?: unknown } };
  try {
    p = JSON.parse(Buffer.from(body).toString('utf8')) as typeof p;
  } catch {
    return false;
  }
  const email = typeof p.email === 'string' ? p.email : p.customer?.email;
  const orderId = idText(p.id);
  const customerId = idText(p.customer?.id);
  return (
    (orderId !== undefined && orderIds.has(orderId)) ||
    (s.customerId !== undefined && customerId === s.customerId) ||
    (s.email !== undefined && typeof email === 'string' && email.toLowerCase() === s.email.toLowerCase())
  );
}

/**
 * Handles one privacy request in the caller's transaction and records it (privacy_requests, audit).
 * A data request reports the personal data Ferry holds; a redaction erases it from finished orders
 * and raw messages, keeping what accounting needs. Orders still open keep their customer data (the
 * warehouse still needs the address) and are listed as kept; retention erases them once finished.
 */
export async function handlePrivacyRequest(
  db: Kysely<DB>,
  r: PrivacyRequest,
  now: number,
): Promise<{ id: number; report: Record<string, unknown> }> {
  const orders = await subjectOrders(db, r);
  const ids = new Set([...orders.map((o) => o.channel_order_id), ...(r.subject?.orderIds ?? [])]);
  const messages = await subjectMessages(db, r, ids);
  let report: Record<string, unknown>;
  if (r.kind === 'data_request') {
    report = {
      orders: orders.map((o) => ({
        ref: o.ref,
        channelOrderId: o.channel_order_id,
        state: o.state,
        personalData:
          o.personal_data_erased_at === null ? personalDataOf(parseJson(o.canonical, {})) : 'erased',
      })),
      rawMessages: messages.map((m) => ({
        inboxId: m.id,
        kind: m.kind,
        receivedAt: new Date(m.received_at).toISOString(),
      })),
    };
  } else {
    const finished = new Set<string>(FINISHED_ORDER_STATES);
    // A shop redaction comes 48 hours after the shop removed Ferry: nothing of it will ship any more.
    const erasable = orders.filter((o) => r.kind === 'shop_redact' || finished.has(o.state));
    const erased = await eraseOrders(
      db,
      erasable.map((o) => o.id),
      now,
    );
    const payloads = await eraseInboxPayloads(db, Number.MAX_SAFE_INTEGER, now, {
      source: r.source,
      ids: messages.map((m) => m.id),
    });
    report = {
      ordersErased: erasable.map((o) => o.ref),
      ordersKept: orders
        .filter((o) => !erasable.includes(o))
        .map((o) => ({ ref: o.ref, reason: `order is ${o.state}: erased by retention once it is finished` })),
      ordersErasedNow: erased,
      rawMessagesErased: payloads,
      kept: 'order identities, lines, prices, taxes, currency, dates, address country and state',
    };
  }
  const customer = JSON.stringify(
    r.subject ? { id: r.subject.customerId ?? null, orders: r.subject.orderIds } : { shop: r.channel },
  );
  const row = await db
    .insertInto('privacy_requests')
    .values({
      channel: r.channel,
      kind: r.kind,
      inbox_id: r.inboxId,
      customer,
      received_at: r.receivedAt,
      completed_at: now,
      report: JSON.stringify(report),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await appendAudit(db, {
    at: now,
    actor: `${r.source}:privacy`,
    action: `privacy.${r.kind}`,
    targetKind: 'privacy_request',
    targetId: String(id),
    // Counts only: the audit trail must not become a second copy of the personal data.
    after:
      r.kind === 'data_request'
        ? { orders: orders.length, rawMessages: messages.length }
        : { ...report, kept: undefined },
  });
  return { id, report };
}
