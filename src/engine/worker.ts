import { hostname } from 'node:os';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import type { Store } from '../store/index.js';
import { EventBus } from './events.js';
import type { JobInterceptor } from './interceptor.js';
import type { LaneOptions, LaneRegistry } from './lanes.js';
import { Queue } from './queue.js';
import { JobRunner } from './runner.js';
import { Settler } from './settle.js';
import type { AnyTask, TaskDefinition } from './tasks.js';
import type { JobRecord } from '../store/index.js';
import { handle } from './handle.js';

/** A lease this worker holds on a running job, and until when the store last confirmed it. */
interface HeldLease {
  job: JobRecord;
  provenUntil: number;
  abort: AbortController;
  /** The handler has returned and its outcome is being committed: the lease ends with that commit. */
  settling: boolean;
}

export interface WorkerOptions {
  store: Store;
  lanes: LaneRegistry;
  tasks: AnyTask[];
  /** Lanes this worker serves. Default all configured lanes. */
  only?: string[];
  clock?: Clock;
  events?: EventBus;
  /** Unique per process; appears in job rows as locked_by. */
  workerId?: string;
  /** How often expired leases are returned to the queue. Default 2000 ms. */
  recoverEveryMs?: number;
  /** Whether an operator paused a lane; a paused lane leases nothing. Default never. */
  isPaused?: (lane: string) => Promise<boolean>;
  /** Runs around each handler invocation (tracing). Default none. */
  interceptor?: JobInterceptor;
}

/** How often a lane's leases are extended: three times per lease, so one missed beat is survivable. */
function heartbeatEveryMs(lane: LaneOptions): number {
  return Math.max(50, lane.leaseMs / 3);
}

/**
 * Leases and runs jobs for a set of lanes. Each lane has its own loop and concurrency, so a
 * backlog in a batch lane never delays a real-time one.
 */
