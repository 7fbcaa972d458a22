/**
 * Wiring of metrics and traces: both subscribe to the engine's events, and both wrap every partner
 * call (one client span, one timed count), so the flows and connectors stay unaware of them.
 */
import type { Clock } from '../core/clock.js';
import type { EventBus, PartnerGuard } from '../engine/index.js';
import { configuredShadow, type CompiledConfig, type FerryConfig } from '../ops/config/index.js';
import { FerryMetrics } from '../ops/metrics/index.js';
import {
  createTracing,
  tracePartnerCalls,
  traceEngineEvents,
  type JobSpans,
  type Tracing,
} from '../ops/tracing/index.js';
import { createShadowCheck, type ShadowCheck } from '../store/admin/index.js';
import type { Store } from '../store/index.js';
import type { CallObserver } from './guards.js';

export interface Observability {
  tracing: Tracing;
  jobSpans: JobSpans;
  metrics: FerryMetrics;
  /** Wraps each partner call: a span under the running job's, and the partner-call metrics. */
  observe: CallObserver;
  /** Detaches from the engine's events and flushes the spans still waiting for export. */
  stop(): Promise<void>;
}

/** Starts metrics and tracing for one process; `tracing` replaces the configured one (tests). */
export function wireObservability(
  config: FerryConfig,
  deps: {
    store: Store;
    clock: Clock;
    events: EventBus;
    partners: () => readonly PartnerGuard[];
    alerts: () => readonly { rule: string; subject: string }[];
    tracing?: Tracing | undefined;
  },
): Observability {
  const tracing =
    deps.tracing ??
    createTracing({
      serviceName: config.tracing.serviceName,
      ...(config.tracing.otlpUrl ? { otlpUrl: config.tracing.otlpUrl } : {}),
    });
  const jobSpans = traceEngineEvents(deps.events, tracing.tracer);
  const metrics = new FerryMetrics(deps.events, {
    store: deps.store,
    clock: deps.clock,
    partners: deps.partners,
    alerts: deps.alerts,
  });
  return {
    tracing,
    jobSpans,
    metrics,
    observe: tracePartnerCalls(tracing.tracer, metrics.timePartnerCall.bind(metrics)),
    async stop() {
      jobSpans.stop();
      metrics.stop();
      await tracing.shutdown();
    },
  };
}

/**
 * Shadow mode for the flows: an operator's setting per flow and channel decides; without one, the
 * configuration (`flows.<flow>.shadow`, or the channel's `shadow`).
 */
export function shadowCheck(shadow: CompiledConfig['shadow'], store: Store, clock: Clock): ShadowCheck {
  return createShadowCheck(store, { clock, configured: configuredShadow(shadow) });
}
