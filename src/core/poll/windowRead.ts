import type { Analyzer } from '../analysis/analyzer';
import { MAX_QUERIES_PER_METRIC_CALL, type AccountSources, type Clock, type FunctionConfig } from '../ports';
import { ApiLimits, type ApiOperation } from './apiLimits';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { filterPatternFor } from './filterPattern';
import { deliverEvent, soleWriterOf } from './logDelivery';
import { LogCursor } from './logCursor';
import { MetricPoints, type MetricTotals } from './metricHistory';
import { DETAIL_QUERIES } from './metricPlan';
import { asSourceError, retryingCall, type CallContext } from './retryingCall';
import type { FunctionProblem } from './accountPoller';

export interface WindowReadOptions {
  readonly sources: AccountSources;
  readonly analyzer: Analyzer;
  readonly clock: Clock;
  readonly start: number;
  readonly end: number;
  /** Only these functions (default: all). */
  readonly only?: ReadonlySet<string>;
  readonly narrowLogs?: boolean;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  readonly limits?: ApiLimits;
  readonly signal?: AbortSignal;
  /** Told as each function's logs are read (progress). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface WindowFunction {
  readonly config: FunctionConfig;
  readonly metrics: MetricTotals;
  /** The logs were read (the function had invocations in the window, or was named). */
  readonly logsRead: boolean;
  readonly problem?: FunctionProblem;
}

export interface WindowReadResult {
  readonly functions: WindowFunction[];
  readonly calls: Partial<Record<ApiOperation, number>>;
  readonly bytesDownloaded: number;
  readonly eventsRead: number;
  /** Problems that did not stop the read (metrics unavailable, a denied log group). */
  readonly problems: string[];
  /** Functions named with `only` that the account does not have. */
  readonly unknownFunctions: string[];
}

/**
 * One read of a fixed window, for `lambdascope report`: every function's metrics, and the logs of
 * those with invocations in the window (or named), with the poller's rate limits, backoff and
 * exactly-once delivery. Throws a SourceError only when nothing can be read at all.
 */
export async function readWindow(options: WindowReadOptions): Promise<WindowReadResult> {
  const limits = options.limits ?? new ApiLimits(options.clock);
  const context: CallContext = {
    limits,
    clock: options.clock,
    random: options.random ?? Math.random,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    signal: options.signal,
  };
  const problems: string[] = [];
  const all = await retryingCall('ListFunctions', () => options.sources.catalog.listFunctions(options.signal, () => limits.acquire('ListFunctions', options.signal)), context);
  const only = options.only;
  const configs = all.filter((c) => !only || only.has(c.name));
  const unknownFunctions = only ? [...only].filter((name) => !all.some((c) => c.name === name)) : [];
  const histories = new Map(configs.map((c) => [c.name, new MetricPoints()]));
  const period = metricPeriodSeconds(options.start, options.clock.now());
  const window = { start: Math.floor(options.start / (period * 1000)) * period * 1000, end: options.end, periodSeconds: period };
  let metricsKnown = true;
  try {
    const queries = configs.flatMap((c) => DETAIL_QUERIES.map((q) => ({ functionName: c.name, ...q })));
    for (let i = 0; i < queries.length; i += MAX_QUERIES_PER_METRIC_CALL) {
      const batch = queries.slice(i, i + MAX_QUERIES_PER_METRIC_CALL);
      const series = await retryingCall('GetMetricData', () => options.sources.metrics.getMetrics(batch, window, options.signal, () => limits.acquire('GetMetricData', options.signal)), context);
      for (const s of series) histories.get(s.query.functionName)?.record(s);
    }
  } catch (caught) {
    const error = asSourceError(caught, 'GetMetricData');
    if (error.kind === 'credentials' || error.kind === 'aborted') throw error;
    metricsKnown = false;
    problems.push(`metrics unavailable, reading every function's logs (${error.message})`);
  }
  const totals = (name: string): MetricTotals => (histories.get(name) as MetricPoints).totals(window.start, options.end + 1);
  // Without metrics, or when a function is named, its logs are read whatever the metrics say.
  const toRead = configs.filter((c) => !metricsKnown || only?.has(c.name) || totals(c.name).invocations > 0);
  const groups = new Map<string, FunctionConfig[]>();
  for (const c of toRead) groups.set(c.logGroup, [...(groups.get(c.logGroup) ?? []), c]);
  const problemOf = new Map<string, FunctionProblem>();
  let bytes = 0;
  let events = 0;
  let done = 0;
  for (const [group, fns] of groups) {
    // One window read once: nothing to overlap, complete at its end.
    const cursor = new LogCursor(group, { overlapMs: 0, lagMs: 0 });
    const single = soleWriterOf(group, all);
    const pattern = options.narrowLogs === false ? undefined : filterPatternFor();
    const span = options.end - options.start;
    try {
      for (;;) {
        const w = cursor.window(options.end, span, span);
        if (!w) break;
        const page = await retryingCall(
          'FilterLogEvents',
          () => options.sources.logs.filterPage({ logGroup: group, start: w.start, end: w.end, filterPattern: pattern, nextToken: w.nextToken }, options.signal),
          context,
        );
        bytes += page.bytes;
        for (const event of page.events) {
          if (!cursor.admit(event)) continue;
          events++;
          deliverEvent(options.analyzer, event, single);
        }
        cursor.pageRead(page.nextToken);
        if (cursor.caughtUp(options.end)) break;
      }
    } catch (caught) {
      const error = asSourceError(caught, 'FilterLogEvents');
      if (error.kind === 'credentials' || error.kind === 'aborted') throw error;
      const problem: FunctionProblem = { kind: error.kind, message: error.message, permission: error.details.permission };
      for (const f of fns) problemOf.set(f.name, problem);
      problems.push(`${fns.map((f) => f.name).join(', ')}: ${error.message}`);
    }
    options.onProgress?.(++done, groups.size);
  }
  options.analyzer.flush();
  const read = new Set(toRead.map((c) => c.name));
  return {
    functions: configs.map((config) => ({ config, metrics: totals(config.name), logsRead: read.has(config.name) && !problemOf.has(config.name), problem: problemOf.get(config.name) })),
    calls: limits.callCounts(),
    bytesDownloaded: bytes,
    eventsRead: events,
    problems,
    unknownFunctions,
  };
}


/**
 * CloudWatch keeps 1-minute datapoints for 15 days, 5-minute ones for 63 days, then hourly ones:
 * a period finer than the data's age returns nothing at all.
 */
export function metricPeriodSeconds(start: number, now: number): number {
  const age = now - start;
  if (age > 63 * 86_400_000) return 3600;
  if (age > 15 * 86_400_000) return 300;
  return 60;
}
