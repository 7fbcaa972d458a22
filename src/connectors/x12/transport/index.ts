/** X12 file transport: the port and its folder and SFTP adapters. */
export type {
  X12Transport,
  InboundFile,
  Intake,
  IntakeVerdict,
  PollResult,
  StaleUpload,
  StaleUploadOptions,
  TransportDirs,
} from './port.js';
export { DEFAULT_DIRS } from './port.js';
export type { FolderTransportOptions } from './folder.js';
export { openFolderTransport } from './folder.js';
export type { SftpTransportOptions } from './sftp.js';
export { openSftpTransport, classifySftpError } from './sftp.js';
