import { MAX_QUERIES_PER_METRIC_CALL, type MetricQuery, type MetricWindow } from '../ports';

type QueryShape = Omit<MetricQuery, 'functionName'>;

/** The counts of a function being watched closely: what tells activity, failures and throttling. */
export const COUNT_QUERIES: ReadonlyArray<QueryShape> = [
  { metric: 'Invocations', stat: 'Sum' },
  { metric: 'Errors', stat: 'Sum' },
  { metric: 'Throttles', stat: 'Sum' },
];

/** The rest of its detail: durations and concurrency (the logs of an active function tell durations too). */
export const DURATION_QUERIES: ReadonlyArray<QueryShape> = [
  { metric: 'Duration', stat: 'Sum' },
  { metric: 'Duration', stat: 'Maximum' },
  { metric: 'ConcurrentExecutions', stat: 'Maximum' },
];

/** Detail metrics for a function being watched closely (active or pinned). */
export const DETAIL_QUERIES: ReadonlyArray<QueryShape> = [...COUNT_QUERIES, ...DURATION_QUERIES];

/**
 * What an idle function is scanned for: invocations, and throttles — a function whose every
 * request is throttled has no invocations at all, and would otherwise look idle.
 */
export const IDLE_QUERIES: ReadonlyArray<QueryShape> = [
  { metric: 'Invocations', stat: 'Sum' },
  { metric: 'Throttles', stat: 'Sum' },
];

/** Share of a cycle's queries kept for idle scans, however many functions are active: a quarter (125 idle functions). */
const IDLE_SHARE = 1 / 4;
/** Share of the active functions' room kept for durations when not everything fits: they never starve. */
const DURATIONS_SHARE = 1 / 5;
/** A read in turn reaches back this far before the last one ended: CloudWatch revises recent datapoints. */
const REVISION_MS = 10 * 60_000;

/** A function watched closely, with when its metrics were last read (undefined: not yet since it became active). */
export interface ActiveFunction {
  readonly name: string;
  /** Read first, every cycle (someone is looking at it). */
  readonly pinned?: boolean;
  readonly countsReadAt?: number;
  readonly durationsReadAt?: number;
}

export interface MetricPlanInput {
  /** Functions watched closely: their detail metrics, every cycle when they fit, else in turn. */
  readonly detailed: readonly ActiveFunction[];
  /** Idle functions, scanned for IDLE_QUERIES, least recently scanned first, with the time each scan must reach back to. */
  readonly idle: ReadonlyArray<{ readonly name: string; readonly from: number }>;
  readonly now: number;
  /** How far back detail metrics are re-read (CloudWatch revises recent datapoints). */
  readonly detailFrom: number;
  /** A read in turn never reaches back further than this (default: no limit). */
  readonly earliestFrom?: number;
  readonly maxCalls: number;
}

export interface MetricCall {
  readonly queries: MetricQuery[];
  readonly window: MetricWindow;
}

/** How often each kind of function gets its metrics read under this plan, in cycles (1: every cycle). */
export interface MetricCoverage {
  readonly active: number;
  readonly countsEvery: number;
  readonly durationsEvery: number;
  readonly idle: number;
  readonly idleEvery: number;
}

export interface MetricPlan {
  readonly calls: MetricCall[];
  /** Idle functions scanned by this plan (the others wait for the next cycle). */
  readonly scannedIdle: string[];
  /** Active functions whose counts (COUNT_QUERIES) this plan reads. */
  readonly counted: string[];
  /** Active functions whose durations (DURATION_QUERIES) this plan reads: always counted ones too. */
  readonly durationsRead: string[];
  readonly coverage: MetricCoverage;
}

const PERIOD_SECONDS = 60;

function floorToMinute(time: number): number {
  return Math.floor(time / 60_000) * 60_000;
}

/** Pinned first, then the least recently read (never read first); the rest keep their order. */
function inTurn(functions: readonly ActiveFunction[], readAt: (f: ActiveFunction) => number | undefined): ActiveFunction[] {
  const key = (f: ActiveFunction): number => readAt(f) ?? Number.NEGATIVE_INFINITY;
  return [...functions].sort((a, b) => Number(b.pinned === true) - Number(a.pinned === true) || key(a) - key(b));
}

