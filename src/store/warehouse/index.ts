/**
 * Warehouse storage (issue 5): releases, shipments, warehouse events, X12 control numbers,
 * outbound interchanges and the 997 ledger. One operation per file, named by its verb; the roles
 * below list them, and sessions show them as `session.releases.insertRelease(...)`.
 */
import { issueControlNumber } from './issueControlNumber.js';
import { lastControlNumbers } from './lastControlNumbers.js';
import { getOutbound } from './getOutbound.js';
import { insertOutbound } from './insertOutbound.js';
import { markOutboundSent } from './markOutboundSent.js';
import { listOutbound } from './listOutbound.js';
import { recordSentGroups } from './recordSentGroups.js';
import { groupsByFunction } from './groupsByFunction.js';
import { markGroupAcked } from './markGroupAcked.js';
import { overdueGroups } from './overdueGroups.js';
import { markGroupAlerted } from './markGroupAlerted.js';
import { listGroups } from './listGroups.js';
import { unacknowledgedInterchanges } from './unacknowledgedInterchanges.js';
import { insertRelease } from './insertRelease.js';
import { listReleases } from './listReleases.js';
import { updateRelease } from './updateRelease.js';
import { acknowledgeReleases } from './acknowledgeReleases.js';
import { overdueReleases } from './overdueReleases.js';
import { releasesByExternalRefs } from './releasesByExternalRefs.js';
import { releaseTraces } from './releaseTraces.js';
import { cancelReleases } from './cancelReleases.js';
import { insertShipment } from './insertShipment.js';
import { getShipment } from './getShipment.js';
import { listShipments } from './listShipments.js';
import { updateShipment } from './updateShipment.js';
import { recordWarehouseEvent } from './recordWarehouseEvent.js';
import { listWarehouseEvents } from './listWarehouseEvents.js';
import { hasWarehouseEvent } from './hasWarehouseEvent.js';

export type { ReleaseRow } from './releaseRows.js';
export type { ShipmentRow } from './shipmentRows.js';
export type { OutboundRow } from './outboundRows.js';
export type { LedgerGroup } from './ledgerRows.js';
export type { WarehouseEventRow } from './listWarehouseEvents.js';
export type { UnacknowledgedInterchanges } from './unacknowledgedInterchanges.js';

/** Orders released to warehouses, and what the warehouses answered. */
export const releases = {
  insertRelease,
  listReleases,
  updateRelease,
  acknowledgeReleases,
  overdueReleases,
  releasesByExternalRefs,
  releaseTraces,
  cancelReleases,
};

/** Shipments the warehouses reported. */
export const shipments = { insertShipment, getShipment, listShipments, updateShipment };

/** Warehouse events already applied (each once). */
export const warehouseEvents = { recordWarehouseEvent, listWarehouseEvents, hasWarehouseEvent };

/** X12 bookkeeping: control numbers, outbound interchanges, the 997 ledger. */
export const interchanges = {
  issueControlNumber,
  lastControlNumbers,
  getOutbound,
  insertOutbound,
  markOutboundSent,
  listOutbound,
  recordSentGroups,
  groupsByFunction,
  markGroupAcked,
  overdueGroups,
  markGroupAlerted,
  listGroups,
  unacknowledgedInterchanges,
};
