import { type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { parseJson } from '../common/rows.js';

export interface PrivacyRequestRecord {
  id: number;
  channel: string;
  kind: string;
  inboxId: number | null;
  receivedAt: number;
  completedAt: number;
  report: unknown;
}

export async function listPrivacyRequests(db: Kysely<DB>, limit = 50): Promise<PrivacyRequestRecord[]> {
  const rows = await db
    .selectFrom('privacy_requests')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    channel: r.channel,
    kind: r.kind,
    inboxId: r.inbox_id === null ? null : Number(r.inbox_id),
    receivedAt: Number(r.received_at),
    completedAt: Number(r.completed_at),
    report: parseJson(r.report, {}),
  }));
}
