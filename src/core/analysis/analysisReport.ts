import type { IssueState } from '../issues/issueStates';
import type { FunctionConfig, FunctionSettings } from '../ports';
import { hasPricesFor, type Architecture, type FreeTier, type PriceTable } from '../cost/priceTable';
import { formatCount, formatSpan } from '../health/figureText';
import { freeTierEligible, monthLengthMs, monthlyAccountCost, projectToMonth, type FunctionCost, type FunctionUsage } from '../cost/lambdaCost';
import { arm64WhatIf, memoryWhatIf } from '../cost/whatIf';
import type { IssueKind } from '../issues/errorKind';
import { QuantileSketch, type Percentiles } from '../stats/quantileSketch';
import { MINUTE, type TimeWindow } from '../stats/bucketSeries';
import type { StatsBucket } from '../stats/statsBucket';
import type { Analyzer } from './analyzer';
import type { FunctionMonitor } from './functionMonitor';
import { functionPart, type FunctionPart } from './functionPart';
import type { IssueFigures } from '../issues/issueTracker';

export interface PercentileReport {
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly min: number;
  readonly mean: number;
  readonly count: number;
}

export interface IssueReport {
  readonly fingerprint: string;
  /** What the team decided (when issue states are kept; absent means open). */
  readonly state?: IssueState;
  readonly title: string;
  readonly errorType: string;
  readonly kind: IssueKind;
  readonly handled: boolean;
  readonly dependency?: string;
  readonly culprit?: string;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly requestIds: readonly string[];
  readonly message: string;
  readonly stack: readonly string[];
}

export interface OutlierReport {
  readonly requestId: string;
  readonly time: number;
  readonly durationMs: number;
  readonly coldStart: boolean;
  readonly logStream: string;
  readonly reason: 'aboveP99' | 'overThreshold';
}

/** A cost split by what is billed. */
export interface CostParts {
  readonly requestUsd: number;
  readonly computeUsd: number;
  readonly provisionedUsd: number;
  readonly ephemeralUsd: number;
}

/** The logs a month projection is scaled from. */
export interface Coverage {
  /** When the logs counted begin: the window's start, or later when logs were first read later, or earlier when whole buckets counted reach before the window. */
  readonly from: number;
  /** The window's end. */
  readonly to: number;
  /** What the usage is scaled by to a month: `to − from`, at least MIN_COVERAGE_MS (or the window, when shorter). */
  readonly ms: number;
}

export interface FunctionCostReport {
  /** List price of the window's usage (no free tier). */
  readonly windowUsd: number;
  /** The traffic of the logs covered (see `coverage`) repeated all month, the account's free tier shared out. */
  readonly projectedMonthUsd: number;
  /** The logs the month is projected from (absent when the report has no window: no events at all). */
  readonly coverage?: Coverage;
  readonly architecture: Architecture;
  readonly requests: number;
  readonly gbSeconds: number;
  readonly month: CostParts & { readonly requests: number; readonly gbSeconds: number };
  /** This function's part of the account's projected Lambda cost (0–1). */
  readonly shareOfAccount: number;
  /** What the same month would cost otherwise (list prices, before the free tier). */
  readonly whatIf: {
    readonly arm64?: { readonly usd: number; readonly savingsUsd: number; readonly assumption: string };
    readonly memory?: { readonly memoryMb: number; readonly usd: number; readonly savingsUsd: number; readonly assumption: string };
  };
}

/** What a function is configured with, as far as cost goes. */
export interface CostConfig {
  readonly architecture: Architecture;
  readonly memoryMb?: number;
  readonly ephemeralStorageMb?: number;
  readonly provisionedConcurrency?: number;
}

/** The cost configuration from what ListFunctions and the settings calls returned. */
export function costConfigOf(config: FunctionConfig, settings?: FunctionSettings): CostConfig {
  return {
    architecture: config.architecture,
    memoryMb: config.memoryMb,
    ...(config.ephemeralStorageMb !== undefined ? { ephemeralStorageMb: config.ephemeralStorageMb } : {}),
    ...(settings?.provisionedConcurrency ? { provisionedConcurrency: settings.provisionedConcurrency } : {}),
  };
}

