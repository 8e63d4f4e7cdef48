import type { Analyzer } from '../analysis/analyzer';
import { functionNameOf } from '../logEvent';
import { SourceError, type AccountSources, type Clock, type FunctionConfig, type FunctionSettings, type SettingsCall, type SourceErrorKind } from '../ports';
import { ApiLimits, type ApiOperation } from './apiLimits';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { filterPatternFor } from './filterPattern';
import { deliverEvent, soleWriterOf } from './logDelivery';
import { IngestionLag } from './ingestionLag';
import { LogCursor } from './logCursor';
import { MetricHistory, type MetricRetention, type MetricTotals } from './metricHistory';
import { planMetricCalls, type ActiveFunction, type MetricCoverage } from './metricPlan';
import { healthFromError, type ProfileHealth } from './profileHealth';
import { asSourceError, retryingCall, type CallContext } from './retryingCall';
import { SettingsRefresh, type SettingsRefreshOptions } from './settingsRefresh';
import { forEachLimited } from '../concurrency';

export interface PollerOptions {
  readonly sources: AccountSources;
  /** Where log events go. */
  readonly analyzer: Analyzer;
  readonly clock: Clock;
  readonly random?: () => number;
  /** Shared by every poller of one account and region. */
  readonly limits?: ApiLimits;
  readonly backoff?: BackoffPolicy;
  readonly intervalMs?: number;
  /**
   * Re-read at least this much before the last read's end (default three minutes): CloudWatch
   * ingests events 5–20 s late, minutes late under load. Widened to twice the delays observed.
   */
  readonly overlapMs?: number;
  /** How far back the first read of a log group goes. */
  readonly initialLookbackMs?: number;
  /** Never read further back than this (a function back from a long idle period). */
  readonly maxLookbackMs?: number;
  /** Metric figures are kept this long: the widest window the views offer (default 24 h). */
  readonly metricHistoryMs?: number;
  readonly catalogRefreshMs?: number;
  /** A function stays active this long after its last invocation (metrics arrive minutes late). */
  readonly activeHoldMs?: number;
  readonly maxMetricCallsPerCycle?: number;
  /** Pages read per log group in one cycle; the rest of a window is resumed next cycle. */
  readonly maxPagesPerGroup?: number;
  /** Log groups read at once (the FilterLogEvents bucket still caps the rate). */
  readonly logConcurrency?: number;
  /** Narrow what FilterLogEvents downloads (default: the pattern for the function's log format). */
  readonly narrowLogs?: boolean;
  /** Only these functions (the CLI's --function); default all. */
  readonly only?: ReadonlySet<string>;
  /** Read logs of every function, not only those the metrics show active (the CLI's one-off report). */
  readonly readAllLogs?: boolean;
  /**
   * Log groups of functions not known to be active that a cycle reads in turn when GetMetricData
   * is refused (default 20; most are one call, an empty page). Reads of active ones do not count.
   */
  readonly logGroupsInTurn?: number;
  /** How often, and how many per cycle, functions' settings are read (catalogs with `settingsOf`). */
  readonly settingsRefresh?: SettingsRefreshOptions;
  readonly onCycle?: (summary: CycleSummary) => void;
  /** A cycle ended in an error past its own handling (a bug, a throwing onCycle): polling goes on. */
  readonly onCycleError?: (error: unknown) => void;
}

export interface FunctionProblem {
  readonly kind: SourceErrorKind;
  readonly message: string;
  readonly permission?: string;
}

export interface FunctionStatus {
  readonly config: FunctionConfig;
  readonly active: boolean;
  readonly pinned: boolean;
  readonly problem?: FunctionProblem;
  /** Metric figures over [from, to). */
  readonly metrics: MetricTotals;
  /** Log events are complete up to here (undefined until a first complete read). */
  readonly logsCompleteUpTo?: number;
  /** Settings beyond ListFunctions, once read (refreshed rarely: configuration changes seldom). */
  readonly settings?: FunctionSettings;
}

export interface CycleSummary {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly calls: Partial<Record<ApiOperation, number>>;
  readonly bytesDownloaded: number;
  readonly eventsRead: number;
  /** Events skipped because an overlapping read had already delivered them. */
  readonly eventsRepeated: number;
  readonly functions: number;
  readonly activeFunctions: number;
  readonly logGroupsRead: number;
  /** Every active function's logs are read up to the cycle's time. */
  readonly complete: boolean;
  readonly health: ProfileHealth;
}

