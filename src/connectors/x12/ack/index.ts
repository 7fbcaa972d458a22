/** 997 functional acknowledgments, both ways. */
export { build997Body } from './build997.js';
export { acknowledge } from './acknowledge.js';
export type { FunctionalAck, AckSetResult, AckSegmentError } from './parse997.js';
export { parse997, AckStatus } from './parse997.js';
export type { AckMatch, AckLedger } from './ledger.js';
export { matchAck, InMemoryAckLedger } from './ledger.js';
