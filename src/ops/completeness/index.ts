/** The daily completeness report and its alert (issue 16, item 25). */
export { buildCompletenessReport, utcDay, STAGES, SHIPPED_STATES } from './report.js';
export type { ChannelOrderFact, CompletenessReport, CompletenessSla, MissingOrder, Stage } from './report.js';
export { completenessReports } from './gather.js';
export type { CompletenessDeps } from './gather.js';
export { completenessFindings, COMPLETENESS_RULE } from './alert.js';
