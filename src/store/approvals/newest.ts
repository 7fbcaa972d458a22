import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../schema.js';

/** `mappings as m` is the newest version of its mapping: no version of the same kind, scope and key is higher. */
export function isNewestVersion(eb: ExpressionBuilder<DB & { m: DB['mappings'] }, 'm'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('mappings as n')
        .select('n.id')
        .whereRef('n.kind', '=', 'm.kind')
        .whereRef('n.scope', '=', 'm.scope')
        .whereRef('n.key', '=', 'm.key')
        .whereRef('n.version', '>', 'm.version'),
    ),
  );
}