interface FunctionState {
  config: FunctionConfig;
  readonly metrics: MetricHistory;
  /** Invocations were read up to here (by an idle scan, or with the counts of an active function). */
  scannedUpTo?: number;
  /** While active: when its counts, and its durations, were last read (reads in turn start from there). */
  countsReadAt?: number;
  durationsReadAt?: number;
  /** Active, but its counts were left for a later cycle: it stays active until they are read. */
  awaitingTurn?: boolean;
  problem?: FunctionProblem;
  /** The newest log event delivered: what tells activity when metrics cannot be read. */
  loggedAt?: number;
}

const MINUTE = 60_000;

/** The widest window the views offer: metric figures are kept that long. */
export const METRIC_HISTORY_MS = 24 * 60 * MINUTE;

/** Time a cycle gives to settings reads before it ends (the rest wait for the next cycles). */
const SETTINGS_BUDGET_MS = 4_000;

/** The rate-limit bucket of each settings call (the Lambda ones share the control plane's). */
export const SETTINGS_BUCKET: Readonly<Record<SettingsCall, ApiOperation>> = {
  GetFunctionConcurrency: 'GetFunctionSettings',
  ListProvisionedConcurrencyConfigs: 'GetFunctionSettings',
  GetFunctionEventInvokeConfig: 'GetFunctionSettings',
  GetPolicy: 'GetFunctionSettings',
  DescribeLogGroups: 'DescribeLogGroups',
};

/**
 * Keeps one account and region fresh: the function list, CloudWatch metrics for all of them
 * (cheap, batched), and the logs of the functions that are active or pinned (incremental, with
 * overlap and exactly-once delivery to the analyzer), within rate limits, with backoff on
 * transient failures. A failure narrows what is read; it never loses what was computed.
 */
export class AccountPoller {
  readonly limits: ApiLimits;
  private readonly functionStates = new Map<string, FunctionState>();
  private readonly cursors = new Map<string, LogCursor>();
  private readonly pinned = new Set<string>();
  /** Log group → the only function writing to it (absent for shared groups). */
  private readonly soleWriters = new Map<string, string>();
  private catalogAt: number | undefined;
  private healthState: ProfileHealth;
  private running: AbortController | undefined;
  private wake: (() => void) | undefined;
  /** resume() was called while a cycle ran: the cycle it asked for follows without a pause. */
  private resumeRequested = false;
  private bytes = 0;
  private readonly random: () => number;
  private readonly settings: SettingsRefresh;
  /** The account's log delays, which size every group's overlap. */
  private readonly lag: IngestionLag;
  /** GetMetricData is refused (e.g. denied): activity is told from the logs, read in turn. */
  private metricsRefused = false;
  /** How often the last metric plan reads each function (undefined after a failed read). */
  private coverage: MetricCoverage | undefined;

  constructor(private readonly options: PollerOptions) {
    this.limits = options.limits ?? new ApiLimits(options.clock);
    this.lag = new IngestionLag(options.overlapMs);
    this.settings = new SettingsRefresh(options.settingsRefresh);
    this.random = options.random ?? Math.random;
    this.healthState = { state: 'ok', since: options.clock.now() };
  }

  get health(): ProfileHealth {
    return this.healthState;
  }

  get intervalMs(): number {
    return this.options.intervalMs ?? MINUTE;
  }

  pin(functionName: string): void {
    this.pinned.add(functionName);
  }

  unpin(functionName: string): void {
    this.pinned.delete(functionName);
  }

  /** A function's configuration as the catalog last read it. */
  configOf(functionName: string): FunctionConfig | undefined {
    return this.functionStates.get(functionName)?.config;
  }

  /** Every function's configuration as the catalog last read it. */
  configs(): FunctionConfig[] {
    return [...this.functionStates.values()].map((state) => state.config);
  }

  /** What is known of each function, metrics summed over [from, to). */
  functions(from: number, to: number): FunctionStatus[] {
    const now = this.options.clock.now();
    return [...this.functionStates.values()]
      .map((state) => ({
        config: state.config,
        active: this.isActive(state, now),
        pinned: this.pinned.has(state.config.name),
        problem: state.problem,
        metrics: state.metrics.totals(from, to),
        logsCompleteUpTo: this.cursors.get(state.config.logGroup)?.completeUpTo,
        settings: this.settings.settingsOf(state.config.name),
      }))
      .sort((a, b) => (a.config.name < b.config.name ? -1 : a.config.name > b.config.name ? 1 : 0));
  }

