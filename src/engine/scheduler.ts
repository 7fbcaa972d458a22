import { CronExpressionParser } from 'cron-parser';
import type { Clock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import type { EventBus } from './events.js';
import type { Queue } from './queue.js';

/** A periodic job: a cron expression (read in `timeZone`, default UTC) and the job it enqueues. */
export interface ScheduleDefinition {
  name: string;
  cron: string;
  lane: string;
  task: string;
  payload?: unknown;
  /** IANA zone the cron expression is read in (a channel's or a flow's). Default UTC. */
  timeZone?: string;
}

/** Next firing after `afterMs`, the expression read in `timeZone`; an invalid one is refused by name. */
export function nextCronRun(cron: string, afterMs: number, name = cron, timeZone = 'UTC'): number {
  try {
    return CronExpressionParser.parse(cron, { currentDate: new Date(afterMs), tz: timeZone })
      .next()
      .getTime();
  } catch (e) {
    throw new FerryError(
      'config_invalid',
      `schedule "${name}": invalid cron expression "${cron}": ${(e as Error).message}`,
    );
  }
}

/**
 * The expression as the store keeps it, its zone appended unless UTC: the store keeps a schedule's
 * next firing while this is unchanged, so a zone change must change it (and UTC schedules stored
 * before zones existed keep theirs).
 */
function storedCron(s: ScheduleDefinition): string {
  return s.timeZone && s.timeZone !== 'UTC' ? `${s.cron} ${s.timeZone}` : s.cron;
}

/**
 * A cron expression firing every `seconds`: six fields (seconds first) below a minute, whole
 * minutes from 60 s (at most every 59 minutes, the largest minute step).
 */
export function cronEvery(seconds: number): string {
  if (seconds < 60) return `*/${Math.max(1, Math.round(seconds))} * * * * *`;
  return `*/${Math.min(59, Math.round(seconds / 60))} * * * *`;
}

/**
 * Enqueues periodic jobs. Any number of processes may tick: the job of one firing carries the
 * idempotency key `schedule:<name>:<time>`, so each firing runs at most once across all of them.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: { store: Store; queue: Queue; clock: Clock; events: EventBus },
    private readonly schedules: ScheduleDefinition[],
    /** How often due schedules are looked for. Default 1000 ms. */
    private readonly tickMs = 1000,
  ) {
    for (const s of schedules) nextCronRun(s.cron, 0, s.name, s.timeZone);
  }

  /** Registers schedules (keeping their next run when the expression is unchanged) and starts ticking. */
  async start(): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.store.transaction(async (tx) => {
      for (const s of this.schedules)
        await tx.schedules.registerSchedule(
          { ...s, cron: storedCron(s) },
          nextCronRun(s.cron, now, s.name, s.timeZone),
        );
    });
    this.timer = setInterval(
      () =>
        void this.tick().catch((error: unknown) =>
          this.deps.events.emit('workerError', { error, where: 'scheduler' }),
        ),
      this.tickMs,
    );
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Enqueues every due firing once; returns how many jobs this process created. */
  async tick(): Promise<number> {
    const now = this.deps.clock.now();
    const byName = new Map(this.schedules.map((s) => [s.name, s]));
    return this.deps.store.transaction(async (tx) => {
      const due = await tx.schedules.dueSchedules(now);
      let created = 0;
      for (const row of due) {
        const def = byName.get(row.name);
        if (!def) continue;
        const firing = row.nextRunAt;
        const job = this.deps.queue.prepare(
          {
            lane: def.lane,
            task: def.task,
            payload: def.payload ?? { firedAt: firing },
            idempotencyKey: `schedule:${def.name}:${firing}`,
          },
          now,
        );
        const [r] = await tx.jobs.enqueue([job], now);
        if (r?.created) created++;
        await tx.schedules.advanceSchedule(
          def.name,
          firing,
          nextCronRun(def.cron, now, def.name, def.timeZone),
        );
      }
      return created;
    });
  }
}
