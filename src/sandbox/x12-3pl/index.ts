/** A 3PL simulator speaking X12 over SFTP or a folder, for tests and the demo. */
export type { SftpServerOptions, RunningSftpServer } from './sftp-server.js';
export { startSftpServer } from './sftp-server.js';
export { X12ThreePl } from './simulator.js';
export type { StockLevel, ReceiptPlan } from './emitters.js';
export type { CancelCode, ShipPlan, SimOrder } from './shipping.js';
export { MalformKind, malform } from './malform.js';
export type {
  SimKnobs,
  X12ThreePlOptions,
  FerryEndpoint,
  ReceivedFile,
  EmittedFile,
  ReceivedAck,
} from './options.js';
export { SIM_DIRS, FERRY_DIRS } from './options.js';
