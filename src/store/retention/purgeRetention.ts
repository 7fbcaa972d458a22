import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { appendAudit } from '../common/appendAudit.js';
import { eraseFinishedOrders } from './eraseFinishedOrders.js';
import { eraseInboxPayloads } from './eraseInboxPayloads.js';
import { inboxWorkFinished } from './retentionRules.js';

/** Ages after which Ferry erases or deletes what it stored, in days. */
export interface RetentionPolicy {
  /** Customer data of finished orders and raw bodies of processed inbox messages. */
  personalDataDays: number;
  /** Inbox rows (the raw message record) whose work is finished. */
  inboxDays: number;
  /** Completed and skipped jobs. */
  jobsDays: number;
  /** Order timelines and warehouse events. */
  eventsDays: number;
  /** Shadow-mode write records, resolved alerts and superseded inventory publications. */
  deliveryLogDays: number;
}

export interface PurgeCounts {
  ordersErased: number;
  inboxPayloadsErased: number;
  inbox: number;
  jobs: number;
  orderEvents: number;
  warehouseEvents: number;
  shadowWrites: number;
  alerts: number;
  inventoryPublications: number;
  /** Relayed events out (the outbox), and their delivery log. */
  outboxEvents: number;
  eventDeliveries: number;
}

const DAY_MS = 86_400_000;

/**
 * Applies the retention policy: personal data is erased first (it has the shortest age and must
 * go even when the rest is kept), then old records are deleted. Open work is never touched. The
 * purge and its counts are written to the audit trail in the same transaction. Run in a transaction.
 */
export async function purgeRetention(
  db: Kysely<DB>,
  policy: RetentionPolicy,
  now: number,
  actor: string,
): Promise<PurgeCounts> {
  const age = (days: number): number => now - days * DAY_MS;
  const personal = age(policy.personalDataDays);
  const counts: PurgeCounts = {
    ordersErased: await eraseFinishedOrders(db, personal, now),
    inboxPayloadsErased: await eraseInboxPayloads(db, personal, now),
    inbox: 0,
    jobs: 0,
    orderEvents: 0,
    warehouseEvents: 0,
    shadowWrites: 0,
    alerts: 0,
    inventoryPublications: 0,
    outboxEvents: 0,
    eventDeliveries: 0,
  };
  const deleted = (r: { numDeletedRows: bigint }): number => Number(r.numDeletedRows);
  counts.inbox = deleted(
    await db
      .deleteFrom('inbox')
      .where('received_at', '<', age(policy.inboxDays))
      .where(inboxWorkFinished)
      .executeTakeFirst(),
  );
  counts.jobs = deleted(
    await db
      .deleteFrom('jobs')
      .where('state', 'in', ['completed', 'skipped'])
      .where('completed_at', '<', age(policy.jobsDays))
      .executeTakeFirst(),
  );
  const events = age(policy.eventsDays);
  counts.orderEvents = deleted(
    await db.deleteFrom('order_events').where('at', '<', events).executeTakeFirst(),
  );
  counts.warehouseEvents = deleted(
    await db.deleteFrom('warehouse_events').where('at', '<', events).executeTakeFirst(),
  );
  const logs = age(policy.deliveryLogDays);
  counts.shadowWrites = deleted(
    await db.deleteFrom('shadow_writes').where('at', '<', logs).executeTakeFirst(),
  );
  counts.alerts = deleted(
    await db
      .deleteFrom('alerts')
      .where('resolved_at', 'is not', null)
      .where('resolved_at', '<', logs)
      .executeTakeFirst(),
  );
  // The publication each SKU's current value came from stays: it explains the number on the channel.
  counts.inventoryPublications = deleted(
    await db
      .deleteFrom('inventory_publications')
      .where('published_at', '<', logs)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('inventory_published')
              .select('inventory_published.publication_id')
              .whereRef('inventory_published.publication_id', '=', 'inventory_publications.id'),
          ),
        ),
      )
      .executeTakeFirst(),
  );
  // An event carries the canonical order (customer included), so the outbox keeps relayed events
  // only as long as personal data is kept: that is also how far back `ferry events recover` reaches.
  counts.outboxEvents = deleted(
    await db
      .deleteFrom('events')
      .where('relayed_at', 'is not', null)
      .where('time', '<', age(policy.personalDataDays))
      .executeTakeFirst(),
  );
  counts.eventDeliveries = deleted(
    await db.deleteFrom('event_deliveries').where('at', '<', logs).executeTakeFirst(),
  );
  await appendAudit(db, {
    at: now,
    actor,
    action: 'retention.purge',
    targetKind: 'store',
    targetId: 'retention',
    after: { policy, counts },
  });
  return counts;
}
