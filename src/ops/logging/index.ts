export { createLogger, REDACTED_KEYS } from './logger.js';
export type { Logger } from './logger.js';
export { logEngineEvents } from './engineLog.js';
export { correlationOf, withCorrelation } from './correlation.js';
export type { Correlation } from './correlation.js';
export { scrubText, scrubValue } from './scrub.js';
