import { hash32 } from '../core/hash';
import type { LogEvent } from '../core/logEvent';
import type {
  AccountSources,
  Clock,
  FunctionCatalog,
  FunctionConfig,
  FunctionSettings,
  FunctionTags,
  LogPage,
  LogPageRequest,
  LogSource,
  MetricQuery,
  MetricSeries,
  MetricSource,
  MetricWindow,
} from '../core/ports';
import { demoConfigFields, demoSettingsOf } from './demoSettings';
import type { SimInvocation } from './logRenderer';
import { Random } from './random';
import { DEMO_FUNCTIONS, type SimulatedFunction } from './scenarios';
import { TrafficGenerator, type FunctionTruth } from './trafficGenerator';

export const DEMO_PROFILE = 'Demo';
export const DEMO_REGION = 'us-east-1';
const ACCOUNT_ID = '123456789012';
const MINUTE = 60_000;
const PAGE_EVENTS = 10_000;
const PAGE_BYTES = 1_048_576;

export interface DemoAccountOptions {
  readonly seed?: number;
  readonly clock: Clock;
  /** Simulated history before the clock's current time (default 1 h). */
  readonly historyMs?: number;
  /** Functions with traffic (default: the demo functions). */
  readonly functions?: readonly SimulatedFunction[];
  /** Functions that exist but receive no traffic ("idle in this window"). Default: two. */
  readonly idleFunctions?: readonly string[];
  /** Traffic scale (1 = each function's own rate). */
  readonly rateScale?: number;
  /** Each API call takes this long (simulated network), default 0. */
  readonly latencyMs?: number;
  /** Traffic stops this long after the history starts (default: never; tests use it for exact totals). */
  readonly trafficMs?: number;
  /** Events and metric points older than this are forgotten (default 3 h). */
  readonly retentionMs?: number;
}

interface StoredEvent {
  readonly event: LogEvent;
  /** When CloudWatch would make it visible: 1–8 s after its timestamp, as ingestion delays go. */
  readonly visibleAt: number;
  readonly bytes: number;
}

interface GroupStore {
  /** In timestamp order; `base` is the absolute index of events[0] (page tokens survive pruning). */
  events: StoredEvent[];
  base: number;
}

interface MinuteMetrics {
  invocations: number;
  errors: number;
  throttles: number;
  durationSum: number;
  durationMax: number;
  concurrency: number;
}

/** Orders-worker has reserved concurrency (5): bursts are throttled, which only the metrics show. */
const THROTTLED_FUNCTION = 'orders-worker';

/**
 * The built-in demo account ("Demo" profile): simulated functions with live traffic — cold starts,
 * outliers, handled and unhandled errors, timeouts, out-of-memory kills, an init failure,
 * throttles — behind the same ports as a real account. Deterministic for a seed and a start time;
 * traffic is generated as the clock advances, and old data is forgotten.
 */
export class DemoAccount implements AccountSources {
  readonly catalog: FunctionCatalog;
  readonly metrics: MetricSource;
  readonly logs: LogSource;
  private readonly generator: TrafficGenerator;
  private readonly events: Iterator<LogEvent>;
  private buffered: LogEvent | undefined;
  private generatedUpTo: number;
  private readonly groups = new Map<string, GroupStore>();
  private readonly minutes = new Map<string, Map<number, MinuteMetrics>>();
  private readonly configs: FunctionConfig[];
  private readonly streamVisibleAt = new Map<string, number>();
  private readonly throttleRandom: Random;
  private readonly retentionMs: number;

