import type { Migration } from './types.js';
import { m0001 } from './0001_init.js';
import { m0002 } from './0002_orders.js';
import { m0003 } from './0003_admin.js';
import { m0004 } from './0004_warehouse.js';
import { m0005 } from './0005_inventory.js';
import { m0006 } from './0006_alerts.js';
import { m0007 } from './0007_release_trace.js';
import { m0008 } from './0008_retention.js';
import { m0009 } from './0009_console_users.js';
import { m0010 } from './0010_console_exceptions.js';
import { m0011 } from './0011_order_search.js';
import { m0012 } from './0012_events.js';
import { m0013 } from './0013_approvals.js';
import { m0014 } from './0014_console_health.js';

export type { Migration } from './types.js';

/** Every migration in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
