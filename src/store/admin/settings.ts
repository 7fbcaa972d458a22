import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Paused lanes by name; a lane absent from the table runs. */
export async function pausedLanes(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db.selectFrom('lanes').select('name').where('paused', '=', 1).execute();
  return new Set(rows.map((r) => r.name));
}

/** Sets a lane's pause flag; returns the previous value. */
export async function setLanePaused(
  db: Kysely<DB>,
  name: string,
  paused: boolean,
  now: number,
): Promise<boolean> {
  const before = await db.selectFrom('lanes').select('paused').where('name', '=', name).executeTakeFirst();
  await db
    .insertInto('lanes')
    .values({ name, paused: paused ? 1 : 0, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ paused: paused ? 1 : 0, updated_at: now }))
    .execute();
  return Number(before?.paused ?? 0) === 1;
}

export interface ShadowSetting {
  flow: string;
  /** `*` applies to every channel of the flow. */
  channel: string;
  enabled: boolean;
  updatedAt: number;
  updatedBy: string;
}

export async function listShadowSettings(db: Kysely<DB>): Promise<ShadowSetting[]> {
  const rows = await db
    .selectFrom('shadow_settings')
    .selectAll()
    .orderBy('flow')
    .orderBy('channel')
    .execute();
  return rows.map((r) => ({
    flow: r.flow,
    channel: r.channel,
    enabled: Number(r.enabled) === 1,
    updatedAt: Number(r.updated_at),
    updatedBy: r.updated_by,
  }));
}

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
