import { Analyzer } from '../core/analysis/analyzer';
import { buildAnalysisReport, type AnalysisReport, type FunctionReport } from '../core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../core/cost/priceTable';
import type { AccountSources, Clock, FunctionConfig } from '../core/ports';
import type { MetricTotals } from '../core/poll/metricHistory';
import type { FunctionProblem } from '../core/poll/accountPoller';
import { readWindow } from '../core/poll/windowRead';
import type { ApiOperation } from '../core/poll/apiLimits';

export interface ReportOptions {
  readonly profile: string;
  readonly region: string;
  readonly start: number;
  readonly end: number;
  readonly functions?: readonly string[];
  readonly clock: Clock;
  readonly narrowLogs?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
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

/** One read of an account over a window, analysed: `lambdascope report`. */
export async function reportAccount(sources: AccountSources, options: ReportOptions): Promise<AccountReport> {
  const analyzer = new Analyzer({ retention: { minutes: 180, hours: 72, days: 36_500 } });
  const only = options.functions && options.functions.length > 0 ? new Set(options.functions) : undefined;
  const result = await readWindow({ sources, analyzer, clock: options.clock, start: options.start, end: options.end, only, narrowLogs: options.narrowLogs, onProgress: options.onProgress });
  // Every function gets a row, idle ones too (with their metrics and configuration).
  for (const f of result.functions) analyzer.monitor(f.config.name);
  const architectures = new Map(result.functions.map((f) => [f.config.name, f.config.architecture]));
  const analysis = buildAnalysisReport(analyzer, {
    prices: LAMBDA_PRICES,
    region: options.region,
    architectureOf: (name) => architectures.get(name),
    window: { from: options.start, to: options.end },
  });
  const byName = new Map(result.functions.map((f) => [f.config.name, f]));
  const functions = analysis.functions.flatMap((fn): ReportedFunction[] => {
    const read = byName.get(fn.name);
    if (!read) return [];
    return [{ ...fn, configuration: configurationOf(read.config), metrics: read.metrics, logsRead: read.logsRead, ...(read.problem ? { problem: read.problem } : {}) }];
  });
  return {
    ...analysis,
    profile: options.profile,
    region: options.region,
    functions,
    skipped: { lines: 0, reasons: {} },
    calls: result.calls,
    bytesDownloaded: result.bytesDownloaded,
    eventsRead: result.eventsRead,
    problems: result.problems,
    unknownFunctions: result.unknownFunctions,
  };
}
