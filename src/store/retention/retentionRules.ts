import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../schema.js';

/** Order states after which nothing in Ferry needs the customer's address or contact any more. */
export const FINISHED_ORDER_STATES = [
  'shipped',
  'delivered',
  'cancelled',
  'rejected',
  'returned',
  'refunded',
] as const;

/** Inbox rows whose work is finished (or never had a job): a body a job may still read stays. */
export function inboxWorkFinished(eb: ExpressionBuilder<DB, 'inbox'>) {
  return eb.or([
    eb('job_id', 'is', null),
    eb.not(
      eb.exists(
        eb
          .selectFrom('jobs')
          .select('jobs.id')
          .whereRef('jobs.id', '=', 'inbox.job_id')
          .where('jobs.state', 'in', ['ready', 'running', 'excepted']),
      ),
    ),
  ]);
}
