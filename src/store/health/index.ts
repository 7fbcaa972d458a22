/**
 * Persistence behind the console's health overview and its keyset lists: outcomes per flow and
 * partner, the latencies service levels are measured on, webhook arrivals, orders per channel,
 * and audit pages. One operation per file; sessions show them as `session.health.flowOutcomes(...)`.
 */
import { flowOutcomes } from './flowOutcomes.js';
import { flowJobs } from './flowJobs.js';
import { orderLatencies } from './orderLatencies.js';
import { shipmentLatencies } from './shipmentLatencies.js';
import { webhookStats } from './webhookStats.js';
import { channelOrders } from './channelOrders.js';
import { auditPage } from './auditPage.js';
import { openByImpact } from './openByImpact.js';
import { mappingGaps } from './mappingGaps.js';
import { ordersPerBucket } from './ordersPerBucket.js';
import { laneBacklog } from './laneBacklog.js';

export type { FlowOutcome } from './flowOutcomes.js';
export type { FlowJobFilter } from './flowJobs.js';
export type { LatencyCount } from './orderLatencies.js';
export type { WebhookStat } from './webhookStats.js';
export type { AuditPageFilter } from './auditPage.js';
export type { MappingGapRow } from './mappingGaps.js';
export type { LaneBacklog } from './laneBacklog.js';

/** What the health overview reads. */
export const health = {
  flowOutcomes,
  flowJobs,
  orderLatencies,
  shipmentLatencies,
  webhookStats,
  channelOrders,
  openByImpact,
  mappingGaps,
  ordersPerBucket,
  laneBacklog,
};

/** The audit trail a keyset page at a time. */
export const auditTrail = { auditPage };
