import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventBus, PartnerGuard, BreakerState } from '../../engine/index.js';
import type { Clock } from '../../core/clock.js';
import { isFerryError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';

/** Where scrape-time values come from. */
export interface MetricSources {
  store: Store;
  clock: Clock;
  /** This process's partner guards. Default none. */
  partners?: () => readonly PartnerGuard[];
  /** Alerts firing now, as `{rule, subject}`. Default none. */
  alerts?: () => readonly { rule: string; subject: string }[];
}

/** Breaker state as a number, so a dashboard can graph it and an alert rule compare it. */
export const BREAKER_VALUE: Record<BreakerState, number> = {
  closed: 0,
  'half-open': 1,
  open: 2,
  isolated: 3,
};

// Seconds: webhook intake and one partner call are sub-second when healthy; Odoo bounds a job at
// about 0.3 s per order (3-4 orders/s, DESIGN.md §6); the top buckets catch stuck work.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * Ferry's Prometheus metrics. Counters and histograms follow the engine's events; queue depth and
 * age, orders by state, open exceptions, breakers and alerts are read when scraped, so they are
 * right for every process sharing the store and cost nothing between scrapes.
 */
export class FerryMetrics {
  readonly registry = new Registry();
  private readonly webhooks = this.counter(
    'ferry_webhooks_total',
    'Inbound messages by channel and outcome',
    ['channel', 'outcome'],
  );
  private readonly jobs = this.counter('ferry_jobs_total', 'Job attempts by lane and outcome', [
    'lane',
    'outcome',
  ]);
  private readonly exceptions = this.counter(
    'ferry_exceptions_total',
    'Jobs parked in the exception queue, by impact',
    ['impact', 'code'],
  );
  private readonly jobDuration = this.histogram(
    'ferry_job_duration_seconds',
    'Handler run time per completed job',
    ['lane'],
  );
  private readonly jobLatency = this.histogram('ferry_job_latency_seconds', 'Enqueue to completion per job', [
    'lane',
  ]);
  private readonly partnerCalls = this.counter('ferry_partner_calls_total', 'Calls to partner endpoints', [
    'partner',
  ]);
  private readonly partnerErrors = this.counter(
    'ferry_partner_errors_total',
    'Failed partner calls by code',
    ['partner', 'code'],
  );
  private readonly partnerLatency = this.histogram(
    'ferry_partner_call_duration_seconds',
    'Partner call time',
    ['partner'],
  );
  // Batched, an order costs a fraction of a call (DESIGN.md §6: 10 orders per create and confirm);
  // one at a time it costs several. The buckets cover both.
  private readonly odooRoundTrips = new Histogram({
    name: 'ferry_odoo_round_trips_per_order',
    help: 'Odoo requests made to create and confirm one order (a batch shares its requests)',
    buckets: [0.25, 0.5, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20],
    registers: [this.registry],
  });
  private readonly httpRequests = this.histogram(
    'ferry_http_request_duration_seconds',
    'HTTP answers by method, route pattern (unmatched: no route; unparsed: refused by the parser) and status',
    ['method', 'route', 'status'],
  );
  private offs: (() => void)[] = [];

  constructor(
    events: EventBus,
    private readonly sources: MetricSources,
  ) {
    this.scrapeGauges();
    // process_* and nodejs_* (CPU, memory, event-loop lag, GC): what a Node dashboard expects.
    collectDefaultMetrics({ register: this.registry });
    this.offs = [
      events.on('received', (e) => this.webhooks.inc({ channel: e.source, outcome: 'received' })),
      events.on('duplicate', (e) => this.webhooks.inc({ channel: e.source, outcome: 'duplicate' })),
      events.on('rejected', (e) => this.webhooks.inc({ channel: e.source, outcome: 'rejected' })),
      events.on('completed', (e) => {
        this.jobs.inc({ lane: e.job.lane, outcome: 'completed' });
        this.jobDuration.observe({ lane: e.job.lane }, e.durationMs / 1000);
        this.jobLatency.observe({ lane: e.job.lane }, e.latencyMs / 1000);
      }),
      events.on('retried', (e) => this.jobs.inc({ lane: e.job.lane, outcome: 'retried' })),
      events.on('deferred', (e) => this.jobs.inc({ lane: e.job.lane, outcome: 'deferred' })),
      events.on('leaseLost', (e) => this.jobs.inc({ lane: e.job.lane, outcome: 'lease_lost' })),
      events.on('excepted', (e) => {
        this.jobs.inc({ lane: e.job.lane, outcome: 'excepted' });
        this.exceptions.inc({ impact: e.error.impact ?? 'unclassified', code: e.error.code });
      }),
    ];
  }

  /** Records one HTTP answer (the HTTP layer's observer). */
  observeHttp(labels: { method: string; route: string; status: string }, seconds: number): void {
    this.httpRequests.observe(labels, seconds);
  }

  /** Records one partner call; `instrumentGuard` calls it for every call through a guard. */
  observePartnerCall(partner: string, seconds: number, error?: unknown): void {
    this.partnerCalls.inc({ partner });
    this.partnerLatency.observe({ partner }, seconds);
    if (error !== undefined)
      this.partnerErrors.inc({ partner, code: isFerryError(error) ? error.code : 'unclassified' });
  }

  /**
   * Records the Odoo requests that accepting `orders` orders took together: each order is one
   * observation of its share, so the histogram's count is orders and its sum is requests.
   */
  observeOdooRoundTrips(roundTrips: number, orders = 1): void {
    if (orders < 1) return;
    for (let i = 0; i < orders; i++) this.odooRoundTrips.observe(roundTrips / orders);
  }

  /** Times one partner call and counts it (and its error); for the partner-call hook of the wiring. */
  async timePartnerCall<T>(partner: string, fn: () => Promise<T>): Promise<T> {
    const start = this.sources.clock.now();
    try {
      const r = await fn();
      this.observePartnerCall(partner, (this.sources.clock.now() - start) / 1000);
      return r;
    } catch (e) {
      this.observePartnerCall(partner, (this.sources.clock.now() - start) / 1000, e);
      throw e;
    }
  }

  /** Prometheus text exposition. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  stop(): void {
    for (const off of this.offs) off();
    this.offs = [];
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: BUCKETS, registers: [this.registry] });
  }

  private gauge<L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    collect: (g: Gauge<L>) => Promise<void> | void,
  ): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        await collect(this);
      },
    });
  }

  private scrapeGauges(): void {
    const { store, clock } = this.sources;
    const stats = (): ReturnType<Store['jobs']['jobStats']> => store.jobs.jobStats(clock.now());
    this.gauge('ferry_queue_depth', 'Due ready jobs per lane (the backlog)', ['lane'], async (g) => {
      for (const s of await stats()) g.set({ lane: s.lane }, s.due);
    });
    this.gauge(
      'ferry_queue_oldest_age_seconds',
      'Age of the oldest due job per lane',
      ['lane'],
      async (g) => {
        for (const s of await stats()) g.set({ lane: s.lane }, s.oldestDueAgeMs / 1000);
      },
    );
    this.gauge('ferry_jobs_running', 'Jobs running per lane', ['lane'], async (g) => {
      for (const s of await stats()) g.set({ lane: s.lane }, s.running);
    });
    this.gauge('ferry_orders', 'Orders by lifecycle state', ['state'], async (g) => {
      for (const [state, n] of Object.entries(await store.orders.countOrdersByState())) g.set({ state }, n);
    });
    this.gauge('ferry_exceptions_open', 'Open exceptions by impact', ['impact'], async (g) => {
      for (const [impact, n] of Object.entries(await store.exceptions.openExceptionsByImpact()))
        g.set({ impact }, n);
    });
    this.gauge(
      'ferry_edi_unacknowledged_groups',
      'X12 groups sent per partner with no 997 past their deadline',
      ['partner'],
      async (g) => {
        for (const u of await store.interchanges.unacknowledgedInterchanges(clock.now()))
          g.set({ partner: u.partner }, u.groups);
      },
    );
    const guards = (): readonly PartnerGuard[] => this.sources.partners?.() ?? [];
    this.gauge(
      'ferry_breaker_state',
      'Breaker per partner: 0 closed, 1 half-open, 2 open, 3 isolated',
      ['partner'],
      (g) => {
        for (const p of guards()) g.set({ partner: p.name }, BREAKER_VALUE[p.state]);
      },
    );
    this.gauge(
      'ferry_partner_up',
      'Partner health: 1 healthy, 0 failing, recovering or down (absent before the first call)',
      ['partner'],
      (g) => {
        for (const p of guards()) {
          const { health } = p.status();
          if (health !== 'unknown') g.set({ partner: p.name }, health === 'healthy' ? 1 : 0);
        }
      },
    );
    this.gauge('ferry_partner_headroom', 'Rate-limit tokens available per partner', ['partner'], (g) => {
      for (const p of guards()) g.set({ partner: p.name }, p.headroom());
    });
    this.gauge(
      'ferry_alert_active',
      'Alerts firing now (1) by rule and subject',
      ['rule', 'subject'],
      (g) => {
        for (const a of this.sources.alerts?.() ?? []) g.set({ rule: a.rule, subject: a.subject }, 1);
      },
    );
  }
}

/**
 * A guard whose calls are counted and timed. The engine's PartnerGuard emits no events, so
 * connectors that should be measured are given this instead; everything else is the same object.
 */
export function instrumentGuard(guard: PartnerGuard, metrics: FerryMetrics, clock: Clock): PartnerGuard {
  return new Proxy(guard, {
    get(target, prop, receiver) {
      if (prop !== 'call') return Reflect.get(target, prop, receiver) as unknown;
      return async <T>(fn: (signal: AbortSignal) => Promise<T>, cost?: number): Promise<T> => {
        const start = clock.now();
        try {
          const r = await target.call(fn, cost);
          metrics.observePartnerCall(target.name, (clock.now() - start) / 1000);
          return r;
        } catch (e) {
          metrics.observePartnerCall(target.name, (clock.now() - start) / 1000, e);
          throw e;
        }
      };
    },
  });
}
