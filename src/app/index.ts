export { startFerry } from './ferry.js';
export type { FerryApp, FerryAppOptions } from './ferry.js';
