import type { Kysely, Selectable } from 'kysely';
import type { DB, EventSubscriptionsTable } from '../schema.js';

/** A destination of events: a webhook endpoint or the NATS JetStream publisher. */
export interface Subscription {
  id: number;
  name: string;
  kind: 'webhook' | 'nats';
  url: string | null;
  /** Short event types (`order.shipped`); empty means every type. */
  types: string[];
  payload: 'full' | 'thin';
  /** Name of the signing secret in the secret service (webhooks). */
  secretName: string | null;
  /** The secret being rotated out, still signed with until `previousUntil`. */
  previousSecretName: string | null;
  previousUntil: number | null;
  enabled: boolean;
  disabledReason: string | null;
  /** Since when every delivery has failed (epoch ms), null while the endpoint answers. */
  failingSince: number | null;
  createdAt: number;
  updatedAt: number;
}

export function toSubscription(r: Selectable<EventSubscriptionsTable>): Subscription {
  return {
    id: Number(r.id),
    name: r.name,
    kind: r.kind as Subscription['kind'],
    url: r.url,
    types: JSON.parse(r.types) as string[],
    payload: r.payload as Subscription['payload'],
    secretName: r.secret_name,
    previousSecretName: r.previous_secret_name,
    previousUntil: r.previous_until === null ? null : Number(r.previous_until),
    enabled: Number(r.enabled) === 1,
    disabledReason: r.disabled_reason,
    failingSince: r.failing_since === null ? null : Number(r.failing_since),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export async function insertSubscription(
  db: Kysely<DB>,
  s: Pick<Subscription, 'name' | 'kind' | 'url' | 'types' | 'payload' | 'secretName'> & { now: number },
): Promise<Subscription> {
  const r = await db
    .insertInto('event_subscriptions')
    .values({
      name: s.name,
      kind: s.kind,
      url: s.url,
      types: JSON.stringify(s.types),
      payload: s.payload,
      secret_name: s.secretName,
      created_at: s.now,
      updated_at: s.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSubscription(r);
}

export async function listSubscriptions(db: Kysely<DB>): Promise<Subscription[]> {
  const rows = await db.selectFrom('event_subscriptions').selectAll().orderBy('id').execute();
  return rows.map(toSubscription);
}

export async function getSubscription(
  db: Kysely<DB>,
  idOrName: number | string,
): Promise<Subscription | null> {
  const r = await db
    .selectFrom('event_subscriptions')
    .selectAll()
    .where(typeof idOrName === 'number' ? 'id' : 'name', '=', idOrName)
    .executeTakeFirst();
  return r ? toSubscription(r) : null;
}

export interface SubscriptionPatch {
  enabled?: boolean;
  disabledReason?: string | null;
  failingSince?: number | null;
  secretName?: string | null;
  previousSecretName?: string | null;
  previousUntil?: number | null;
}

export async function updateSubscription(
  db: Kysely<DB>,
  id: number,
  p: SubscriptionPatch,
  now: number,
): Promise<void> {
  await db
    .updateTable('event_subscriptions')
    .set({
      updated_at: now,
      ...(p.enabled === undefined ? {} : { enabled: p.enabled ? 1 : 0 }),
      ...(p.disabledReason === undefined ? {} : { disabled_reason: p.disabledReason }),
      ...(p.failingSince === undefined ? {} : { failing_since: p.failingSince }),
      ...(p.secretName === undefined ? {} : { secret_name: p.secretName }),
      ...(p.previousSecretName === undefined ? {} : { previous_secret_name: p.previousSecretName }),
      ...(p.previousUntil === undefined ? {} : { previous_until: p.previousUntil }),
    })
    .where('id', '=', id)
    .execute();
}
