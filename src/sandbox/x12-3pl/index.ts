/** A 3PL simulator speaking X12 over SFTP or a folder, for tests and the demo. */
export type { SftpServerOptions, RunningSftpServer } from './sftp-server.js';
export { startSftpServer } from './sftp-server.js';