  /** What the poller itself holds (it must stay bounded however long it runs). */
  memoryFigures(): { functions: number; logGroups: number; rememberedEvents: number } {
    let rememberedEvents = 0;
    for (const cursor of this.cursors.values()) rememberedEvents += cursor.rememberedEvents;
    return { functions: this.functionStates.size, logGroups: this.cursors.size, rememberedEvents };
  }

  /** Settings calls that were denied or failed, across the functions (their rules stay silent). */
  settingsProblems(): Set<string> {
    return this.settings.problems();
  }

  /** One poll cycle: catalog when stale, metrics, then logs of active functions. */
  async runCycle(signal?: AbortSignal): Promise<CycleSummary> {
    const clock = this.options.clock;
    const startedAt = clock.now();
    const firstCycle = this.catalogAt === undefined;
    const callsBefore = this.limits.callCounts();
    const bytesBefore = this.bytes;
    const problems: string[] = [];
    const context: CallContext = {
      limits: this.limits,
      clock,
      random: this.random,
      backoff: this.options.backoff ?? DEFAULT_BACKOFF,
      signal,
    };
    let eventsRead = 0;
    let eventsRepeated = 0;
    let logGroupsRead = 0;
    let complete = true;
    try {
      await this.refreshCatalog(context, startedAt);
      const metricsProblem = await this.readMetrics(context, startedAt);
      if (metricsProblem) problems.push(metricsProblem);
      const now = clock.now();
      const groups = this.logGroupsToRead(now);
      const results = await this.readLogGroups(groups, context, now, this.options.logGroupsInTurn ?? 20);
      this.lag.endCycle();
      for (const r of results) {
        eventsRead += r.events;
        eventsRepeated += r.repeated;
        if (r.read) logGroupsRead++;
        if (!r.complete) complete = false;
        if (r.problem) problems.push(r.problem);
      }
      // Lines of an invocation may still arrive for an overlap's time, and a window cut short
      // has more to come: each function is settled only as far as its logs are complete.
      this.settleRead();
      // Last, and not in the first cycle (the one the user waits for): the logs are fresh before
      // any time goes to settings, which change seldom and wait for their own rate limits.
      if (!firstCycle) await this.readSettings(context, now);
      const coverageProblem = this.coverageProblem(clock.now() - startedAt);
      if (coverageProblem) problems.push(coverageProblem);
      this.healthState = problems.length > 0 ? { state: 'degraded', reason: problems.join('; '), since: this.sinceFor('degraded') } : { state: 'ok', since: this.sinceFor('ok') };
    } catch (caught) {
      const error = asSourceError(caught, 'ListFunctions');
      complete = false;
      if (error.kind !== 'aborted') this.healthState = healthFromError(error, this.sinceFor(healthFromError(error, startedAt).state));
      else throw error;
    }
    const callsAfter = this.limits.callCounts();
    const calls: Partial<Record<ApiOperation, number>> = {};
    for (const [op, n] of Object.entries(callsAfter) as Array<[ApiOperation, number]>) {
      const delta = n - (callsBefore[op] ?? 0);
      if (delta > 0) calls[op] = delta;
    }
    const now = clock.now();
    const summary: CycleSummary = {
      startedAt,
      endedAt: now,
      calls,
      bytesDownloaded: this.bytes - bytesBefore,
      eventsRead,
      eventsRepeated,
      functions: this.functionStates.size,
      activeFunctions: [...this.functionStates.values()].filter((s) => this.isActive(s, now)).length,
      logGroupsRead,
      complete,
      health: this.healthState,
    };
    this.options.onCycle?.(summary);
    return summary;
  }