export class Worker {
  readonly events: EventBus;
  readonly workerId: string;
  private readonly clock: Clock;
  private readonly abort = new AbortController();
  private readonly wakers = new Map<string, () => void>();
  /** Lanes woken while their loop was busy: the next sleep returns at once. */
  private readonly woken = new Set<string>();
  private readonly inFlight = new Map<string, Set<Promise<void>>>();
  /** Per lane: the leases held by running jobs, by job id, for heartbeats. */
  private readonly held = new Map<string, Map<number, HeldLease>>();
  /** Per lane: resolves the loop's wait when a job finishes and frees a slot. */
  private readonly slotFreed = new Map<string, () => void>();
  private readonly loops: Promise<void>[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly runner: JobRunner;
  private started = false;
  private stopping = false;
  /** Per lane: when its loop began the store call it still waits on (lease, pause check, next run). */
  private readonly inStoreSince = new Map<string, number>();
  private unsubscribe: (() => void) | undefined;
  private readonly served: LaneOptions[];

  constructor(private readonly opts: WorkerOptions) {
    this.clock = opts.clock ?? systemClock;
    this.events = opts.events ?? new EventBus();
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    const queue = new Queue(opts.store, opts.lanes, this.clock);
    const settler = new Settler({
      store: opts.store,
      queue,
      clock: this.clock,
      events: this.events,
    });
    const tasks = new Map(opts.tasks.map((t) => [t.name, t as TaskDefinition<unknown>]));
    for (const t of opts.tasks) opts.lanes.get(t.lane); // an unknown lane in a task is a start-up error
    this.runner = new JobRunner({
      store: opts.store,
      clock: this.clock,
      settler,
      tasks,
      signal: this.abort.signal,
      ...(opts.interceptor ? { interceptor: opts.interceptor } : {}),
    });
    this.served = (opts.only ?? opts.lanes.names()).map((n) => opts.lanes.get(n));
  }

  start(): void {
    this.started = true;
    this.unsubscribe = this.opts.store.onWake((lane) => {
      for (const l of lane === '*' ? this.served.map((x) => x.name) : [lane]) {
        const w = this.wakers.get(l);
        if (w) w();
        else this.woken.add(l);
      }
    });
    for (const lane of this.served) {
      this.inFlight.set(lane.name, new Set());
      this.held.set(lane.name, new Map());
      this.loops.push(this.loop(lane));
      const hb = setInterval(() => void this.heartbeat(lane), heartbeatEveryMs(lane));
      this.timers.push(hb);
    }
    const rec = setInterval(() => void this.recover(), this.opts.recoverEveryMs ?? 2000);
    this.timers.push(rec);
  }

  /**
   * Stops leasing, waits for in-flight jobs up to the deadline, then puts the rest back (no
   * attempt used) so another process takes them at once instead of waiting for the lease.
   */
  async stop(deadlineMs = 10_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.unsubscribe?.();
    for (const t of this.timers) clearInterval(t);
    for (const w of this.wakers.values()) w();
    for (const f of this.slotFreed.values()) f();
    const all = [...this.inFlight.values()].flatMap((s) => [...s]);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), deadlineMs)));
    const outcome = await Promise.race([Promise.all(all).then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.abort.abort();
      await this.releaseRunning();
    }
    await Promise.all(this.loops);
  }

  /**
   * What keeps this worker from serving its lanes, or null when it serves them: not started,
   * stopping, or a lane's loop waiting on one store call for `stallMs` (default 30 000) or more.
   * A hung connection (no statement timeout on a half-open socket) leases nothing while the
   * process looks alive; /readyz reports it so the process is taken out of rotation.
   */
  problem(stallMs = 30_000): string | null {
    if (!this.started) return 'not started';
    if (this.stopping) return 'stopping';
    const now = this.clock.now();
    const stalled = [...this.inStoreSince]
      .filter(([, since]) => now - since >= stallMs)
      .map(([lane, since]) => `${lane} (${Math.round((now - since) / 1000)} s)`);
    return stalled.length ? `stuck in a store call: ${stalled.join(', ')}` : null;
  }

  /** Runs one store call of a lane's loop, recording how long it has been waiting on it. */
  private async inStore<T>(lane: LaneOptions, call: () => Promise<T>): Promise<T> {
    this.inStoreSince.set(lane.name, this.clock.now());
    try {
      return await call();
    } finally {
      this.inStoreSince.delete(lane.name);
    }
  }

  private async releaseRunning(): Promise<void> {
    const now = this.clock.now();
    for (const lane of this.served) {
      await this.opts.store.jobs
        .releaseLeases(this.laneWorker(lane), now)
        .catch((error: unknown) => this.events.emit('workerError', { error, where: 'release' }));
    }
  }

  private laneWorker(lane: LaneOptions): string {
    return `${this.workerId}/${lane.name}`;
  }

  private async loop(lane: LaneOptions): Promise<void> {
    const running = this.inFlight.get(lane.name)!;
    // Under load, lease again only once a quarter of the slots are free: leasing one job per
    // completion would cost a query per job instead of one per batch.
    const minFree = Math.max(1, Math.floor(lane.concurrency / 4));
    while (!this.stopping) {
      const free = lane.concurrency - running.size;
      if (free < minFree) {
        await new Promise<void>((resolve) => this.slotFreed.set(lane.name, resolve));
        continue;
      }
      const isPaused = this.opts.isPaused;
      if (isPaused && (await this.inStore(lane, () => isPaused(lane.name).catch(() => false)))) {
        await this.sleep(lane, lane.pollMs);
        continue;
      }
      let jobs;
      try {
        jobs = await this.inStore(lane, () =>
          this.opts.store.jobs.lease({
            lane: lane.name,
            limit: free * lane.batchSize,
            leaseMs: lane.leaseMs,
            workerId: this.laneWorker(lane),
            now: this.clock.now(),
          }),
        );
      } catch (error) {
        this.events.emit('workerError', { error, where: `lease ${lane.name}` });
        await this.sleep(lane, lane.pollMs);
        continue;
      }
      if (jobs.length === 0) {
        await this.sleep(lane, await this.idleMs(lane));
        continue;
      }
      this.events.emit('leased', { lane: lane.name, jobs });
      for (const group of this.runner.plan(jobs, lane)) {
        const leases = this.hold(lane, group);
        const p: Promise<void> = this.runner
          .run(group, lane, leases)
          .catch((error: unknown) => this.events.emit('workerError', { error, where: `run ${lane.name}` }))
          .finally(() => {
            for (const job of group) this.held.get(lane.name)?.delete(job.id);
            running.delete(p);
            if (lane.concurrency - running.size >= minFree || running.size === 0)
              this.slotFreed.get(lane.name)?.();
          });
        running.add(p);
      }
    }
  }

  private async idleMs(lane: LaneOptions): Promise<number> {
    try {
      const next = await this.inStore(lane, () => this.opts.store.jobs.nextRunAt([lane.name]));
      if (next === null) return lane.pollMs;
      return Math.max(0, Math.min(lane.pollMs, next - this.clock.now()));
    } catch {
      return lane.pollMs;
    }
  }

  private sleep(lane: LaneOptions, ms: number): Promise<void> {
    if (this.stopping || this.woken.delete(lane.name)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        if (this.wakers.get(lane.name) === done) this.wakers.delete(lane.name);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wakers.set(lane.name, done);
    });
  }

  private hold(lane: LaneOptions, group: JobRecord[]): Map<number, HeldLease> {
    const held = this.held.get(lane.name)!;
    const leases = new Map<number, HeldLease>();
    for (const job of group) {
      const lease: HeldLease = {
        job,
        provenUntil: job.leaseUntil ?? this.clock.now() + lane.leaseMs,
        abort: new AbortController(),
        settling: false,
      };
      held.set(job.id, lease);
      leases.set(job.id, lease);
    }
    return leases;
  }

  /**
   * Extends the leases of this lane's running jobs. A job whose lease the store no longer has (it
   * expired and another process recovered it) is abandoned at once; when the store cannot be
   * reached, the heartbeat is tried again at the next tick, and a job whose lease would run out
   * before that tick is abandoned. Either way the handler's signal is aborted and an event says so:
   * a job this worker can no longer prove it owns may already run elsewhere.
   */
  private async heartbeat(lane: LaneOptions): Promise<void> {
    const held = this.held.get(lane.name);
    const leases = [...(held?.values() ?? [])].filter((l) => !l.settling);
    if (leases.length === 0) return;
    const now = this.clock.now();
    let extended: Set<number>;
    try {
      extended = new Set(
        await this.opts.store.jobs.extendLeases(
          leases.map((l) => handle(l.job)),
          now + lane.leaseMs,
          now,
        ),
      );
    } catch (error) {
      this.events.emit('workerError', { error, where: `heartbeat ${lane.name} (tried again next tick)` });
      const next = this.clock.now() + heartbeatEveryMs(lane);
      for (const l of leases)
        if (next >= l.provenUntil) this.abandon(lane, l, 'its lease could not be extended before it ends');
      return;
    }
    for (const l of leases) {
      if (extended.has(l.job.id)) l.provenUntil = now + lane.leaseMs;
      else this.abandon(lane, l, 'its lease expired and was recovered by another process');
    }
  }

  private abandon(lane: LaneOptions, lease: HeldLease, reason: string): void {
    // A lease whose handler already returned ends with its completion's commit, which checks the
    // token itself; a job that finished meanwhile is no longer held.
    if (lease.settling || this.held.get(lane.name)?.get(lease.job.id) !== lease) return;
    this.held.get(lane.name)!.delete(lease.job.id);
    this.events.emit('leaseAbandoned', { job: lease.job, reason });
    lease.abort.abort(new Error(`job ${lease.job.id} abandoned: ${reason}`));
  }

  private async recover(): Promise<void> {
    try {
      const r = await this.opts.store.jobs.recoverExpired(this.clock.now());
      if (r.requeued || r.excepted) this.events.emit('recovered', r);
    } catch (error) {
      this.events.emit('workerError', { error, where: 'recover' });
    }
  }
}
