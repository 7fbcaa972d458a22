import type { Selectable } from 'kysely';
import type { ApiTokensTable } from '../schema.js';

/** An API token as stored: never the token itself, only its SHA-256 and a short prefix to recognise it. */
export interface TokenRow {
  id: number;
  name: string;
  role: string;
  tokenHash: string;
  prefix: string;
  createdAt: number;
  createdBy: string;
  expiresAt: number | null;
  revokedAt: number | null;
  revokedBy: string | null;
  lastUsedAt: number | null;
  /** The user the token acts as (migration 0009). */
  userId: number | null;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

export function toToken(r: Selectable<ApiTokensTable>): TokenRow {
  return {
    id: Number(r.id),
    name: r.name,
    role: r.role,
    tokenHash: r.token_hash,
    prefix: r.prefix,
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
    expiresAt: num(r.expires_at),
    revokedAt: num(r.revoked_at),
    revokedBy: r.revoked_by,
    lastUsedAt: num(r.last_used_at),
    userId: num(r.user_id),
  };
}