  /** Poll until stopped: a cycle every interval; a paused profile waits for `resume()`. */
  async start(): Promise<void> {
    if (this.running) return;
    const controller = new AbortController();
    this.running = controller;
    try {
      while (!controller.signal.aborted) {
        try {
          await this.runCycle(controller.signal);
        } catch (error) {
          if (controller.signal.aborted) break;
          // A throw past the cycle's own handling (the onCycle listener, a bug) must not end
          // polling for good, leaving the views on their last figures: the next cycle runs on time.
          try {
            this.options.onCycleError?.(error);
          } catch {
            // Reporting must not stop polling either.
          }
        }
        // A paused profile (expired credentials) tries again only when told to, or rarely.
        const waitMs = this.healthState.state === 'paused' ? Math.max(this.intervalMs, 5 * MINUTE) : this.intervalMs;
        await this.pause(waitMs, controller.signal);
      }
    } finally {
      if (this.running === controller) this.running = undefined;
    }
  }

  stop(): void {
    this.running?.abort();
    this.wake?.();
  }

  /** Run the next cycle now (after a sign-in, a refresh click); during a cycle, right after it. */
  resume(): void {
    if (this.wake) this.wake();
    else if (this.running) this.resumeRequested = true;
  }

  private async pause(ms: number, signal: AbortSignal): Promise<void> {
    if (this.resumeRequested) {
      this.resumeRequested = false;
      return;
    }
    const local = new AbortController();
    const onAbort = (): void => local.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.wake = () => local.abort();
    try {
      await this.options.clock.sleep(ms, local.signal);
    } catch {
      // woken early
    } finally {
      this.wake = undefined;
      signal.removeEventListener('abort', onAbort);
    }
  }

  private sinceFor(state: ProfileHealth['state']): number {
    return this.healthState.state === state ? this.healthState.since : this.options.clock.now();
  }

  /** Watched closely: pinned, with a read under way, or with requests lately (throttled ones too). */
  private isActive(state: FunctionState, now: number): boolean {
    return this.isWatched(state) || this.recent(this.lastActivityAt(state, state.metrics.lastRequestAt()), this.activityAsOf(state, now));
  }

  /** Its logs are read every cycle: as active, but throttled requests write no logs. */
  private readsLogs(state: FunctionState, now: number): boolean {
    return this.isWatched(state) || this.recent(this.lastActivityAt(state, state.metrics.lastInvocationAt()), this.activityAsOf(state, now));
  }

  /** Activity is judged as of the last read of its counts while it waits for its turn: not read is not quiet. */
  private activityAsOf(state: FunctionState, now: number): number {
    return state.awaitingTurn && !this.metricsRefused && state.scannedUpTo !== undefined ? Math.min(now, state.scannedUpTo) : now;
  }

  private isWatched(state: FunctionState): boolean {
    if (this.pinned.has(state.config.name) || this.options.readAllLogs) return true;
    return this.cursors.get(state.config.logGroup)?.hasPendingWindow === true;
  }

  /** Without metrics, the newest log event tells when the function last ran. */
  private lastActivityAt(state: FunctionState, fromMetrics: number | undefined): number | undefined {
    return this.metricsRefused ? state.loggedAt : fromMetrics;
  }

  /** Within the hold after activity in the minute starting `last` (metrics arrive minutes late). */
  private recent(last: number | undefined, now: number): boolean {
    return last !== undefined && last + MINUTE >= now - (this.options.activeHoldMs ?? 15 * MINUTE);
  }

  private async refreshCatalog(context: CallContext, now: number): Promise<void> {
    const refreshMs = this.options.catalogRefreshMs ?? 15 * MINUTE;
    if (this.catalogAt !== undefined && now - this.catalogAt < refreshMs) return;
    let list: FunctionConfig[];
    try {
      list = await retryingCall('ListFunctions', () => this.options.sources.catalog.listFunctions(context.signal, () => this.limits.acquire('ListFunctions', context.signal)), context);
    } catch (error) {
      // With a list already known, carry on with it; without one there is nothing to poll.
      if (this.catalogAt === undefined || !(error instanceof SourceError) || !error.retryable) throw error;
      return;
    }
    const only = this.options.only;
    const seen = new Set<string>();
    for (const config of list) {
      if (only && !only.has(config.name)) continue;
      seen.add(config.name);
      const state = this.functionStates.get(config.name);
      if (state) state.config = config;
      else this.functionStates.set(config.name, { config, metrics: new MetricHistory(this.metricRetention()) });
    }
    // Deleted functions go, and with them their cursors: memory follows the account.
    for (const name of [...this.functionStates.keys()]) if (!seen.has(name)) this.functionStates.delete(name);
    this.settings.retain(seen);
    const configs = [...this.functionStates.values()].map((s) => s.config);
    const groups = new Set(configs.map((c) => c.logGroup));
    for (const group of [...this.cursors.keys()]) if (!groups.has(group)) this.cursors.delete(group);
    // Who writes to each group changes only with the catalog: worked out once per refresh.
    this.soleWriters.clear();
    for (const group of groups) {
      const writer = soleWriterOf(group, configs);
      if (writer !== undefined) this.soleWriters.set(group, writer);
    }
    this.catalogAt = now;
  }