  constructor(private readonly options: DemoAccountOptions) {
    const now = options.clock.now();
    const start = Math.floor((now - (options.historyMs ?? 60 * MINUTE)) / MINUTE) * MINUTE;
    const functions = options.functions ?? DEMO_FUNCTIONS;
    this.retentionMs = options.retentionMs ?? 3 * 60 * MINUTE;
    this.throttleRandom = new Random((options.seed ?? 42) + 7);
    // checkout-api was deployed part-way through the history: the timeline shows the marker and
    // the cold starts that follow it.
    const deploys: Record<string, number> = { 'checkout-api': start + Math.round((now - start) * 0.6 / MINUTE) * MINUTE };
    this.generator = new TrafficGenerator({
      seed: options.seed ?? 42,
      start,
      durationMs: options.trafficMs ?? 100 * 365 * 24 * 60 * MINUTE,
      functions,
      rateScale: options.rateScale ?? 1,
      hostileEvery: 400,
      deploys,
      // S3 invokes image-resizer asynchronously: Lambda retries its failures (same request id).
      asyncFunctions: ['image-resizer'],
      onInvocation: (fn, inv, at) => this.recordMetrics(fn, inv, at),
    });
    this.events = this.generator[Symbol.iterator]();
    this.generatedUpTo = start;
    const idle = options.idleFunctions ?? ['legacy-cron', 'pdf-exporter'];
    this.configs = [...functions.map((fn) => configOf(fn, deploys[fn.name])), ...idle.map((name) => idleConfig(name))];
    this.catalog = {
      listFunctions: async (signal) => {
        await this.latency(signal);
        return this.configs.map((c) => ({ ...c }));
      },
      tagsOf: async (fn, signal): Promise<FunctionTags> => {
        await this.latency(signal);
        return { tags: { 'aws:cloudformation:stack-name': 'lambdascope-demo', 'aws:cloudformation:logical-id': logicalId(fn.name) }, stackName: 'lambdascope-demo', logicalId: logicalId(fn.name) };
      },
      // Unpaced, like the demo's other calls: the simulation has no quotas to respect, and pacing
      // five calls a function would hold each cycle's end (and the demo's views) for seconds.
      settingsOf: async (fn, signal): Promise<FunctionSettings> => {
        await this.latency(signal);
        return demoSettingsOf(fn.name, this.options.clock.now());
      },
    };
    this.metrics = { getMetrics: (queries, window, signal) => this.getMetrics(queries, window, signal) };
    this.logs = { filterPage: (request, signal) => this.filterPage(request, signal) };
  }

  /** What the simulation really did so far (tests compare Lambdascope's figures with it). */
  truth(): ReadonlyMap<string, FunctionTruth> {
    this.advance();
    return this.generator.truth;
  }

  /** Metric totals of the simulation for one function over [from, to) (tests). */
  metricTotals(name: string, from: number, to: number): { invocations: number; errors: number; throttles: number } {
    this.advance();
    const totals = { invocations: 0, errors: 0, throttles: 0 };
    for (const [minute, m] of this.minutes.get(name) ?? []) {
      if (minute < from || minute >= to) continue;
      totals.invocations += m.invocations;
      totals.errors += m.errors;
      totals.throttles += m.throttles;
    }
    return totals;
  }

