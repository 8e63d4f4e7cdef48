import { MAX_QUERIES_PER_METRIC_CALL, type MetricQuery, type MetricWindow } from '../ports';

/** Detail metrics for a function being watched closely (active or pinned). */
export const DETAIL_QUERIES: ReadonlyArray<Omit<MetricQuery, 'functionName'>> = [
  { metric: 'Invocations', stat: 'Sum' },
  { metric: 'Errors', stat: 'Sum' },
  { metric: 'Throttles', stat: 'Sum' },
  { metric: 'Duration', stat: 'Sum' },
  { metric: 'Duration', stat: 'Maximum' },
  { metric: 'ConcurrentExecutions', stat: 'Maximum' },
];

/**
 * What an idle function is scanned for: invocations, and throttles — a function whose every
 * request is throttled has no invocations at all, and would otherwise look idle.
 */
export const IDLE_QUERIES: ReadonlyArray<Omit<MetricQuery, 'functionName'>> = [
  { metric: 'Invocations', stat: 'Sum' },
  { metric: 'Throttles', stat: 'Sum' },
];

export interface MetricPlanInput {
  /** Functions watched closely: all their detail metrics, every cycle. */
  readonly detailed: readonly string[];
  /** Idle functions, scanned for IDLE_QUERIES, least recently scanned first, with the time each scan must reach back to. */
  readonly idle: ReadonlyArray<{ readonly name: string; readonly from: number }>;
  readonly now: number;
  /** How far back detail metrics are re-read (CloudWatch revises recent datapoints). */
  readonly detailFrom: number;
  readonly maxCalls: number;
}

export interface MetricCall {
  readonly queries: MetricQuery[];
  readonly window: MetricWindow;
}

export interface MetricPlan {
  readonly calls: MetricCall[];
  /** Idle functions scanned by this plan (the others wait for the next cycle). */
  readonly scannedIdle: string[];
}

const PERIOD_SECONDS = 60;

function floorToMinute(time: number): number {
  return Math.floor(time / 60_000) * 60_000;
}

/**
 * Pack a cycle's metric queries into at most `maxCalls` GetMetricData calls of 500 queries:
 * closely watched functions first (six queries each), then two queries per idle function
 * (IDLE_QUERIES), oldest scan first. An idle function that does not fit waits a cycle; its next
 * scan reaches back to where the last one ended, so no activity is missed, only noticed later.
 */
export function planMetricCalls(input: MetricPlanInput): MetricPlan {
  const capacity = input.maxCalls * MAX_QUERIES_PER_METRIC_CALL;
  const queries: Array<{ query: MetricQuery; from: number }> = [];
  for (const name of input.detailed) {
    for (const q of DETAIL_QUERIES) queries.push({ query: { functionName: name, ...q }, from: input.detailFrom });
  }
  const scannedIdle: string[] = [];
  for (const idle of input.idle) {
    if (queries.length + IDLE_QUERIES.length > capacity) break;
    for (const q of IDLE_QUERIES) queries.push({ query: { functionName: idle.name, ...q }, from: idle.from });
    scannedIdle.push(idle.name);
  }
  const calls: MetricCall[] = [];
  const end = input.now;
  for (let i = 0; i < queries.length && calls.length < input.maxCalls; i += MAX_QUERIES_PER_METRIC_CALL) {
    const chunk = queries.slice(i, i + MAX_QUERIES_PER_METRIC_CALL);
    const from = floorToMinute(Math.min(...chunk.map((c) => c.from)));
    calls.push({ queries: chunk.map((c) => c.query), window: { start: Math.min(from, floorToMinute(end) - 60_000), end, periodSeconds: PERIOD_SECONDS } });
  }
  return { calls, scannedIdle };
}
