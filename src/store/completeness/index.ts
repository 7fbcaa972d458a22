/** Queries behind the daily completeness report (issue 16, item 25). */
export { ferryOrdersOfDay } from './ferryOrders.js';
export type { FerryOrderFact } from './ferryOrders.js';