export interface FunctionReport {
  readonly name: string;
  readonly invocations: number;
  /** Failed invocations of every kind: includes timeouts, out-of-memory kills, init errors, crashes. */
  readonly errors: number;
  readonly timeouts: number;
  readonly outOfMemory: number;
  readonly initErrors: number;
  readonly crashes: number;
  readonly coldStarts: number;
  readonly snapStartRestores: number;
  readonly handledErrors: number;
  readonly errorRate: number;
  readonly coldStartRate: number;
  readonly durationMs: PercentileReport | null;
  readonly warmDurationMs: PercentileReport | null;
  readonly coldDurationMs: PercentileReport | null;
  readonly initDurationMs: PercentileReport | null;
  readonly restoreDurationMs: PercentileReport | null;
  readonly billedGbSeconds: number;
  readonly memorySizeMb: number | null;
  readonly maxMemoryUsedMb: number | null;
  readonly latency: {
    readonly thresholdMs?: number;
    readonly overThreshold?: number;
    /** Share of invocations over the threshold, against the 1% a "99% under X ms" objective allows. */
    readonly overThresholdShare?: number;
    readonly objectiveBudgetShare: number;
    readonly outliers: readonly OutlierReport[];
  };
  readonly cost: FunctionCostReport;
  readonly issues: readonly IssueReport[];
  /** Invocations still running (no REPORT, no failure) when the logs ended. */
  readonly incomplete: number;
  readonly duplicateEvents: number;
  /** Events older than the de-duplication horizon of their stream: processed, but not checked for repeats. */
  readonly lateEvents: number;
  readonly invalidTimestamps: number;
  /** Invocations older than the retention (minutes → hours → days) that were not kept. */
  readonly droppedInvocations: number;
  /** Occurrences not grouped because the function already had the maximum number of distinct issues. */
  readonly issueOverflow: number;
}

export interface AnalysisReport {
  readonly window: { readonly from: number; readonly to: number } | undefined;
  readonly functions: readonly FunctionReport[];
  readonly cost: {
    readonly region: string;
    /** The region whose prices were used (the default region when the table has none for `region`). */
    readonly pricedAs: string;
    readonly windowUsd: number;
    readonly projectedMonthUsd: number;
    readonly freeTierApplied: { readonly requests: number; readonly gbSeconds: number };
    /** The monthly free tier against the projected month: used and left. */
    readonly freeTier: { readonly requests: { readonly used: number; readonly left: number }; readonly gbSeconds: { readonly used: number; readonly left: number } };
    readonly month: CostParts & { readonly requests: number; readonly gbSeconds: number };
    /** The projected month's usage the free tier can apply to (every request; on-demand GB-seconds, not provisioned). */
    readonly freeTierEligible: { readonly requests: number; readonly gbSeconds: number };
    /** The logs the month is projected from (a function's own can reach a bucket further back: see its cost). */
    readonly coverage?: Coverage;
    readonly assumptions: readonly string[];
  };
}

export interface ReportOptions {
  readonly window?: TimeWindow;
  readonly prices: PriceTable;
  readonly region?: string;
  /** Architecture, memory, ephemeral storage and provisioned concurrency, when the configuration is known. */
  readonly costConfigOf?: (functionName: string) => CostConfig | undefined;
  readonly maxOutliers?: number;
  /** The part of the account's monthly free tier this report's region gets (default: all of it). */
  readonly freeTier?: FreeTier;
  /**
   * When logs were first read (a watch reads only its lookback when it starts): nothing before it
   * is known, so the month is projected from this time on, not from the window's start. Default:
   * the logs cover the window (and, when invocations before it were counted, their buckets).
   */
  readonly dataFrom?: number;
}

