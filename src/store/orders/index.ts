/** Order, mapping and cursor persistence used by the flows. */
import { atomic } from '../role.js';
import { appendMapping } from './appendMapping.js';
import { currentMappings } from './currentMappings.js';
import { mappingHistory } from './mappingHistory.js';
import { getCursor } from './getCursor.js';
import { setCursor } from './setCursor.js';

export * from './orderRows.js';
export * from './listOrderEvents.js';
export * from './getOrderByChannel.js';
export * from './getOrderByRef.js';
export * from './getOrder.js';
export * from './findOrdersByRef.js';
export * from './insertOrder.js';
export * from './updateOrder.js';
export * from './addOrderRefs.js';
export * from './appendOrderEvent.js';
export * from './countOrdersByState.js';
export * from './oldestOrderCreatedAt.js';
export * from './transitionOrder.js';
export type { MappingVersion } from './mappingRows.js';

/** Versioned mappings (SKUs, tax codes, carriers...): every change appends a version. */
export const mappings = { appendMapping: atomic(appendMapping), currentMappings, mappingHistory };

/** Named cursors of polls (a channel's order feed, a warehouse's event feed). */
export const cursors = { getCursor, setCursor };
