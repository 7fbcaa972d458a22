import type { Selectable } from 'kysely';
import type { EventSubscriptionsTable } from '../schema.js';

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