/** The region whose prices apply: the requested one if the table has it, else the default. */
function pricedRegion(options: ReportOptions): string {
  const region = options.region ?? options.prices.defaultRegion;
  return hasPricesFor(options.prices, region) ? region : options.prices.defaultRegion;
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function percentileReport(p: Percentiles | undefined): PercentileReport | null {
  if (!p) return null;
  return { p50: round(p.p50), p90: round(p.p90), p95: round(p.p95), p99: round(p.p99), max: round(p.max), min: round(p.min), mean: round(p.mean), count: p.count };
}

function mergedPercentiles(a: QuantileSketch, b: QuantileSketch): Percentiles | undefined {
  if (b.count === 0) return a.percentiles();
  if (a.count === 0) return b.percentiles();
  const all = new QuantileSketch();
  all.merge(a);
  all.merge(b);
  return all.percentiles();
}

function issueReports(issues: readonly IssueFigures[], window: TimeWindow | undefined): IssueReport[] {
  return issues
    .filter((i) => !window || (i.lastSeen >= window.from && i.firstSeen < window.to))
    .sort((a, b) => b.count - a.count || a.firstSeen - b.firstSeen || (a.fingerprint < b.fingerprint ? -1 : 1))
    .map((i) => ({
      fingerprint: i.fingerprint,
      title: i.title,
      errorType: i.errorType,
      kind: i.kind,
      handled: i.handled,
      dependency: i.dependency,
      culprit: i.culprit,
      count: i.count,
      firstSeen: i.firstSeen,
      lastSeen: i.lastSeen,
      requestIds: [...i.requestIds],
      message: i.message,
      stack: [...i.stack],
    }));
}

/** The figures for every function over a window (default: everything retained). */
export function buildAnalysisReport(analyzer: Analyzer, options: ReportOptions): AnalysisReport {
  const monitors = analyzer.functions();
  const window = reportWindow(monitors, options);
  return assembleReport(
    monitors.map((m) => functionFigures(m, window, options)),
    window,
    options,
  );
}

/** The time span of events seen by these monitors. */
export interface EventSpan {
  readonly firstEventTime: number;
  readonly lastEventTime: number;
}

/** The window a report covers: the one asked for, else from the first event seen to the last. */
export function reportWindow(spans: readonly EventSpan[], options: Pick<ReportOptions, 'window'>): TimeWindow | undefined {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const m of spans) {
    from = Math.min(from, m.firstEventTime);
    to = Math.max(to, m.lastEventTime);
  }
  return options.window ?? (Number.isFinite(from) ? { from, to: to + 1 } : undefined);
}

/** One function's part of a report, all but its cost (which depends on the whole account). */
export interface FunctionFigures {
  readonly report: FunctionReport;
  readonly usage: FunctionUsage;
  /** The logs its usage is from (undefined without a window). */
  readonly coverage: Coverage | undefined;
}

/**
 * Less than this of logs is scaled up to a month as if it were this long (a first few seconds of
 * traffic would otherwise project wildly), unless the window itself is shorter: 5 minutes is
 * under the shortest window shown (15 min), so a watch's projection is exact once it has read
 * 5 minutes of logs, and an estimate from less errs low rather than by thousands of times.
 */
export const MIN_COVERAGE_MS = 5 * MINUTE;

/**
 * The span a window's figures cover: from `dataFrom` (when logs were first read) or the window's
 * start, whichever is later; back to the earliest bucket counted when invocations before the
 * window were counted (whole buckets: see BucketSeries.summarize); to the window's end (no logs
 * after it are held: a watch's window ends now, a file's at its last event, a report's where it read).
 */
export function coverageOf(summary: Pick<StatsBucket, 'coversFrom' | 'firstTime'>, window: TimeWindow, dataFrom?: number): Coverage {
  const start = summary.firstTime < window.from ? Math.min(summary.coversFrom, window.from) : window.from;
  const from = Math.min(window.to, Math.max(start, dataFrom ?? Number.NEGATIVE_INFINITY));
  const floor = Math.min(MIN_COVERAGE_MS, Math.max(window.to - window.from, MINUTE));
  return { from, to: window.to, ms: Math.max(window.to - from, floor) };
}

