import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Sets shadow mode for a flow and channel; returns the previous setting, null when there was none. */
export async function setShadowSetting(
  db: Kysely<DB>,
  s: { flow: string; channel: string; enabled: boolean; actor: string; now: number },
): Promise<boolean | null> {
  const before = await db
    .selectFrom('shadow_settings')
    .select('enabled')
    .where('flow', '=', s.flow)
    .where('channel', '=', s.channel)
    .executeTakeFirst();
  const values = { enabled: s.enabled ? 1 : 0, updated_at: s.now, updated_by: s.actor };
  await db
    .insertInto('shadow_settings')
    .values({ flow: s.flow, channel: s.channel, ...values })
    .onConflict((oc) => oc.columns(['flow', 'channel']).doUpdateSet(values))
    .execute();
  return before ? Number(before.enabled) === 1 : null;
}
