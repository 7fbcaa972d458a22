/**
 * Every role of the store, by the name sessions show it under (`session.orders`, ...). Both
 * adapters bind this table; see port.ts for how to add a role or an operation.
 */
import { atomic, type RoleTable } from './role.js';
import { audit, exceptions, inbox, jobs, purge, schedules, shadow } from './common/index.js';
import {
  addOrderRefs,
  appendOrderEvent,
  countOrdersByState,
  cursors,
  findOrdersByRef,
  getOrder,
  getOrderByChannel,
  getOrderByRef,
  insertOrder,
  oldestOrderCreatedAt,
  listOrderEvents,
  mappings,
  transitionOrder,
  updateOrder,
} from './orders/index.js';
import { events } from './events/index.js';
import { approvals, mappingSets } from './approvals/index.js';
import { batches, consoleSessions, exceptionQueue, orderSearch, users } from './console/index.js';
import {
  activeAlerts,
  claimAlertNotice,
  countExceptionsCreated,
  exceptionsForOrder,
  findTokenByHash,
  getSecretRow,
  getToken,
  insertToken,
  lastOrderAtByChannel,
  listAudit,
  listInbox,
  listSecretRows,
  listShadowSettings,
  listTokens,
  openExceptionsByImpact,
  pausedLanes,
  pendingAlertNotices,
  putSecretRow,
  recordAlerts,
  recordRuleAlerts,
  releaseAlertNotice,
  replayCandidates,
  revokeToken,
  rewrapSecretRow,
  searchOrderIds,
  secretKeyUsage,
  setInboxJob,
  setLanePaused,
  setShadowSetting,
  touchToken,
  unacknowledgedInterchanges,
} from './admin/index.js';
import {
  acknowledgeReleases,
  cancelReleases,
  getOutbound,
  getShipment,
  groupsByFunction,
  hasWarehouseEvent,
  insertOutbound,
  insertRelease,
  insertShipment,
  issueControlNumber,
  lastControlNumbers,
  listGroups,
  listOutbound,
  listReleases,
  listShipments,
  listWarehouseEvents,
  markGroupAcked,
  markGroupAlerted,
  markOutboundSent,
  overdueGroups,
  overdueReleases,
  recordSentGroups,
  recordWarehouseEvent,
  releasesByExternalRefs,
  releaseTraces,
  updateRelease,
  updateShipment,
} from './warehouse/index.js';
import {
  acquireInventoryLease,
  heartbeatInventoryLease,
  listPublications,
  loadPositions,
  loadPublished,
  recordPublications,
  releaseInventoryLease,
  savePositions,
} from './inventory/index.js';
import { handlePrivacyRequest, listPrivacyRequests, purgeRetention } from './retention/index.js';
import { ferryOrdersOfDay } from './completeness/index.js';
import { savedViews } from './views/index.js';
import { auditTrail, health } from './health/index.js';

export const ROLES = {
  jobs,
  inbox: { ...inbox, listInbox, replayCandidates, setInboxJob },
  exceptions: { ...exceptions, exceptionsForOrder, openExceptionsByImpact, countExceptionsCreated },
  audit: { ...audit, listAudit },
  shadow,
  schedules,
  /** Deletes what retention no longer keeps; answers privacy requests. */
  retention: {
    ...purge,
    purgeRetention: atomic(purgeRetention),
    handlePrivacyRequest: atomic(handlePrivacyRequest),
    listPrivacyRequests,
  },
  /** Orders, their external references and their timeline. */
  orders: {
    getOrderByChannel,
    getOrderByRef,
    getOrder,
    findOrdersByRef,
    insertOrder: atomic(insertOrder),
    updateOrder,
    addOrderRefs,
    transitionOrder: atomic(transitionOrder),
    appendOrderEvent,
    listOrderEvents,
    countOrdersByState,
    oldestOrderCreatedAt,
    searchOrderIds,
    lastOrderAtByChannel,
    ferryOrdersOfDay,
  },
  mappings,
  cursors,
  /** Lane pauses and shadow-mode switches set at run time. */
  settings: {
    pausedLanes,
    setLanePaused: atomic(setLanePaused),
    listShadowSettings,
    setShadowSetting: atomic(setShadowSetting),
  },
  /** API tokens (hashes only). */
  tokens: { insertToken, findTokenByHash, getToken, listTokens, revokeToken, touchToken },
  /** Encrypted secrets (sealed values and their wrapped keys). */
  secrets: { getSecretRow, listSecretRows, putSecretRow, rewrapSecretRow, secretKeyUsage },
  /** Alerts raised by rules, and their notices. */
  alerts: {
    activeAlerts,
    recordRuleAlerts: atomic(recordRuleAlerts),
    recordAlerts: atomic(recordAlerts),
    pendingAlertNotices,
    claimAlertNotice,
    releaseAlertNotice,
  },
  /** Orders released to warehouses, and what the warehouses answered. */
  releases: {
    insertRelease,
    listReleases,
    updateRelease,
    acknowledgeReleases,
    overdueReleases,
    releasesByExternalRefs,
    releaseTraces,
    cancelReleases,
  },
  /** Shipments the warehouses reported. */
  shipments: { insertShipment, getShipment, listShipments, updateShipment },
  /** Warehouse events already applied (each once). */
  warehouseEvents: { recordWarehouseEvent, listWarehouseEvents, hasWarehouseEvent },
  /** X12 bookkeeping: control numbers, outbound interchanges, the 997 ledger. */
  interchanges: {
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
  },
  /** Inventory publishing: what each channel was told, positions pushed, the publisher's lease. */
  inventory: {
    recordPublications: atomic(recordPublications),
    loadPublished,
    listPublications,
    loadPositions,
    savePositions: atomic(savePositions),
    acquireInventoryLease: atomic(acquireInventoryLease),
    heartbeatInventoryLease,
    releaseInventoryLease,
  },
  users,
  consoleSessions,
  exceptionQueue,
  batches,
  orderSearch,
  events,
  approvals,
  mappingSets,
  savedViews,
  health,
  auditTrail,
} as const satisfies RoleTable;

export type Roles = typeof ROLES;