/** Nothing counted: the logs' own coverage of the window (for the account as a whole). */
const NOTHING_COUNTED = { coversFrom: Number.POSITIVE_INFINITY, firstTime: Number.POSITIVE_INFINITY };

/** One function's figures over `window`; `assembleReport` adds costs. */
export function functionFigures(monitor: FunctionMonitor, window: TimeWindow | undefined, options: Omit<ReportOptions, 'prices' | 'region'>): FunctionFigures {
  return partFigures(functionPart(monitor, window), window, options);
}

/**
 * A function's figures from its part (see FunctionPart: the merged parts of an analysis split over
 * threads give exactly the figures of one analysis).
 */
export function partFigures(part: FunctionPart, window: TimeWindow | undefined, options: Omit<ReportOptions, 'prices' | 'region'>): FunctionFigures {
  const bucket = part.summary;
  const config = options.costConfigOf?.(part.name);
  const architecture: Architecture = config?.architecture ?? 'x86_64';
  const maxOutliers = options.maxOutliers ?? 10;
  const all = mergedPercentiles(bucket.warm, bucket.cold);
  const threshold = part.thresholdMs;
  const p99 = all?.p99;
  const outliers: OutlierReport[] = bucket.slowest
    .filter((s) => (!window || (s.time >= window.from && s.time < window.to)) && ((p99 !== undefined && s.durationMs > p99) || (threshold !== undefined && s.durationMs > threshold)))
    .slice(0, maxOutliers)
    .map((s) => ({ ...s, durationMs: round(s.durationMs), reason: p99 !== undefined && s.durationMs > p99 ? 'aboveP99' : 'overThreshold' }));
  const n = bucket.invocations;
  const report: FunctionReport = {
    name: part.name,
    invocations: n,
    errors: bucket.failures,
    timeouts: bucket.timeouts,
    outOfMemory: bucket.outOfMemory,
    initErrors: bucket.initErrors,
    crashes: bucket.crashes,
    coldStarts: bucket.coldStarts,
    snapStartRestores: bucket.snapStartRestores,
    handledErrors: bucket.handledErrors,
    errorRate: n > 0 ? round(bucket.failures / n, 4) : 0,
    coldStartRate: n > 0 ? round(bucket.coldStarts / n, 4) : 0,
    durationMs: percentileReport(all),
    warmDurationMs: percentileReport(bucket.warm.percentiles()),
    coldDurationMs: percentileReport(bucket.cold.percentiles()),
    initDurationMs: percentileReport(bucket.init.percentiles()),
    restoreDurationMs: percentileReport(bucket.restore.percentiles()),
    billedGbSeconds: round(bucket.gbSeconds, 4),
    memorySizeMb: bucket.memorySizeMb || null,
    maxMemoryUsedMb: bucket.maxMemoryUsedMb || null,
    latency: {
      thresholdMs: threshold,
      overThreshold: threshold !== undefined ? bucket.overThreshold : undefined,
      overThresholdShare: threshold !== undefined && n > 0 ? round(bucket.overThreshold / n, 4) : undefined,
      objectiveBudgetShare: 0.01,
      outliers,
    },
    // Filled in by assembleReport (the key stays here, so that printed reports keep their order).
    cost: NO_COST,
    issues: issueReports(part.issues, window),
    incomplete: part.incomplete,
    duplicateEvents: part.duplicates,
    lateEvents: part.late,
    invalidTimestamps: part.invalidTimestamps,
    droppedInvocations: part.droppedInvocations,
    issueOverflow: part.issueOverflow,
  };
  const memoryMb = config?.memoryMb ?? (bucket.memorySizeMb || undefined);
  return {
    report,
    coverage: window ? coverageOf(bucket, window, options.dataFrom) : undefined,
    usage: {
      functionName: part.name,
      architecture,
      requests: bucket.invocations,
      gbSeconds: bucket.gbSeconds,
      ...(memoryMb ? { memoryMb } : {}),
      ...(config?.ephemeralStorageMb ? { ephemeralStorageMb: config.ephemeralStorageMb } : {}),
      ...(config?.provisionedConcurrency ? { provisionedConcurrency: config.provisionedConcurrency } : {}),
    },
  };
}

