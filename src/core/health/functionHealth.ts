import { activeIssues, coverageText, type FunctionCostReport, type FunctionReport } from '../analysis/analysisReport';
import type { MetricTotals } from '../poll/metricHistory';
import type { FunctionProblem } from '../poll/accountPoller';
import { formatCount, formatMs, formatPercent, formatUsd } from './figureText';
import { costSplitText } from '../cost/costSummary';

/**
 * - failing: invocations failed in the window (errors, timeouts, OOM kills, crashes, init errors)
 * - degraded: latency over the function's objective, throttles, handled errors only, or its data
 *   cannot be read (AccessDenied)
 * - ok: invocations and none of the above
 * - idle: no invocations in the window ("idle", never zeros that look like health)
 */
export type HealthLevel = 'failing' | 'degraded' | 'ok' | 'idle';

export interface HealthInput {
  readonly report?: FunctionReport;
  readonly metrics?: MetricTotals;
  readonly thresholdMs?: number;
  readonly problem?: FunctionProblem;
}

export interface FunctionHealth {
  readonly level: HealthLevel;
  /** Why, in a few words each ("3 failed invocations", "p99 1.2 s over the 1 s objective"). */
  readonly reasons: string[];
}

export function functionHealth(input: HealthInput): FunctionHealth {
  const r = input.report;
  const reasons: string[] = [];
  const invocations = Math.max(r?.invocations ?? 0, input.metrics?.invocations ?? 0);
  if (r && r.errors > 0) reasons.push(`${formatCount(r.errors)} failed invocation${r.errors === 1 ? '' : 's'}`);
  else if (!r && (input.metrics?.errors ?? 0) > 0) reasons.push(`${formatCount(input.metrics?.errors ?? 0)} errors in the metrics`);
  const failing = reasons.length > 0;
  const p99 = r?.durationMs?.p99;
  if (input.thresholdMs !== undefined && p99 !== undefined && p99 > input.thresholdMs) reasons.push(`p99 ${formatMs(p99)} over the ${formatMs(input.thresholdMs)} objective`);
  if ((input.metrics?.throttles ?? 0) > 0) reasons.push(`${formatCount(input.metrics?.throttles ?? 0)} throttled requests`);
  if (r && r.handledErrors > 0 && r.errors === 0) reasons.push(`${formatCount(r.handledErrors)} errors logged (handled)`);
  if (input.problem) reasons.push(input.problem.message);
  if (failing) return { level: 'failing', reasons };
  if (reasons.length > 0) return { level: 'degraded', reasons };
  return invocations > 0 ? { level: 'ok', reasons } : { level: 'idle', reasons: ['no invocations in this window'] };
}

/** The one-line description of a function: `p99 812 ms · 3 issues · 14% cold · $4.20/mo`. */
export function healthDescription(report: FunctionReport | undefined, metrics: MetricTotals | undefined, problem?: FunctionProblem): string {
  if (problem && (!report || report.invocations === 0)) return problem.kind === 'accessDenied' ? `cannot read logs${problem.permission ? ` (${problem.permission})` : ''}` : problem.message;
  if (!report || report.invocations === 0) {
    return (metrics?.invocations ?? 0) > 0 ? `${formatCount(metrics?.invocations ?? 0)} invocations · logs loading` : 'idle in this window';
  }
  const parts = [`p99 ${formatMs(report.durationMs?.p99)}`];
  const issues = activeIssues(report.issues).length;
  parts.push(issues === 0 ? 'no issues' : `${issues} issue${issues === 1 ? '' : 's'}`);
  parts.push(`${formatPercent(report.coldStartRate)} cold`);
  parts.push(`${formatUsd(report.cost.projectedMonthUsd)}/mo`);
  return parts.join(' · ');
}

/** The rows of a function's tooltip table (label, value); plain text, escaped by the caller. */
export function healthRows(report: FunctionReport | undefined, metrics: MetricTotals | undefined, config?: { runtime?: string; architecture?: string; memoryMb?: number; lastModified?: string }): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (report && report.invocations > 0) {
    rows.push(['Invocations', formatCount(report.invocations)]);
    const kinds = [
      report.timeouts ? `${report.timeouts} timeouts` : '',
      report.outOfMemory ? `${report.outOfMemory} out of memory` : '',
      report.initErrors ? `${report.initErrors} init errors` : '',
      report.crashes ? `${report.crashes} crashes` : '',
    ].filter(Boolean);
    rows.push(['Errors', `${formatCount(report.errors)} (${formatPercent(report.errorRate)})${kinds.length ? ` — ${kinds.join(', ')}` : ''}`]);
    const d = report.durationMs;
    if (d) rows.push(['Duration', `p50 ${formatMs(d.p50)} · p90 ${formatMs(d.p90)} · p99 ${formatMs(d.p99)} · max ${formatMs(d.max)}`]);
    if (report.warmDurationMs) rows.push(['Warm', `p50 ${formatMs(report.warmDurationMs.p50)} · p99 ${formatMs(report.warmDurationMs.p99)}`]);
    if (report.coldDurationMs) rows.push(['Cold', `p50 ${formatMs(report.coldDurationMs.p50)} · p99 ${formatMs(report.coldDurationMs.p99)}`]);
    rows.push(['Cold starts', `${formatCount(report.coldStarts)} (${formatPercent(report.coldStartRate)})${report.initDurationMs ? ` · init p99 ${formatMs(report.initDurationMs.p99)}` : ''}`]);
    if (report.memorySizeMb) rows.push(['Memory', `${report.maxMemoryUsedMb ?? '?'} of ${report.memorySizeMb} MB used at most`]);
    rows.push(...costRows(report.cost));
  } else {
    rows.push(['Invocations', metrics && metrics.invocations > 0 ? `${formatCount(metrics.invocations)} (metrics)` : 'none in this window']);
  }
  if (metrics) rows.push(['Throttles', formatCount(metrics.throttles)]);
  if (config?.runtime) rows.push(['Runtime', `${config.runtime}${config.architecture ? ` · ${config.architecture}` : ''}${config.memoryMb ? ` · ${config.memoryMb} MB` : ''}`]);
  if (config?.lastModified) rows.push(['Last deploy', config.lastModified]);
  return rows;
}

/** Cost rows of a tooltip: this window, the month (and the logs it is projected from), what is billed, the share of the account, the what-ifs. */
export function costRows(cost: FunctionCostReport): Array<[string, string]> {
  const rows: Array<[string, string]> = [['Cost', `${formatUsd(cost.windowUsd)} this window · ~${formatUsd(cost.projectedMonthUsd)}/month (${formatPercent(cost.shareOfAccount)} of the account)`]];
  const m = cost.month;
  rows.push(['Month', `${formatCount(m.requests)} requests · ${formatCount(Math.round(m.gbSeconds))} GB-s — ${costSplitText(m)}`]);
  if (cost.coverage) rows.push(['Projected from', coverageText(cost.coverage, undefined)]);
  if (cost.whatIf.arm64 && cost.whatIf.arm64.savingsUsd > 0) rows.push(['On arm64', `${formatUsd(cost.whatIf.arm64.savingsUsd)}/month less`]);
  if (cost.whatIf.memory && cost.whatIf.memory.savingsUsd > 0) rows.push([`At ${cost.whatIf.memory.memoryMb} MB`, `${formatUsd(cost.whatIf.memory.savingsUsd)}/month less (${cost.whatIf.memory.assumption})`]);
  return rows;
}
