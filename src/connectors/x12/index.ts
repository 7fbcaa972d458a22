/**
 * Ferry's EDI X12 connector for 3PL warehouses (issue 5): the `edi` codec, transaction-set
 * mappers to and from the canonical model, envelopes with persisted control numbers, 997s both
 * ways, SSCC-18, duplicate keys and the folder/SFTP transports.
 */
export * from './edi/index.js';
export * from './maps/index.js';
export * from './ack/index.js';
export * from './control/index.js';
export * from './transport/index.js';
export type { TradingPartner, TradingPartnerOptions, SupportedSet } from './partner.js';
export { TradingPartnerSchema, compilePartner, FUNCTIONAL_IDS } from './partner.js';
export type { OutboundSet, SentGroup, OutboundInterchange } from './outbound.js';
export { buildOutbound } from './outbound.js';
export { envelopeFailure } from './classify.js';
export type { InterchangeKey } from './dedupe.js';
export { interchangeKey } from './dedupe.js';
export { isValidSscc, makeSscc, ssccCheckDigit, ssccFromManGm, ssccToManGm } from './sscc.js';