/** A function's usage over a month of `monthMs`, scaled from the logs its figures cover (not the window: see coverageOf). */
function monthUsageOf(f: FunctionFigures, monthMs: number): FunctionUsage {
  return projectToMonth(f.usage, f.coverage?.ms ?? MINUTE, monthMs);
}

/** The projected month's usage the free tier can apply to, from the functions' figures (see freeTierEligible). */
export function projectedFreeTierEligible(figures: readonly FunctionFigures[], window: TimeWindow | undefined): FreeTier {
  const month = monthLengthMs(window?.to ?? 0);
  return freeTierEligible(figures.map((f) => monthUsageOf(f, month)));
}

/** The report from every function's figures (in the order given): costs across the account. */
export function assembleReport(figures: readonly FunctionFigures[], window: TimeWindow | undefined, options: ReportOptions): AnalysisReport {
  const month = monthLengthMs(window?.to ?? 0);
  // The window's own cost keeps provisioned concurrency enabled the whole window (it is billed whether logs were read or not).
  const windowMs = window ? Math.max(window.to - window.from, MINUTE) : MINUTE;
  const usage = figures.map((f) => f.usage);
  const windowCost = monthlyAccountCost(usage, options.prices, options.region, false, windowMs);
  const monthUsage = figures.map((f) => monthUsageOf(f, month));
  const coverage = window ? coverageOf(NOTHING_COUNTED, window, options.dataFrom) : undefined;
  const free = options.freeTier ?? options.prices.freeTier;
  const projected = monthlyAccountCost(monthUsage, options.prices, options.region, true, month, free);
  const functions = figures.map(({ report, usage: u, coverage: covered }, index): FunctionReport => {
    const m = projected.functions[index];
    const mu = monthUsage[index] as FunctionUsage;
    // What-ifs only for functions with traffic (an idle function's would be dropped below).
    const busy = u.requests > 0;
    const arm = busy ? arm64WhatIf(mu, options.prices, options.region, month) : undefined;
    const mem = busy && u.memoryMb ? memoryWhatIf(mu, u.memoryMb, report.maxMemoryUsedMb ?? undefined, options.prices, options.region, month) : undefined;
    return {
      ...report,
      cost: {
        windowUsd: round(windowCost.functions[index]?.totalUsd ?? 0, 6),
        projectedMonthUsd: round(m?.totalUsd ?? 0, 4),
        ...(covered ? { coverage: covered } : {}),
        architecture: u.architecture,
        requests: u.requests,
        gbSeconds: round(u.gbSeconds, 4),
        month: { requests: Math.round(mu.requests), gbSeconds: round(mu.gbSeconds, 2), ...parts(m) },
        shareOfAccount: projected.totalUsd > 0 ? round((m?.totalUsd ?? 0) / projected.totalUsd, 4) : 0,
        whatIf: {
          ...(arm ? { arm64: { usd: round(arm.arm64Usd, 4), savingsUsd: round(arm.savingsUsd, 4), assumption: arm.assumption } } : {}),
          ...(mem && mem.memoryMb !== mem.currentMemoryMb ? { memory: { memoryMb: mem.memoryMb, usd: round(mem.usd, 4), savingsUsd: round(mem.savingsUsd, 4), assumption: mem.assumption } } : {}),
        },
      },
    };
  });
  const region = options.region ?? options.prices.defaultRegion;
  const pricedAs = pricedRegion(options);
  const eligible = freeTierEligible(monthUsage);
  const freeUsed = { requests: Math.round(projected.freeRequestsUsed), gbSeconds: round(projected.freeGbSecondsUsed, 2) };
  const sum = (key: keyof CostParts): number => functions.reduce((n, f) => n + f.cost.month[key], 0);
  return {
    window,
    functions,
    cost: {
      region,
      pricedAs,
      windowUsd: round(windowCost.totalUsd, 6),
      projectedMonthUsd: round(projected.totalUsd, 4),
      freeTierApplied: freeUsed,
      freeTierEligible: { requests: Math.round(eligible.requests), gbSeconds: round(eligible.gbSeconds, 2) },
      ...(coverage ? { coverage } : {}),
      freeTier: {
        requests: { used: freeUsed.requests, left: Math.round(free.requests - projected.freeRequestsUsed) },
        gbSeconds: { used: freeUsed.gbSeconds, left: round(free.gbSeconds - projected.freeGbSecondsUsed, 2) },
      },
      month: { requests: Math.round(projected.requests), gbSeconds: round(projected.gbSeconds, 2), requestUsd: round(sum('requestUsd'), 4), computeUsd: round(sum('computeUsd'), 4), provisionedUsd: round(sum('provisionedUsd'), 4), ephemeralUsd: round(sum('ephemeralUsd'), 4) },
      assumptions: [
        `Window cost is list price without the free tier; the month projection repeats ${coverage ? `the traffic of the ${coverageText(coverage, window)}` : "the window's traffic"} for the whole month and applies the free tier across the account's functions${options.freeTier ? `, this region getting its share of the account's free tier (${formatCount(Math.round(free.gbSeconds))} GB-s, ${formatCount(Math.round(free.requests))} requests: the account's regions share it in proportion to their projected usage)` : ' (shown for this region alone: the free tier is shared by all regions of an account)'}.`,
        `Architecture x86_64 unless configured; prices for ${pricedAs}${pricedAs === region ? '' : ` (no price table for ${region})`}.`,
        ...(usage.some((u) => (u.provisionedConcurrency ?? 0) > 0) ? ['Provisioned concurrency: enabled all period, every invocation served by it (spillover to on-demand not told apart).'] : []),
        'What-if figures: list prices for the projected month before the free tier; durations assumed unchanged.',
      ],
    },
  };
}