  /**
   * Per minute as far back as a read can reach and revise (the lookbacks, and a margin for the
   * minute a window starts early); coarser beyond, for as long as the widest window.
   */
  private metricRetention(): MetricRetention {
    const reach = Math.max(this.options.maxLookbackMs ?? 3 * 60 * MINUTE, this.options.initialLookbackMs ?? 15 * MINUTE, 10 * MINUTE);
    const fineMs = reach + 15 * MINUTE;
    return { fineMs, keepMs: Math.max(fineMs, this.options.metricHistoryMs ?? METRIC_HISTORY_MS) };
  }

  /** Metrics for every function within the call budget; returns a problem to report, if any. */
  private async readMetrics(context: CallContext, now: number): Promise<string | undefined> {
    const lookback = this.options.initialLookbackMs ?? 15 * MINUTE;
    const maxLookback = this.options.maxLookbackMs ?? 3 * 60 * MINUTE;
    const detailed: ActiveFunction[] = [];
    const idle: Array<{ name: string; from: number; scanned: number }> = [];
    for (const state of this.functionStates.values()) {
      const name = state.config.name;
      if (this.isActive(state, now)) detailed.push({ name, pinned: this.pinned.has(name), countsReadAt: state.countsReadAt, durationsReadAt: state.durationsReadAt });
      else {
        // Metrics are revised for a few minutes: scans overlap the previous one by five.
        const from = state.scannedUpTo === undefined ? now - lookback : Math.max(state.scannedUpTo - 5 * MINUTE, now - maxLookback);
        idle.push({ name: state.config.name, from, scanned: state.scannedUpTo ?? Number.NEGATIVE_INFINITY });
      }
    }
    idle.sort((a, b) => a.scanned - b.scanned);
    const plan = planMetricCalls({ detailed, idle, now, detailFrom: now - Math.max(lookback, 10 * MINUTE), earliestFrom: now - maxLookback, maxCalls: this.options.maxMetricCallsPerCycle ?? 2 });
    try {
      for (const call of plan.calls) {
        const series = await retryingCall('GetMetricData', () => this.options.sources.metrics.getMetrics(call.queries, call.window, context.signal, () => this.limits.acquire('GetMetricData', context.signal)), context);
        for (const s of series) this.functionStates.get(s.query.functionName)?.metrics.record(s, now);
      }
    } catch (caught) {
      const error = asSourceError(caught, 'GetMetricData');
      this.coverage = undefined;
      if (error.kind === 'credentials' || error.kind === 'aborted') throw error;
      // A refusal that retrying will not cure: the logs of every function are read in turn instead
      // (until metrics are read again; a passing failure changes nothing).
      if (!error.retryable) this.metricsRefused = true;
      return this.metricsRefused ? `metrics unavailable (${error.message}); reading the functions' logs in turn instead` : `metrics unavailable (${error.message})`;
    }
    this.metricsRefused = false;
    this.coverage = plan.coverage;
    this.recordReads(plan, detailed, now);
    return undefined;
  }

  /** Where each function's metrics are now read up to; an active function left out waits its turn. */
  private recordReads(plan: ReturnType<typeof planMetricCalls>, detailed: readonly ActiveFunction[], now: number): void {
    for (const name of plan.scannedIdle) {
      const state = this.functionStates.get(name);
      if (!state) continue;
      state.scannedUpTo = now;
      // Should it become active again, its detail starts afresh from the usual lookback.
      state.countsReadAt = state.durationsReadAt = undefined;
      state.awaitingTurn = false;
    }
    const counted = new Set(plan.counted);
    for (const f of detailed) {
      const state = this.functionStates.get(f.name);
      if (!state) continue;
      state.awaitingTurn = !counted.has(f.name);
      if (state.awaitingTurn) continue;
      state.countsReadAt = state.scannedUpTo = now;
    }
    for (const name of plan.durationsRead) {
      const state = this.functionStates.get(name);
      if (state) state.durationsReadAt = now;
    }
  }

