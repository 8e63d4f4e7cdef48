import type { Clock, InsightsSource, LogFormat } from '../ports';
import { ApiLimits } from '../poll/apiLimits';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../poll/backoff';
import { asSourceError, retryingCall, type CallContext } from '../poll/retryingCall';
import { backfillBinMinutes, buildBackfillQuery, chunkLogGroups, parseBackfillRows, type BackfillRecord } from './insightsQuery';
import { forEachLimited } from '../concurrency';

export interface BackfillGroup {
  readonly logGroup: string;
  readonly format: LogFormat;
}

export interface BackfillOptions {
  readonly insights: InsightsSource;
  readonly clock: Clock;
  readonly groups: readonly BackfillGroup[];
  readonly start: number;
  readonly end: number;
  readonly limits?: ApiLimits;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /**
   * Queries running at once. The account allows 30 concurrent Insights queries, dashboards and
   * scheduled queries included: Lambdascope takes a few of them, never most.
   */
  readonly maxConcurrentQueries?: number;
  /** Between two GetQueryResults of one query. */
  readonly pollIntervalMs?: number;
  /** A query still running after this long is given up (its groups are reported as failed). */
  readonly queryTimeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface BackfillResult {
  /** Per function (log group) and bin, within [start, end). */
  readonly records: BackfillRecord[];
  readonly binMinutes: number;
  readonly queries: number;
  readonly bytesScanned: number;
  readonly skippedRows: number;
  /** Groups whose query failed, with why. */
  readonly failed: ReadonlyArray<{ readonly logGroups: readonly string[]; readonly reason: string }>;
}

interface Job {
  readonly format: LogFormat;
  readonly logGroups: string[];
}

/**
 * Backfill of a long window ("p99 and cold starts per function over 7 days") with CloudWatch Logs
 * Insights, AWS's own distributed query engine, instead of downloading every event: one query per
 * 50 log groups of a format, a few at a time, polled until complete.
 */
export async function runBackfill(options: BackfillOptions): Promise<BackfillResult> {
  const context: CallContext = {
    limits: options.limits ?? new ApiLimits(options.clock),
    clock: options.clock,
    random: options.random ?? Math.random,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    signal: options.signal,
  };
  const jobs: Job[] = [];
  for (const format of ['Text', 'JSON'] as const) {
    const groups = options.groups.filter((g) => g.format === format).map((g) => g.logGroup);
    for (const chunk of chunkLogGroups(groups)) jobs.push({ format, logGroups: chunk });
  }
  const largestChunk = Math.max(1, ...jobs.map((j) => j.logGroups.length));
  const binMinutes = backfillBinMinutes(options.end - options.start, largestChunk);
  const records: BackfillRecord[] = [];
  const failed: Array<{ logGroups: string[]; reason: string }> = [];
  let bytesScanned = 0;
  let skippedRows = 0;
  const runJob = async (job: Job): Promise<void> => {
    const query = buildBackfillQuery(job.format, binMinutes);
    const queryId = await retryingCall('StartQuery', () => options.insights.startQuery(job.logGroups, options.start, options.end, query, options.signal), context);
    const deadline = options.clock.now() + (options.queryTimeoutMs ?? 15 * 60_000);
    for (;;) {
      const results = await retryingCall('GetQueryResults', () => options.insights.queryResults(queryId, options.signal), context);
      if (results.status === 'Complete') {
        const parsed = parseBackfillRows(results.rows);
        skippedRows += parsed.skipped;
        bytesScanned += results.bytesScanned ?? 0;
        // StartQuery works in whole seconds, inclusive: bins outside the window are not ours.
        for (const record of parsed.records) if (record.binStart >= options.start - binMinutes * 60_000 && record.binStart < options.end) records.push(record);
        return;
      }
      if (results.status !== 'Running' && results.status !== 'Scheduled' && results.status !== 'Unknown') {
        failed.push({ logGroups: job.logGroups, reason: `the Logs Insights query ended as ${results.status}` });
        return;
      }
      if (options.clock.now() >= deadline) {
        failed.push({ logGroups: job.logGroups, reason: 'the Logs Insights query did not finish in time' });
        // A query left running keeps one of the account's 30 concurrent slots.
        await options.insights.stopQuery?.(queryId).catch(() => undefined);
        return;
      }
      try {
        await options.clock.sleep(options.pollIntervalMs ?? 1000, options.signal);
      } catch (error) {
        await options.insights.stopQuery?.(queryId).catch(() => undefined);
        throw error;
      }
    }
  };
  await forEachLimited(jobs, options.maxConcurrentQueries ?? 4, async (job) => {
    try {
      await runJob(job);
    } catch (caught) {
      const error = asSourceError(caught, 'StartQuery');
      if (error.kind === 'credentials' || error.kind === 'aborted') throw error;
      failed.push({ logGroups: job.logGroups, reason: error.message });
    }
  });
  records.sort((a, b) => a.binStart - b.binStart || (a.functionName < b.functionName ? -1 : a.functionName > b.functionName ? 1 : 0));
  return { records, binMinutes, queries: jobs.length, bytesScanned, skippedRows, failed };
}

export interface BackfillSummary {
  readonly functionName: string;
  readonly invocations: number;
  readonly coldStarts: number;
  readonly coldStartRate: number;
  readonly billedGbSeconds: number;
  readonly durationMaxMs?: number;
  /**
   * The highest p99 of any bin: percentiles of bins cannot be merged exactly, and for an objective
   * ("99% under X ms") the worst bin is what matters.
   */
  readonly worstBinP99Ms?: number;
  readonly initDurationMaxMs?: number;
}

/** Per-function totals of a backfill. */
export function summarizeBackfill(records: readonly BackfillRecord[]): BackfillSummary[] {
  const byFunction = new Map<string, BackfillRecord[]>();
  for (const r of records) byFunction.set(r.functionName, [...(byFunction.get(r.functionName) ?? []), r]);
  const max = (values: Array<number | undefined>): number | undefined => {
    const defined = values.filter((v): v is number => v !== undefined);
    return defined.length > 0 ? Math.max(...defined) : undefined;
  };
  return [...byFunction]
    .map(([functionName, rs]) => {
      const invocations = rs.reduce((s, r) => s + r.invocations, 0);
      const coldStarts = rs.reduce((s, r) => s + r.coldStarts, 0);
      return {
        functionName,
        invocations,
        coldStarts,
        coldStartRate: invocations > 0 ? coldStarts / invocations : 0,
        billedGbSeconds: rs.reduce((s, r) => s + r.billedGbSeconds, 0),
        durationMaxMs: max(rs.map((r) => r.durationMaxMs)),
        worstBinP99Ms: max(rs.map((r) => r.durationP99Ms)),
        initDurationMaxMs: max(rs.map((r) => r.initDurationMaxMs)),
      };
    })
    .sort((a, b) => (a.functionName < b.functionName ? -1 : 1));
}
