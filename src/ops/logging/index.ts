export { createLogger, REDACTED_KEYS } from './logger.js';
export type { Logger } from './logger.js';
export { logEngineEvents } from './engineLog.js';
