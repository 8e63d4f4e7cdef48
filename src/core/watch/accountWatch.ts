import { Analyzer } from '../analysis/analyzer';
import { assembleReport, costConfigOf, functionFigures, projectedFreeTierEligible, type AnalysisReport, type CostConfig, type FunctionFigures, type FunctionReport, type ReportOptions } from '../analysis/analysisReport';
import { LAMBDA_PRICES, type FreeTier } from '../cost/priceTable';
import { shareFreeTier } from '../cost/lambdaCost';
import { findingsFor, type Finding } from '../insights/findings';
import { functionHealth, type FunctionHealth } from '../health/functionHealth';
import type { AccountSources, Clock } from '../ports';
import { AccountPoller, type CycleSummary, type FunctionStatus } from '../poll/accountPoller';
import type { ApiLimits } from '../poll/apiLimits';
import type { ProfileHealth } from '../poll/profileHealth';
import { accountOf, issueKey, type IssuePlace, type IssueStateBook } from '../issues/issueStateBook';
import type { StateChange } from '../issues/issueStates';
import type { LogEvent } from '../logEvent';
import { fetchInvocationLines, fetchRequestLines } from '../timeline/invocationLines';
import type { InvocationPoint } from '../timeline/invocationLog';

export interface WatchOptions {
  readonly profile: string;
  readonly region: string;
  readonly sources: AccountSources;
  readonly clock: Clock;
  readonly limits?: ApiLimits;
  readonly intervalMs?: number;
  /** How far back logs are read when watching starts (the widest window shown). */
  readonly initialLookbackMs?: number;
  /** A function's latency objective ("99% under X ms"). */
  readonly thresholdMs?: (functionName: string) => number | undefined;
  readonly onCycle?: (summary: CycleSummary) => void;
  /** A cycle failed past its own handling (see PollerOptions.onCycleError). */
  readonly onCycleError?: (error: unknown) => void;
  /** Issue states (open, resolved, muted, regressed), kept in step after each cycle. */
  readonly issueStates?: IssueStateBook;
  /** New issues, regressions and ended mutes found by a cycle. */
  readonly onIssueChanges?: (changes: StateChange[]) => void;
  /** Best-practice rules turned off, by finding id (read at each snapshot: a settings change applies at once). */
  readonly findingsDisabled?: () => ReadonlySet<string>;
}

export interface FunctionView {
  readonly name: string;
  readonly status: FunctionStatus;
  /** The window's figures from the logs (undefined when the function has no events in it). */
  readonly report?: FunctionReport;
  readonly health: FunctionHealth;
  readonly thresholdMs?: number;
  /** Best-practice findings over its configuration and the window's figures (rules turned off left out). */
  readonly findings: readonly Finding[];
}

/** See AccountWatch.prepare. */
export interface PreparedSnapshot {
  readonly now: number;
  readonly window: { readonly from: number; readonly to: number };
  readonly statuses: FunctionStatus[];
  readonly options: ReportOptions;
  readonly figures: FunctionFigures[];
}

export interface WatchSnapshot {
  readonly profile: string;
  readonly region: string;
  readonly health: ProfileHealth;
  /** No cycle has finished yet. */
  readonly loading: boolean;
  readonly window: { readonly from: number; readonly to: number };
  readonly functions: FunctionView[];
  /** The window's whole analysis (account cost included), for panels. */
  readonly analysis: AnalysisReport;
}

/**
 * One watched account and region: its poller feeding its analyzer, and snapshots of what is known
 * for a time window — what the tree, the status bar and the diagnostics render.
 */
export class AccountWatch {
  readonly analyzer: Analyzer;
  readonly poller: AccountPoller;
  private cycles = 0;
  private running: Promise<void> | undefined;
  /** When logs were first read: nothing earlier is held, whatever the window (see logsFrom). */
  private firstRead: number | undefined;

  constructor(private readonly options: WatchOptions) {
    this.analyzer = new Analyzer({ thresholdMs: (name) => options.thresholdMs?.(name) });
    const lookbackMs = options.initialLookbackMs ?? 60 * 60_000;
    this.poller = new AccountPoller({
      sources: options.sources,
      analyzer: this.analyzer,
      clock: options.clock,
      limits: options.limits,
      intervalMs: options.intervalMs,
      initialLookbackMs: lookbackMs,
      ...(options.onCycleError ? { onCycleError: options.onCycleError } : {}),
      onCycle: (summary) => {
        this.cycles++;
        // The first cycle that ran with the functions known read their logs back over the lookback.
        if (this.firstRead === undefined && summary.functions > 0 && summary.health.state !== 'paused' && summary.health.state !== 'failing') this.firstRead = summary.startedAt - lookbackMs;
        this.syncIssueStates();
        options.onCycle?.(summary);
      },
    });
  }

  get profile(): string {
    return this.options.profile;
  }

  get region(): string {
    return this.options.region;
  }

  /** The account watched: its id from a function's ARN, else the profile's name. */
  get account(): string {
    for (const config of this.poller.configs()) {
      const id = accountOf(config.arn);
      if (id) return id;
    }
    return this.options.profile;
  }

  /** Where a function's issues are filed: its account (from its ARN) or, until known, the profile. */
  placeOf(functionName: string): IssuePlace {
    return { owner: accountOf(this.poller.configOf(functionName)?.arn) ?? this.options.profile, region: this.options.region, functionName };
  }

