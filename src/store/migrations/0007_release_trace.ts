import type { Migration } from './types.js';

/**
 * The trace context of the job that sent each release (issue 7): the warehouse's shipment comes
 * back days later through its own webhook or file, and its sync joins the order's trace from
 * here, so one trace follows the order from its webhook to the warehouse and back. Nullable:
 * releases sent before this migration keep their shipments in the delivery's own trace.
 */
const statements = ['alter table warehouse_releases add column trace text'];

export const m0007: Migration = {
  version: 7,
  name: 'warehouse releases: trace context of the release, for the shipment to join',
  sqlite: statements,
  postgres: statements,
};
