export { startFerry } from './ferry.js';
export type { FerryApp, FerryAppOptions } from './ferry.js';
export { assertRefsResolve, configRefs, openSecretResolver } from './secretRefs.js';
export { envSecretResolver } from './flows.js';