  /**
   * When the active functions' metrics do not all fit in a cycle's calls, and are read in turn:
   * how often each is read, in minutes of this cycle's pace (undefined when all fit).
   */
  private coverageProblem(cycleMs: number): string | undefined {
    const c = this.coverage;
    // Durations and concurrency read in turn leave every count whole (and latency comes from the
    // logs): not worth a warning that a large account would wear for good.
    if (!c || c.countsEvery <= 1) return undefined;
    const minutes = (cycles: number): string => (Number.isFinite(cycles) ? `${Math.max(1, Math.ceil((cycles * (this.intervalMs + cycleMs)) / MINUTE))} minutes` : 'never');
    const idle = c.idleEvery > 1 ? `; idle functions checked every ${minutes(c.idleEvery)}` : '';
    const active = `${c.active.toLocaleString('en-US')} active functions`;
    const durations = c.durationsEvery > c.countsEvery ? ` (durations every ${minutes(c.durationsEvery)})` : '';
    return `${active}: metrics read in turn, each every ${minutes(c.countsEvery)}${durations}${idle}`;
  }

  /**
   * The log groups of active functions, pinned ones first, then the least recently completed.
   * Without metrics, every other group follows, least recently read first, to be read in turn.
   */
  private logGroupsToRead(now: number): GroupToRead[] {
    const byGroup = new Map<string, FunctionState[]>();
    for (const state of this.functionStates.values()) {
      if (!this.metricsRefused && !this.readsLogs(state, now)) continue;
      const list = byGroup.get(state.config.logGroup) ?? [];
      list.push(state);
      byGroup.set(state.config.logGroup, list);
    }
    const rank = (item: GroupToRead): number => (item.functions.some((f) => this.pinned.has(f.config.name)) ? 0 : item.inTurn ? 2 : 1);
    const completed = (item: GroupToRead): number => this.cursors.get(item.group)?.completeUpTo ?? 0;
    return [...byGroup]
      .map(([group, functions]) => ({ group, functions, inTurn: !functions.some((f) => this.readsLogs(f, now)) }))
      .sort((a, b) => rank(a) - rank(b) || completed(a) - completed(b));
  }

  /** `inTurn`: how many groups of functions not known to be active may be read this cycle. */
  private async readLogGroups(groups: GroupToRead[], context: CallContext, now: number, inTurn: number): Promise<GroupReadResult[]> {
    const results: GroupReadResult[] = [];
    let fatal: SourceError | undefined;
    let inTurnLeft = inTurn;
    await forEachLimited(
      groups,
      this.options.logConcurrency ?? 3,
      async (item) => {
        // Groups read in turn wait for a later cycle once this one's share is taken (counted in
        // groups, not calls: the reads of active functions, which go first, must not use it up).
        if (item.inTurn) {
          if (inTurnLeft <= 0) return;
          inTurnLeft--;
        }
        try {
          results.push(await this.readLogGroup(item.group, item.functions, context, now));
        } catch (error) {
          fatal = asSourceError(error, 'FilterLogEvents');
        }
      },
      () => fatal !== undefined,
    );
    if (fatal) throw fatal;
    return results;
  }

