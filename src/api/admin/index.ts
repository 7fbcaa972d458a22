/** The admin REST API (/api, OpenAPI at /docs) and the application services it shares with the CLI. */
export { registerAdmin, adminServices } from './plugin.js';
export type { AdminOptions } from './plugin.js';
export type { AdminServices, ActiveAlert } from './context.js';
export { MappingService, MAPPING_KINDS } from './services/mappings.js';
export type { MappingKind, MappingRef, MappingDiff } from './services/mappings.js';
export { SettingsService, shadowApplies } from './services/settings.js';
export type { LaneView } from './services/settings.js';
export { OrderQueries } from './services/orders.js';
export type { OrderTimeline, TimelineEntry } from './services/orders.js';
export { resolveOlderDuplicates, resolveOlderDuplicatesOnCompletion } from './services/superseded.js';
export { Approvals, samePerson } from './services/approvals.js';
export type { ApprovalView, FourEyes, Person } from './services/approvals.js';
export { MappingChanges, isHeld } from './services/mappingChanges.js';
export { MappingCsv } from './services/mappingCsv.js';
export type { ImportReport, CsvRowError } from './services/mappingCsv.js';
