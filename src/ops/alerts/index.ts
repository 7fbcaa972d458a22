/** Alerts that cannot stay silent: evaluated periodically, exposed in metrics and the API, optionally POSTed. */
export { AlertMonitor } from './monitor.js';
export type { AlertNotifier } from './monitor.js';
export { findAlerts, AlertRule } from './rules.js';
export type { ActiveAlert, AlertOptions, AlertInputs } from './rules.js';
export * from './senders/index.js';
export { tradingWindowStart } from './tradingHours.js';
export type { TradingHours } from './tradingHours.js';
