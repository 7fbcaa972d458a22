/** Order, mapping and cursor persistence used by the flows, over any StoreSession's `db`. */
export * from './orders.js';
export * from './mappings.js';
export * from './transition.js';
