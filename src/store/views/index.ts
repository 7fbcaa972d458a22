/**
 * Persistence of the console's saved views: each user's named filters per screen. One operation
 * per file; sessions show them as `session.savedViews.listViews(...)` (see port.ts).
 */
import { insertView } from './insertView.js';
import { listViews } from './listViews.js';
import { deleteView } from './deleteView.js';

export type { SavedViewRow } from './rows.js';

/** Each user's saved filters per console screen. */
export const savedViews = { insertView, listViews, deleteView };
