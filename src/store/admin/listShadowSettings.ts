import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

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
