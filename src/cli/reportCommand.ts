import { Analyzer } from '../core/analysis/analyzer';
import { forEachLimited } from '../core/concurrency';
import { buildAnalysisReport, costConfigOf, type AnalysisReport, type FunctionReport } from '../core/analysis/analysisReport';
import { findingsFor, type Finding } from '../core/insights/findings';
import { LAMBDA_PRICES } from '../core/cost/priceTable';
import type { AccountSources, Clock, FunctionConfig, FunctionSettings } from '../core/ports';
import type { MetricTotals } from '../core/poll/metricHistory';
import { SETTINGS_BUCKET, type FunctionProblem } from '../core/poll/accountPoller';
import { readWindow } from '../core/poll/windowRead';
import { ApiLimits, type ApiOperation } from '../core/poll/apiLimits';

export interface ReportOptions {
  readonly profile: string;
  readonly region: string;
  readonly start: number;
  readonly end: number;
  readonly functions?: readonly string[];
  readonly clock: Clock;
  readonly narrowLogs?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  /** Rules turned off by id. */
  readonly disabledFindings?: ReadonlySet<string>;
  /** Read each function's settings (five calls each) for the findings that need them; default true. */
  readonly readSettings?: boolean;
}

/** A function of `lambdascope report --json`: the analyze shape plus configuration and metrics. */
export type ReportedFunction = FunctionReport & {
  readonly configuration: {
    readonly runtime?: string;
    readonly handler?: string;
    readonly memorySizeMb: number;
    readonly timeoutSeconds: number;
    readonly architecture: string;
    readonly logGroup: string;
    readonly logFormat: string;
    readonly lastModified?: string;
    readonly version: string;
  };
  /** CloudWatch metrics over the window: throttles never appear in the logs. */
  readonly metrics: MetricTotals;
  /** Settings beyond ListFunctions (concurrency, destinations, invokers, log retention), when read. */
  readonly settings?: FunctionSettings;
  /** Best-practice findings over the configuration and the window's figures. */
  readonly findings: readonly Finding[];
  readonly logsRead: boolean;
  readonly problem?: FunctionProblem;
};

export interface AccountReport extends Omit<AnalysisReport, 'functions'> {
  readonly profile: string;
  readonly region: string;
  readonly functions: ReportedFunction[];
  readonly skipped: { readonly lines: number; readonly reasons: Record<string, number> };
  readonly calls: Partial<Record<ApiOperation, number>>;
  readonly bytesDownloaded: number;
  readonly eventsRead: number;
  readonly problems: string[];
  readonly unknownFunctions: string[];
}

function configurationOf(c: FunctionConfig): ReportedFunction['configuration'] {
  return {
    runtime: c.runtime,
    handler: c.handler,
    memorySizeMb: c.memoryMb,
    timeoutSeconds: c.timeoutSeconds,
    architecture: c.architecture,
    logGroup: c.logGroup,
    logFormat: c.logFormat,
    lastModified: c.lastModified,
    version: c.version,
  };
}

/**
 * Settings of every function, four at a time, each call under the same rate limits as the poller's
 * (the Lambda control plane's quota is shared with the team's deploys). A failure leaves a function without.
 */
async function readAllSettings(sources: AccountSources, configs: readonly FunctionConfig[], limits: ApiLimits): Promise<Map<string, FunctionSettings>> {
  const out = new Map<string, FunctionSettings>();
  const catalog = sources.catalog;
  const read = catalog.settingsOf;
  if (!read) return out;
  const settingsOf = (config: FunctionConfig): Promise<FunctionSettings> => read.call(catalog, config, undefined, (call) => limits.acquire(SETTINGS_BUCKET[call]));
  await forEachLimited(configs, 4, async (config) => {
    try {
      out.set(config.name, await settingsOf(config));
    } catch {
      // Denied or unreachable: the findings that need these settings say nothing.
    }
  });
  return out;
}

/** One read of an account over a window, analysed: `lambdascope report`. */
export async function reportAccount(sources: AccountSources, options: ReportOptions): Promise<AccountReport> {
  const analyzer = new Analyzer({ retention: { minutes: 180, hours: 72, days: 36_500 } });
  const only = options.functions && options.functions.length > 0 ? new Set(options.functions) : undefined;
  const result = await readWindow({ sources, analyzer, clock: options.clock, start: options.start, end: options.end, only, narrowLogs: options.narrowLogs, onProgress: options.onProgress });
  // Every function gets a row, idle ones too (with their metrics and configuration).
  for (const f of result.functions) analyzer.monitor(f.config.name);
  const settingsLimits = new ApiLimits(options.clock);
  const settings = options.readSettings === false ? new Map<string, FunctionSettings>() : await readAllSettings(sources, result.functions.map((f) => f.config), settingsLimits);
  const byName = new Map(result.functions.map((f) => [f.config.name, f]));
  const analysis = buildAnalysisReport(analyzer, {
    prices: LAMBDA_PRICES,
    region: options.region,
    costConfigOf: (name) => {
      const read = byName.get(name);
      return read ? costConfigOf(read.config, settings.get(name)) : undefined;
    },
    window: { from: options.start, to: options.end },
  });
  const now = options.clock.now();
  const functions = analysis.functions.flatMap((fn): ReportedFunction[] => {
    const read = byName.get(fn.name);
    if (!read) return [];
    const s = settings.get(fn.name);
    const findings = findingsFor({ report: fn.invocations > 0 ? fn : undefined, config: read.config, settings: s, throttles: read.metrics.throttles, thresholdMs: fn.latency.thresholdMs, arm64SavingsUsd: fn.cost.whatIf.arm64?.savingsUsd, now, disabled: options.disabledFindings });
    return [{ ...fn, configuration: configurationOf(read.config), metrics: read.metrics, logsRead: read.logsRead, ...(s ? { settings: s } : {}), findings, ...(read.problem ? { problem: read.problem } : {}) }];
  });
  // Denied or failed settings calls silence the rules that need them: say so once per call and kind.
  const settingsProblems = new Map<string, number>();
  for (const s of settings.values()) for (const p of s.problems ?? []) settingsProblems.set(p, (settingsProblems.get(p) ?? 0) + 1);
  const notes = [...settingsProblems].map(([p, n]) => `Settings not read for ${n} function${n === 1 ? '' : 's'} (${p}): the findings that need them are left out.`);
  return {
    ...analysis,
    profile: options.profile,
    region: options.region,
    functions,
    skipped: { lines: 0, reasons: {} },
    calls: { ...result.calls, ...settingsLimits.callCounts() },
    bytesDownloaded: result.bytesDownloaded,
    eventsRead: result.eventsRead,
    problems: [...result.problems, ...notes],
    unknownFunctions: result.unknownFunctions,
  };
}
