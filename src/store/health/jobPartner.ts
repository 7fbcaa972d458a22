import { sql, type RawBuilder } from 'kysely';

// The order a job belongs to: ordering keys of order work are `order:<ref>` (flows/order-intake).
const ORDER_KEY_PREFIX = 'order:';

/** The ref of the order job `j` works on, to join `orders as o` on `o.ref`. */
export const jobOrderRef: RawBuilder<string> = sql<string>`substr(j.ordering_key, ${ORDER_KEY_PREFIX.length + 1})`;

/**
 * The partner a completed job counts toward on the health overview: the channel of the order it
 * works on, else the partner the job names, else ''. Needs `jobs as j` left-joined to `orders as o`
 * on {@link jobOrderRef}.
 */
export const jobPartner: RawBuilder<string> = sql<string>`coalesce(o.channel, j.partner, '')`;
