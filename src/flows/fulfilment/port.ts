/**
 * The warehouse port (issue 5), declared in core/warehouse.ts so the adapters in connectors/x12
 * and connectors/wms-rest implement it without importing a flow.
 */
export * from '../../core/warehouse.js';

/** The job that processes a stored inbound message of `warehouse`. */
export const INBOUND_TASK = 'warehouse.inbound';