  private syncIssueStates(): void {
    const book = this.options.issueStates;
    if (!book) return;
    const now = this.options.clock.now();
    book.expireMutes(now);
    const changes: StateChange[] = [];
    for (const monitor of this.analyzer.functions()) changes.push(...book.sync(this.placeOf(monitor.name), monitor.issues.all(), now));
    if (changes.length > 0) this.options.onIssueChanges?.(changes);
  }

  /** Poll in the background until `dispose()`. A failure inside a cycle never escapes. */
  start(): void {
    this.running ??= this.poller.start().catch(() => undefined);
  }

  refresh(): void {
    this.poller.resume();
  }

  dispose(): void {
    this.poller.stop();
    this.options.sources.dispose?.();
  }

  /**
   * One invocation and its log lines, read on demand under the poller's rate limits: from the
   * timeline when it is still there, else found by its request id around `time`.
   */
  async invocation(functionName: string, requestId: string, time: number | undefined, signal?: AbortSignal): Promise<{ point?: InvocationPoint; lines: LogEvent[] }> {
    const config = this.poller.configOf(functionName);
    const point = this.analyzer.find(functionName)?.timeline.find(requestId, time);
    if (!config) return { ...(point ? { point } : {}), lines: [] };
    const options = { logs: this.options.sources.logs, logGroup: config.logGroup, clock: this.options.clock, limits: this.poller.limits, signal };
    if (point) return { point, lines: await fetchInvocationLines(point, options) };
    if (time === undefined) return { lines: [] };
    return { lines: await fetchRequestLines(requestId, time, options) };
  }

  /** `freeTier`: this region's share of the account's free tier, when the account is watched in several regions. */
  snapshot(windowMs: number, freeTier?: FreeTier): WatchSnapshot {
    return this.priced(this.prepare(windowMs), freeTier);
  }

  /**
   * When the logs held begin: a watch reads only its lookback when it starts, so a longer window
   * is not all covered (and its month must not be projected as if it were). During the first
   * cycle, the earliest event read so far.
   */
  logsFrom(): number | undefined {
    if (this.firstRead !== undefined) return this.firstRead;
    const first = Math.min(...this.analyzer.functions().map((m) => m.firstEventTime));
    return Number.isFinite(first) ? first : undefined;
  }

  /** The window's figures per function before costs: the part of a snapshot that reads the engine. */
  prepare(windowMs: number): PreparedSnapshot {
    const now = this.options.clock.now();
    const window = { from: now - windowMs, to: now };
    const dataFrom = this.logsFrom();
    const statuses = this.poller.functions(window.from, window.to);
    const byStatus = new Map(statuses.map((s) => [s.config.name, s]));
    const costConfig = (name: string): CostConfig | undefined => {
      const s = byStatus.get(name);
      return s ? costConfigOf(s.config, s.settings) : undefined;
    };
    const options: ReportOptions = { prices: LAMBDA_PRICES, region: this.options.region, window, costConfigOf: costConfig, ...(dataFrom !== undefined ? { dataFrom } : {}) };
    return { now, window, statuses, options, figures: this.analyzer.functions().map((m) => functionFigures(m, window, options)) };
  }

  /** A prepared snapshot, priced (with this region's share of the free tier, when it is shared). */
  priced(prepared: PreparedSnapshot, freeTier?: FreeTier): WatchSnapshot {
    const { now, window, statuses } = prepared;
    const built = assembleReport(prepared.figures, window, { ...prepared.options, freeTier });
    const disabled = this.options.findingsDisabled?.();
    const book = this.options.issueStates;
    const report = book
      ? { ...built, functions: built.functions.map((f) => ({ ...f, issues: f.issues.map((i) => ({ ...i, state: book.stateOf(issueKey(this.placeOf(f.name), i.fingerprint)) })) })) }
      : built;
    const byName = new Map(report.functions.map((f) => [f.name, f]));
    const functions = statuses.map((status): FunctionView => {
      const name = status.config.name;
      const fn = byName.get(name);
      const thresholdMs = this.options.thresholdMs?.(name);
      const findings = findingsFor({ report: fn, config: status.config, settings: status.settings, throttles: status.metrics.throttles, thresholdMs, arm64SavingsUsd: fn?.cost.whatIf.arm64?.savingsUsd, now, disabled });
      return { name, status, report: fn, thresholdMs, health: functionHealth({ report: fn, metrics: status.metrics, thresholdMs, problem: status.problem }), findings };
    });
    return { profile: this.options.profile, region: this.options.region, health: this.poller.health, loading: this.cycles === 0, window, functions, analysis: report };
  }
}

/**
 * Every watch's snapshot. An account watched in several regions has one free tier: each of its
 * regions is priced again with its share (see shareFreeTier).
 */
export function accountSnapshots(watches: readonly AccountWatch[], windowMs: number): WatchSnapshot[] {
  const prepared = watches.map((w) => w.prepare(windowMs));
  const shares = shareFreeTier(
    watches.map((w, i) => ({ account: w.account, region: w.region, ...projectedFreeTierEligible((prepared[i] as PreparedSnapshot).figures, (prepared[i] as PreparedSnapshot).window) })),
    LAMBDA_PRICES.freeTier,
  );
  return watches.map((w, i) => w.priced(prepared[i] as PreparedSnapshot, shares[i]));
}
