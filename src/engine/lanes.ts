import { FerryError, type Impact } from '../core/errors.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';

/** How one lane runs. Real-time lanes have their own concurrency, so they never wait behind batch lanes. */
export interface LaneOptions {
  name: string;
  /** Handler invocations in flight at once, per process. Default 4. */
  concurrency: number;
  /** Jobs handed to a batch handler at once. Default 1. */
  batchSize: number;
  /** Lease length; a live worker extends it every third of it. Default 30000 ms. */
  leaseMs: number;
  /** Attempts before a retryable failure goes to the exception queue. Default 10. */
  maxAttempts: number;
  backoff: BackoffOptions;
  /** Handlers run but partner writes are only recorded ("would write"). Default false. */
  shadow: boolean;
  /** Longest sleep between looks at the queue when no wake-up arrives. Default 1000 ms. */
  pollMs: number;
  /** Impact given to exceptions that do not name one. Default 'info'. */
  impact: Impact;
}

export type LaneInput = Pick<LaneOptions, 'name'> & Partial<Omit<LaneOptions, 'name'>>;

export function compileLane(input: LaneInput): LaneOptions {
  return {
    concurrency: 4,
    batchSize: 1,
    leaseMs: 30_000,
    maxAttempts: 10,
    backoff: DEFAULT_BACKOFF,
    shadow: false,
    pollMs: 1000,
    impact: 'info',
    ...input,
  };
}

/** The configured lanes; enqueueing to any other lane is refused by name. */
export class LaneRegistry {
  private readonly lanes = new Map<string, LaneOptions>();

  constructor(lanes: LaneInput[]) {
    for (const l of lanes) this.lanes.set(l.name, compileLane(l));
  }

  get(name: string): LaneOptions {
    const lane = this.lanes.get(name);
    if (!lane) {
      throw new FerryError(
        'unknown_lane',
        `unknown lane "${name}"; configured lanes: ${[...this.lanes.keys()].join(', ') || 'none'}`,
      );
    }
    return lane;
  }

  has(name: string): boolean {
    return this.lanes.has(name);
  }

  names(): string[] {
    return [...this.lanes.keys()];
  }

  all(): LaneOptions[] {
    return [...this.lanes.values()];
  }
}
