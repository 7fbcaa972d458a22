/** Queries behind the daily completeness report (issue 16, item 25). */
export { ferryOrdersOfDay } from './ferryOrdersOfDay.js';
export type { FerryOrderFact } from './ferryOrdersOfDay.js';
