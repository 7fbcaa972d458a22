/**
 * The Odoo simulator: an in-memory Odoo 16–19 speaking JSON-RPC and (19) JSON-2 over HTTP,
 * faithful to shared/ODOO.md, for tests, flows and the demo.
 */
export { OdooSimulator } from './server.js';
export type { DropRule, OdooSimulatorOptions, OutageWindow } from './server.js';
export { SimCore } from './simulator.js';
export type { SimCoreOptions, SimUser } from './simulator.js';
export { ODOO_VERSIONS, ExceptionName } from './types.js';
export type { OdooVersion, Rec } from './types.js';
export { addSubLocation, seedCustomer, seedProduct, seedTax, setStock, setStockAt } from './seed-data.js';
export type { SeedCustomer, SeedProduct } from './seed-data.js';
export { addAccount, addWarehouse } from './seed.js';
export type { Access } from './dispatch.js';
export type { App } from './schema.js';
