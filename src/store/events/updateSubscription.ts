import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

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
