/**
 * Ferry's Odoo connector (16–19): JSON-RPC or JSON-2 by version, errors classified into
 * FerryError, typed operations over the canonical model (the OdooPort), and a connection check.
 */
export { createOdooClient } from './client.js';
export type { OdooClient } from './client.js';
export { ODOO_CALLS, ODOO_ROLES, guardOdooPort } from './guarded.js';
export type { CallGuard, CallObserver } from './guarded.js';
export { compileOptions, Protocols } from './options.js';
export type {
  CompanyOptions,
  CustomerMatchKey,
  OdooConfig,
  OdooOptions,
  Protocol,
  TaxRule,
} from './options.js';
export { orderCompany } from './ops/companies.js';
export type { CustomerRule } from './ops/customerRules.js';
export type * from './port.js';
export {
  EXCEPTION_TABLE,
  classifyException,
  fromJson2Error,
  fromJsonRpcError,
  fromTransportError,
} from './errors.js';
export { namesFor } from './fields.js';
export type { VersionNames } from './fields.js';
export type { OperationStats } from './roundtrips.js';
export type { CallArgs } from './connection.js';
export { MODELS_TOUCHED, startupChecks, verifyConnection } from './verify.js';
export type { VerifyCheck, VerifyReport } from './verify.js';
export type { CompanySite } from './verifyCompanies.js';
