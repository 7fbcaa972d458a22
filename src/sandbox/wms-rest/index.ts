/** A JSON REST WMS simulator with signed webhooks and an event list, for tests and the demo. */
export { WmsSimulator } from './simulator.js';
export type { WmsSimulatorOptions, WmsKnobs, WmsDelivery, WmsFault } from './simulator.js';
export type { WmsShipPlan, SimWmsOrder } from './state.js';