/** How many active functions get their counts, and how many their durations, in `room` queries. */
function activeShares(active: number, room: number): { counts: number; durations: number } {
  const c = COUNT_QUERIES.length;
  const d = DURATION_QUERIES.length;
  if (active * (c + d) <= room) return { counts: active, durations: active };
  const durationsKept = Math.min(active, Math.floor((room * DURATIONS_SHARE) / d));
  const counts = Math.min(active, Math.floor((room - durationsKept * d) / c));
  return { counts, durations: Math.min(counts, Math.floor((room - counts * c) / d)) };
}

function cyclesFor(total: number, perCycle: number): number {
  if (total === 0) return 1;
  return perCycle > 0 ? Math.ceil(total / perCycle) : Number.POSITIVE_INFINITY;
}

/**
 * Pack a cycle's metric queries into at most `maxCalls` GetMetricData calls of 500 queries. Idle
 * scans always keep a quarter of the room (a function that wakes up is noticed within a few
 * cycles, however busy the account). Active functions get six queries each when they all fit;
 * else every one gets its counts (three) and the rest of the room goes to durations, in turn; and
 * when even the counts do not fit, they too are read in turn, least recently read first. A read
 * in turn reaches back to where the previous one ended, so nothing is missed, only read later.
 * Idle functions fill what is left, oldest scan first; one that does not fit waits a cycle.
 */
export function planMetricCalls(input: MetricPlanInput): MetricPlan {
  const capacity = input.maxCalls * MAX_QUERIES_PER_METRIC_CALL;
  const idleRoom = Math.min(input.idle.length * IDLE_QUERIES.length, Math.floor(capacity * IDLE_SHARE));
  const shares = activeShares(input.detailed.length, capacity - idleRoom);
  const counted = inTurn(input.detailed, (f) => f.countsReadAt).slice(0, shares.counts);
  const durationsRead = inTurn(counted, (f) => f.durationsReadAt).slice(0, shares.durations);
  const rereadFrom = (readAt: number | undefined): number =>
    readAt === undefined ? input.detailFrom : Math.max(input.earliestFrom ?? Number.NEGATIVE_INFINITY, Math.min(input.detailFrom, readAt - REVISION_MS));
  const queries: Array<{ query: MetricQuery; from: number }> = [];
  for (const f of counted) for (const q of COUNT_QUERIES) queries.push({ query: { functionName: f.name, ...q }, from: rereadFrom(f.countsReadAt) });
  for (const f of durationsRead) for (const q of DURATION_QUERIES) queries.push({ query: { functionName: f.name, ...q }, from: rereadFrom(f.durationsReadAt) });
  const scannedIdle: string[] = [];
  for (const idle of input.idle) {
    if (queries.length + IDLE_QUERIES.length > capacity) break;
    for (const q of IDLE_QUERIES) queries.push({ query: { functionName: idle.name, ...q }, from: idle.from });
    scannedIdle.push(idle.name);
  }
  const coverage: MetricCoverage = {
    active: input.detailed.length,
    countsEvery: cyclesFor(input.detailed.length, counted.length),
    durationsEvery: cyclesFor(input.detailed.length, durationsRead.length),
    idle: input.idle.length,
    idleEvery: cyclesFor(input.idle.length, scannedIdle.length),
  };
  return { calls: packCalls(queries, input.now, input.maxCalls), scannedIdle, counted: counted.map((f) => f.name), durationsRead: durationsRead.map((f) => f.name), coverage };
}

/** Calls of up to 500 queries, each reaching back to its earliest query's start, in whole minutes. */
function packCalls(queries: ReadonlyArray<{ query: MetricQuery; from: number }>, end: number, maxCalls: number): MetricCall[] {
  const calls: MetricCall[] = [];
  for (let i = 0; i < queries.length && calls.length < maxCalls; i += MAX_QUERIES_PER_METRIC_CALL) {
    const chunk = queries.slice(i, i + MAX_QUERIES_PER_METRIC_CALL);
    const from = floorToMinute(Math.min(...chunk.map((c) => c.from)));
    calls.push({ queries: chunk.map((c) => c.query), window: { start: Math.min(from, floorToMinute(end) - 60_000), end, periodSeconds: PERIOD_SECONDS } });
  }
  return calls;
}
