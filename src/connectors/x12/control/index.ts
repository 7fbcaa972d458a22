/** Control numbers: the port the store persists, its wrap rule, and an in-memory adapter. */
export type { ControlNumberStore, ControlNumberSnapshot } from './control-numbers.js';
export {
  ControlNumberKind,
  CONTROL_NUMBER_MAX,
  nextControlNumber,
  formatControlNumber,
  InMemoryControlNumberStore,
} from './control-numbers.js';