/** "1 h of logs", or, read for less than the window, "1 h of logs read (from 2026-11-26 11:00 UTC; the window is 24 h)". */
export function coverageText(coverage: Coverage, window: TimeWindow | undefined): string {
  const span = `${formatSpan(coverage.to - coverage.from)} of logs`;
  const scaled = coverage.ms > coverage.to - coverage.from ? `, counted as ${formatSpan(coverage.ms)}` : '';
  if (!window || coverage.from <= window.from) return `${span}${scaled}`;
  const since = new Date(coverage.from).toISOString().slice(0, 16).replace('T', ' ');
  return `${span} read (from ${since} UTC; the window is ${formatSpan(window.to - window.from)}${scaled})`;
}

const NO_COST: FunctionCostReport = { windowUsd: 0, projectedMonthUsd: 0, architecture: 'x86_64', requests: 0, gbSeconds: 0, month: { requests: 0, gbSeconds: 0, requestUsd: 0, computeUsd: 0, provisionedUsd: 0, ephemeralUsd: 0 }, shareOfAccount: 0, whatIf: {} };

function parts(cost: FunctionCost | undefined): CostParts {
  return { requestUsd: round(cost?.requestCostUsd ?? 0, 4), computeUsd: round(cost?.computeCostUsd ?? 0, 4), provisionedUsd: round(cost?.provisionedCostUsd ?? 0, 4), ephemeralUsd: round(cost?.ephemeralCostUsd ?? 0, 4) };
}

/** The issues the team still has to look at: open or regressed (resolved and muted ones are left out of counts, badges and diagnostics). */
export function activeIssues(issues: readonly IssueReport[]): IssueReport[] {
  return issues.filter((i) => i.state === undefined || i.state === 'open' || i.state === 'regressed');
}