  private async readLogGroup(group: string, functions: FunctionState[], context: CallContext, now: number): Promise<GroupReadResult> {
    let cursor = this.cursors.get(group);
    if (!cursor) {
      cursor = new LogCursor(group, this.lag);
      this.cursors.set(group, cursor);
    }
    const single = this.soleWriters.get(group);
    const narrow = this.options.narrowLogs ?? true;
    const pattern = narrow ? filterPatternFor() : undefined;
    const maxPages = this.options.maxPagesPerGroup ?? 5;
    const lookback = this.options.initialLookbackMs ?? 15 * MINUTE;
    const maxLookback = this.options.maxLookbackMs ?? 3 * 60 * MINUTE;
    const result: GroupReadResult = { events: 0, repeated: 0, read: false, complete: false };
    for (let page = 0; page < maxPages; page++) {
      const window = cursor.window(now, lookback, maxLookback);
      if (!window) break;
      let response;
      try {
        response = await retryingCall(
          'FilterLogEvents',
          () => this.options.sources.logs.filterPage({ logGroup: group, start: window.start, end: window.end, filterPattern: pattern, nextToken: window.nextToken }, context.signal),
          context,
        );
      } catch (caught) {
        const error = asSourceError(caught, 'FilterLogEvents');
        if (error.kind === 'credentials' || error.kind === 'aborted') throw error;
        if (error.kind === 'accessDenied' || error.kind === 'notFound') {
          // Not retried every cycle as if active: the metrics decide again whether to read it.
          cursor.dropWindow();
          const problem: FunctionProblem = { kind: error.kind, message: error.message, permission: error.details.permission };
          for (const f of functions) f.problem = problem;
          result.problem = `${functions.map((f) => f.config.name).join(', ')}: ${error.message}`;
        } else {
          // A token that no longer works (they expire after 24 h) restarts the window; its
          // events already delivered are recognised. Transient failures resume next cycle.
          if (!error.retryable && window.nextToken !== undefined) cursor.restartWindow();
          result.problem = `logs of ${group} delayed (${error.message})`;
        }
        return result;
      }
      this.bytes += response.bytes;
      result.read = true;
      this.lag.samplePage(response.events, this.options.clock.now());
      for (const event of response.events) {
        if (!cursor.admit(event)) {
          result.repeated++;
          continue;
        }
        result.events++;
        if (!window.catchingUp) this.lag.sampleDelay(event);
        // In a group shared by several functions, the event is its stream's function's only.
        const writer = single ?? functionNameOf(event.logGroupName, event.logStreamName);
        for (const f of functions) if (f.config.name === writer && (f.loggedAt === undefined || event.timestamp > f.loggedAt)) f.loggedAt = event.timestamp;
        deliverEvent(this.options.analyzer, event, single);
      }
      cursor.pageRead(response.nextToken);
      if (cursor.caughtUp(now)) break;
    }
    result.complete = cursor.caughtUp(now);
    if (result.complete) for (const f of functions) f.problem = undefined;
    return result;
  }

  /**
   * Settings of the few functions due this cycle, each call under its rate limit. A read that
   * fails is retried in a later cycle; it never fails the cycle (only an abort stops it).
   */
  private async readSettings(context: CallContext, now: number): Promise<void> {
    const catalog = this.options.sources.catalog;
    if (!catalog.settingsOf) return;
    const candidates = [...this.functionStates.values()].map((state) => ({ config: state.config, active: this.isActive(state, now), pinned: this.pinned.has(state.config.name) }));
    const signal = context.signal;
    // A few seconds at most: the cycle's summary (and the views' refresh) waits for this.
    const deadline = this.options.clock.now() + SETTINGS_BUDGET_MS;
    for (const config of this.settings.due(candidates, now)) {
      if (this.options.clock.now() >= deadline) break;
      try {
        const settings = await catalog.settingsOf(config, signal, (call) => this.limits.acquire(SETTINGS_BUCKET[call], signal));
        this.settings.record(config, settings, this.options.clock.now());
        // Provisioned concurrency is billed while enabled, invoked or not: an idle function with it gets a cost row.
        if ((settings.provisionedConcurrency ?? 0) > 0) this.options.analyzer.monitor(config.name);
      } catch (caught) {
        const error = asSourceError(caught, 'GetFunctionSettings');
        if (error.kind === 'aborted' || signal?.aborted) throw error;
        this.settings.failed(config, this.options.clock.now());
      }
    }
  }

  /** Settle each function whose logs are complete: up to where no more late events are expected. */
  private settleRead(): void {
    for (const state of this.functionStates.values()) {
      const cursor = this.cursors.get(state.config.logGroup);
      const upTo = cursor?.completeUpTo;
      if (!cursor || cursor.hasPendingWindow || upTo === undefined) continue;
      this.options.analyzer.settleFunction(state.config.name, upTo);
    }
  }

}

interface GroupToRead {
  readonly group: string;
  readonly functions: FunctionState[];
  /** Not known to be active: read only while the cycle's calls for such groups last. */
  readonly inTurn: boolean;
}

interface GroupReadResult {
  events: number;
  repeated: number;
  read: boolean;
  complete: boolean;
  problem?: string;
}
