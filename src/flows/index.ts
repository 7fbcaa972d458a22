import type { AnyTask } from '../engine/index.js';

/** The flows' tasks that every Ferry process registers. */
export function builtinTasks(): AnyTask[] {
  return [];
}