  private async latency(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.options.latencyMs) await this.options.clock.sleep(this.options.latencyMs, signal);
  }

  /** Generate traffic up to the clock's time, and forget what is older than the retention. */
  private advance(): void {
    const now = this.options.clock.now();
    if (now <= this.generatedUpTo) return;
    for (;;) {
      const event = this.buffered ?? this.events.next().value;
      this.buffered = undefined;
      if (!event) break;
      if (event.timestamp >= now) {
        this.buffered = event;
        break;
      }
      this.store(event);
    }
    this.generatedUpTo = now;
    const cutoff = now - this.retentionMs;
    for (const store of this.groups.values()) {
      let drop = 0;
      while (drop < store.events.length && (store.events[drop] as StoredEvent).event.timestamp < cutoff) drop++;
      if (drop > 0) {
        store.events.splice(0, drop);
        store.base += drop;
      }
    }
    for (const [stream, visibleAt] of this.streamVisibleAt) if (visibleAt < cutoff) this.streamVisibleAt.delete(stream);
    for (const perMinute of this.minutes.values()) for (const minute of perMinute.keys()) if (minute < cutoff) perMinute.delete(minute);
  }

  private store(event: LogEvent): void {
    let store = this.groups.get(event.logGroupName);
    if (!store) {
      store = { events: [], base: 0 };
      this.groups.set(event.logGroupName, store);
    }
    // Each event is ingested 1–8 s after its timestamp, but a stream's events become visible in
    // order (the platform ships a stream's batches in sequence), so later lines never overtake.
    const delay = 1000 + (hash32(event.eventId ?? event.message) % 7000);
    const visibleAt = Math.max(event.timestamp + delay, this.streamVisibleAt.get(event.logStreamName) ?? 0);
    this.streamVisibleAt.set(event.logStreamName, visibleAt);
    store.events.push({ event, visibleAt, bytes: jsonBytes(event) });
  }

  private recordMetrics(fn: SimulatedFunction, inv: SimInvocation, at: number): void {
    let perMinute = this.minutes.get(fn.name);
    if (!perMinute) {
      perMinute = new Map();
      this.minutes.set(fn.name, perMinute);
    }
    const minute = Math.floor(at / MINUTE) * MINUTE;
    let m = perMinute.get(minute);
    if (!m) {
      // Throttles come in bursts: a few minutes in ten, for the function with reserved concurrency.
      const throttles = fn.name === THROTTLED_FUNCTION && this.throttleRandom.next() < 0.15 ? 1 + this.throttleRandom.int(12) : 0;
      m = { invocations: 0, errors: 0, throttles, durationSum: 0, durationMax: 0, concurrency: 0 };
      perMinute.set(minute, m);
    }
    m.invocations++;
    if (inv.outcome !== 'success' && inv.outcome !== 'handled') m.errors++;
    m.durationSum += inv.durationMs;
    m.durationMax = Math.max(m.durationMax, inv.durationMs);
    // Concurrency ≈ busy time in the minute ÷ a minute, at least one while anything ran.
    m.concurrency = Math.max(1, Math.ceil(m.durationSum / MINUTE));
  }

  private async getMetrics(queries: readonly MetricQuery[], window: MetricWindow, signal?: AbortSignal): Promise<MetricSeries[]> {
    if (queries.length > 500) throw new RangeError('GetMetricData takes at most 500 queries');
    await this.latency(signal);
    this.advance();
    const now = this.options.clock.now();
    const period = window.periodSeconds * 1000;
    return queries.map((query) => {
      const buckets = new Map<number, number>();
      for (const [minute, m] of this.minutes.get(query.functionName) ?? []) {
        // CloudWatch publishes a minute once it is over (and a little later).
        if (minute < window.start || minute >= window.end || minute + MINUTE > now) continue;
        const bucket = window.start + Math.floor((minute - window.start) / period) * period;
        const value = metricValue(m, query);
        const prev = buckets.get(bucket);
        buckets.set(bucket, prev === undefined ? value : query.stat === 'Sum' ? prev + value : Math.max(prev, value));
      }
      return { query, points: [...buckets].map(([time, value]) => ({ time, value })) };
    });
  }

  private async filterPage(request: LogPageRequest, signal?: AbortSignal): Promise<LogPage> {
    await this.latency(signal);
    this.advance();
    const now = this.options.clock.now();
    const store = this.groups.get(request.logGroup);
    if (!store) return { events: [], bytes: 2 };
    let index = request.nextToken !== undefined ? Number.parseInt(request.nextToken, 10) - store.base : lowerBound(store.events, request.start);
    if (!Number.isFinite(index) || index < 0) index = 0;
    const matches = request.filterPattern ? patternMatcher(request.filterPattern) : undefined;
    const events: LogEvent[] = [];
    let bytes = 2;
    for (; index < store.events.length; index++) {
      const stored = store.events[index] as StoredEvent;
      if (stored.event.timestamp >= request.end) break;
      if (events.length >= PAGE_EVENTS || bytes + stored.bytes > PAGE_BYTES) {
        return { events, nextToken: String(store.base + index), bytes };
      }
      if (stored.visibleAt > now) continue;
      if (request.streamPrefix && !stored.event.logStreamName.startsWith(request.streamPrefix)) continue;
      if (matches && !matches(stored.event.message)) continue;
      events.push(stored.event);
      bytes += stored.bytes;
    }
    return { events, bytes };
  }
}

