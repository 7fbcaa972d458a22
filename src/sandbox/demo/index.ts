export { runDemo, finalReport } from './run.js';
export type { DemoOptions, DemoRun } from './run.js';
export { DemoDriver, DEMO_SCRIPT, UNKNOWN_SKU } from './driver.js';
export { summarise, formatSummary } from './summary.js';
export type { DemoSummary } from './summary.js';
