/**
 * Orders, their mappings and the cursors of polls. One operation per file, named by its verb;
 * the roles below list them, and sessions show them as `session.orders.getOrderByRef(...)`.
 */
import { atomic } from '../role.js';
import { getOrderByChannel } from './getOrderByChannel.js';
import { getOrderByRef } from './getOrderByRef.js';
import { getOrder } from './getOrder.js';
import { findOrdersByRef } from './findOrdersByRef.js';
import { insertOrder } from './insertOrder.js';
import { updateOrder } from './updateOrder.js';
import { addOrderRefs } from './addOrderRefs.js';
import { transitionOrder } from './transitionOrder.js';
import { appendOrderEvent } from './appendOrderEvent.js';
import { listOrderEvents } from './listOrderEvents.js';
import { countOrdersByState } from './countOrdersByState.js';
import { oldestOrderCreatedAt } from './oldestOrderCreatedAt.js';
import { searchOrderIds } from './searchOrderIds.js';
import { lastOrderAtByChannel } from './lastOrderAtByChannel.js';
import { listChannelOrders } from './listChannelOrders.js';
import { ferryOrdersOfDay } from './ferryOrdersOfDay.js';
import { appendMapping } from './appendMapping.js';
import { currentMappings } from './currentMappings.js';
import { changedMappings } from './changedMappings.js';
import { mappingHistory } from './mappingHistory.js';
import { getCursor } from './getCursor.js';
import { setCursor } from './setCursor.js';

export type { OrderRow } from './orderRows.js';
export type { OrderEvent } from './listOrderEvents.js';
export type { ChannelOrderFilter } from './listChannelOrders.js';
export type { FerryOrderFact } from './ferryOrdersOfDay.js';
export type { MappingVersion } from './mappingRows.js';

/** Orders, their external references and their timeline. */
export const orders = {
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
  listChannelOrders,
  ferryOrdersOfDay,
};

/** Versioned mappings (SKUs, tax codes, carriers...): every change appends a version. */
export const mappings = {
  appendMapping: atomic(appendMapping),
  currentMappings,
  changedMappings,
  mappingHistory,
};

/** Named cursors of polls (a channel's order feed, a warehouse's event feed). */
export const cursors = { getCursor, setCursor };
