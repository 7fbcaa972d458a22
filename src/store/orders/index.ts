/** Order, mapping and cursor persistence used by the flows. */
import { atomic } from '../role.js';
import { appendMapping } from './appendMapping.js';
import { currentMappings } from './currentMappings.js';
import { changedMappings } from './changedMappings.js';
import { mappingHistory } from './mappingHistory.js';
import { getCursor } from './getCursor.js';
import { setCursor } from './setCursor.js';

export * from './orders.js';
export * from './transition.js';
export type { MappingVersion } from './mappingRows.js';

/** Versioned mappings (SKUs, tax codes, carriers...): every change appends a version. */
export const mappings = {
  appendMapping: atomic(appendMapping),
  currentMappings,
  changedMappings,
  mappingHistory,
};

/** Named cursors of polls (a channel's order feed, a warehouse's event feed). */
export const cursors = { getCursor, setCursor };