function metricValue(m: MinuteMetrics, query: MetricQuery): number {
  switch (query.metric) {
    case 'Invocations':
      return m.invocations;
    case 'Errors':
      return m.errors;
    case 'Throttles':
      return m.throttles;
    case 'Duration':
      return query.stat === 'Sum' ? m.durationSum : m.durationMax;
    case 'ConcurrentExecutions':
      return m.concurrency;
  }
}

/** `?a ?"b c"` → ['a', 'b c']: OR of terms, matched as substrings (as the demo's CloudWatch does). */
/** CloudWatch's text patterns as the extension uses them: `?a ?"b c"` (any term), or `"a" b` (every term). */
function patternMatcher(pattern: string): (message: string) => boolean {
  const any = /^\s*\?/.test(pattern);
  const terms: string[] = [];
  for (const match of pattern.matchAll(/\??(?:"([^"]*)"|(\S+))/g)) terms.push(match[1] ?? match[2] ?? '');
  const nonEmpty = terms.filter((t) => t.length > 0);
  return any ? (message) => nonEmpty.some((t) => message.includes(t)) : (message) => nonEmpty.every((t) => message.includes(t));
}

function lowerBound(events: readonly StoredEvent[], time: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as StoredEvent).event.timestamp < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function jsonBytes(event: LogEvent): number {
  // The event as FilterLogEvents returns it: stream, timestamp, message, ingestion time, id.
  return event.message.length + event.logStreamName.length + (event.eventId?.length ?? 0) + 110;
}

function logicalId(name: string): string {
  return name.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase()) + 'Function';
}

/** The demo functions' handlers, as the sample workspace (test/workspace) declares them. */
const DEMO_HANDLERS: Readonly<Record<string, string>> = {
  'checkout-api': 'src/index.handler',
  'orders-worker': 'index.handler',
  'image-resizer': 'app.lambda_handler',
  'report-generator': 'com.acme.reports.Handler::handleRequest',
  notifier: 'app.handler',
};

function configOf(fn: SimulatedFunction, deployedAt: number | undefined): FunctionConfig {
  return {
    name: fn.name,
    arn: `arn:aws:lambda:${DEMO_REGION}:${ACCOUNT_ID}:function:${fn.name}`,
    runtime: fn.runtime,
    handler: DEMO_HANDLERS[fn.name] ?? (fn.runtime.startsWith('python') ? 'app.handler' : 'index.handler'),
    memoryMb: fn.memorySizeMb,
    timeoutSeconds: fn.timeoutSeconds,
    architecture: fn.architecture,
    version: '$LATEST',
    logGroup: `/aws/lambda/${fn.name}`,
    logFormat: fn.logFormat,
    packageType: 'Zip',
    lastModified: deployedAt !== undefined ? lambdaTime(deployedAt) : '2026-11-20T10:00:00.000+0000',
    codeSha256: 'demo',
    ...demoConfigFields(fn.name),
  };
}

/** Lambda's LastModified format: `2026-11-20T10:00:00.000+0000`. */
function lambdaTime(time: number): string {
  return new Date(time).toISOString().replace('Z', '+0000');
}

/** Idle functions' runtimes, as the sample workspace deploys them (legacy-cron never moved on). */
const IDLE_RUNTIMES: Readonly<Record<string, string>> = { 'legacy-cron': 'nodejs16.x' };

function idleConfig(name: string): FunctionConfig {
  return {
    name,
    arn: `arn:aws:lambda:${DEMO_REGION}:${ACCOUNT_ID}:function:${name}`,
    runtime: IDLE_RUNTIMES[name] ?? 'nodejs24.x',
    handler: 'index.handler',
    memoryMb: 128,
    timeoutSeconds: 3,
    architecture: 'x86_64',
    version: '$LATEST',
    logGroup: `/aws/lambda/${name}`,
    logFormat: 'Text',
    packageType: 'Zip',
    lastModified: '2025-03-02T08:00:00.000+0000',
    ...demoConfigFields(name),
  };
}
