/**
 * Partner secrets encrypted at rest (AES-256-GCM envelope, key ring outside the database) and the
 * environment guard that keeps sandbox and production profiles on their own partner hosts.
 */
export { SecretService, preloadSecretResolver } from './secretService.js';
export type { SecretInfo, RotationReport } from './secretService.js';
export { loadKeyRing, parseKeyRing, keyRingJson } from './keyRing.js';
export type { KeyRing, KeyRingJson } from './keyRing.js';
export { encryptSecret, decryptSecret } from './envelope.js';
export { assertEnvironment, refuseReason, partnerTargets } from './environmentGuard.js';
export type { Environment, PartnerTarget } from './environmentGuard.js';
