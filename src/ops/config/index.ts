export { FerryConfig, SecretRef, DEFAULT_LANES } from './schema.js';
export type { FerryConfigInput } from './schema.js';
export { loadConfigFile, validateConfig, configJsonSchema, formatIssues, formatPath } from './load.js';
export { compileRuntime, resolveEnvRef } from './runtime.js';
export type { RuntimeOptions, RuntimeFlags } from './runtime.js';
export { MAINTENANCE_LANE, compileConfig, configuredShadow } from './compile.js';
export type {
  CompileOverrides,
  CompiledChannel,
  CompiledConfig,
  CompiledInventory,
  CompiledOdoo,
  CompiledOidc,
  CompiledRestWarehouse,
  CompiledWarehouse,
  CompiledWarehouses,
  CompiledX12Warehouse,
  RetentionDays,
  SecretUse,
} from './compile.js';
export { OIDC_CALLBACK_PATH } from './oidc.js';
export type { OidcSignOn } from './oidc.js';
