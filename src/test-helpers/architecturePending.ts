/**
 * Imports that still break a layering rule (src/architecture.test.ts), each waiting for the work
 * that removes it. The test fails when an import breaks a rule and is not listed here, and when a
 * listed one no longer exists: the list only shrinks, and each entry goes with the change that
 * fixes it. Keys are `importing file → imported module` as the test prints them; values say which
 * work removes the entry.
 */

/** Warehouse adapters inside the fulfilment flow; they move to connectors/x12 and connectors/wms-rest. */
const WAREHOUSE_ADAPTERS = 'warehouse adapters move to connectors/x12 and connectors/wms-rest';

export const PENDING: ReadonlyMap<string, string> = new Map([
  ['src/flows/fulfilment/adapters/restWarehouse.ts → src/connectors/wms-rest/index.ts', WAREHOUSE_ADAPTERS],
  ['src/flows/fulfilment/adapters/x12Inbound.ts → src/connectors/x12/index.ts', WAREHOUSE_ADAPTERS],
  ['src/flows/fulfilment/adapters/x12Store.ts → src/connectors/x12/index.ts', WAREHOUSE_ADAPTERS],
  ['src/flows/fulfilment/adapters/x12Warehouse.ts → src/connectors/x12/index.ts', WAREHOUSE_ADAPTERS],
]);
