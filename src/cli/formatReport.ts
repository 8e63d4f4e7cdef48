import type { AnalysisReport, FunctionReport, PercentileReport } from '../core/analysis/analysisReport';
import type { SkippedLines } from './eventInput';
import { terminalSafe } from './terminalText';
import { costSplitText } from '../core/cost/costSummary';

function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(value > 0 && value < 0.001 ? 3 : 1)}%`;
}

function usd(value: number): string {
  return value < 0.01 && value > 0 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

function percentiles(p: PercentileReport | null | undefined): string {
  return p ? `p50 ${ms(p.p50)} · p90 ${ms(p.p90)} · p95 ${ms(p.p95)} · p99 ${ms(p.p99)} · max ${ms(p.max)}` : 'no durations';
}

function isoTime(time: number): string {
  const date = new Date(time);
  return Number.isFinite(date.getTime()) ? date.toISOString().replace('.000Z', 'Z') : String(time);
}

function since(first: number, last: number): string {
  return `${isoTime(first)} → ${isoTime(last)}`;
}

function functionBlock(f: FunctionReport, extra: string[], tail: string[]): string[] {
  const out: string[] = [];
  if (f.invocations === 0 && f.issues.length === 0 && f.incomplete === 0) {
    // No traffic is not health: say so rather than print zeros.
    return [`λ ${terminalSafe(f.name)}`, '  idle in this window', ...extra, ...tail];
  }
  const failures = [
    f.timeouts ? `${f.timeouts} timeouts` : '',
    f.outOfMemory ? `${f.outOfMemory} out of memory` : '',
    f.initErrors ? `${f.initErrors} init errors` : '',
    f.crashes ? `${f.crashes} crashes` : '',
  ].filter(Boolean);
  out.push(`λ ${terminalSafe(f.name)}`);
  out.push(...extra);
  out.push(`  invocations   ${f.invocations.toLocaleString('en-US')}${f.incomplete ? ` (+${f.incomplete} still running when the logs end)` : ''}`);
  out.push(`  errors        ${f.errors} (${pct(f.errorRate)})${failures.length ? ` — ${failures.join(', ')}` : ''}${f.handledErrors ? `; ${f.handledErrors} handled errors logged` : ''}`);
  out.push(`  cold starts   ${f.coldStarts} (${pct(f.coldStartRate)})${f.initDurationMs ? ` · init p50 ${ms(f.initDurationMs.p50)} · p99 ${ms(f.initDurationMs.p99)}` : ''}${f.snapStartRestores ? ` · ${f.snapStartRestores} SnapStart restores` : ''}`);
  out.push(`  duration      ${percentiles(f.durationMs)}`);
  if (f.warmDurationMs && f.coldDurationMs) {
    out.push(`    warm        ${percentiles(f.warmDurationMs)}`);
    out.push(`    cold        ${percentiles(f.coldDurationMs)}`);
  }
  if (f.latency.thresholdMs !== undefined) {
    const share = f.latency.overThresholdShare ?? 0;
    const budget = f.latency.objectiveBudgetShare;
    const verdict = share <= budget ? 'within the objective' : `${(share / budget).toFixed(1)}× the ${pct(budget)} it allows`;
    out.push(`  objective     99% under ${ms(f.latency.thresholdMs)}: ${f.latency.overThreshold} over, ${pct(share)} of invocations — ${verdict}`);
  }
  const memory = f.memorySizeMb ? `${f.maxMemoryUsedMb ?? '?'} of ${f.memorySizeMb} MB used at most` : 'memory size unknown';
  out.push(`  compute       ${f.billedGbSeconds.toFixed(2)} GB-s · ${memory} · ${usd(f.cost.windowUsd)} in window · ~${usd(f.cost.projectedMonthUsd)}/month (${f.cost.architecture})`);
  out.push(...costLines(f));
  if (f.issues.length === 0) {
    out.push('  issues        none');
  } else {
    out.push(`  issues        ${f.issues.length}`);
    for (const issue of f.issues.slice(0, 10)) {
      const tags = [issue.kind, issue.handled ? 'handled' : '', issue.dependency ? `→ ${issue.dependency}` : ''].filter(Boolean).join(' ');
      out.push(`    ${String(issue.count).padStart(6)}×  ${terminalSafe(issue.title)}  [${terminalSafe(tags)}]`);
      if (issue.culprit) out.push(`             at ${terminalSafe(issue.culprit)}`);
    }
    if (f.issues.length > 10) out.push(`    … and ${f.issues.length - 10} more (use --json for all)`);
  }
  if (f.latency.outliers.length > 0) {
    const top = f.latency.outliers.slice(0, 3).map((o) => `${ms(o.durationMs)}${o.coldStart ? ' (cold)' : ''} ${terminalSafe(o.requestId)}`);
    out.push(`  slowest       ${top.join(' · ')}`);
  }
  const quality = [
    f.duplicateEvents ? `${f.duplicateEvents} duplicate events ignored` : '',
    f.lateEvents ? `${f.lateEvents} events out of order (kept, not checked for repeats)` : '',
    f.invalidTimestamps ? `${f.invalidTimestamps} events with impossible timestamps skipped` : '',
    f.droppedInvocations ? `${f.droppedInvocations} invocations older than the retention not kept` : '',
    f.issueOverflow ? `${f.issueOverflow} errors beyond the limit of distinct issues not grouped` : '',
  ].filter(Boolean);
  if (quality.length > 0) out.push(`  input         ${quality.join('; ')}`);
  return [...out, ...tail];
}

/** The month's split, the share of the account and the what-ifs. */
function costLines(f: FunctionReport): string[] {
  const m = f.cost.month;
  const out = [`  month         ${Math.round(m.requests).toLocaleString('en-US')} requests · ${Math.round(m.gbSeconds).toLocaleString('en-US')} GB-s — ${costSplitText(m)} · ${pct(f.cost.shareOfAccount)} of the account`];
  const whatIf = [
    f.cost.whatIf.arm64 && f.cost.whatIf.arm64.savingsUsd > 0 ? `on arm64 ${usd(f.cost.whatIf.arm64.savingsUsd)}/month less` : '',
    f.cost.whatIf.memory && f.cost.whatIf.memory.savingsUsd > 0 ? `at ${f.cost.whatIf.memory.memoryMb} MB ${usd(f.cost.whatIf.memory.savingsUsd)}/month less` : '',
  ].filter(Boolean);
  if (whatIf.length > 0) out.push(`  what if       ${whatIf.join(' · ')} (list prices; durations assumed unchanged)`);
  return out;
}

/** The human-readable report: one block per function, then the account's cost. */
export function formatReport(report: AnalysisReport, skipped: SkippedLines, extraLines: (f: FunctionReport) => string[] = () => [], tailLines: (f: FunctionReport) => string[] = () => []): string {
  const out: string[] = [];
  if (report.window) out.push(`Window ${since(report.window.from, report.window.to - 1)}`, '');
  if (report.functions.length === 0) out.push('No Lambda log events found.');
  for (const f of report.functions) out.push(...functionBlock(f, extraLines(f), tailLines(f)), '');
  const free = report.cost.freeTier;
  out.push(`Account cost (${report.cost.pricedAs} prices): ${usd(report.cost.windowUsd)} in this window, ~${usd(report.cost.projectedMonthUsd)} projected for the month after the free tier.`);
  out.push(`Free tier for the projected month: ${Math.round(free.gbSeconds.used).toLocaleString('en-US')} GB-s used, ${Math.round(free.gbSeconds.left).toLocaleString('en-US')} left; ${free.requests.used.toLocaleString('en-US')} requests used, ${free.requests.left.toLocaleString('en-US')} left.`);
  if (skipped.lines > 0) {
    const reasons = Object.entries(skipped.reasons)
      .map(([reason, n]) => `${n} ${reason}`)
      .join(', ');
    out.push(`Skipped ${skipped.lines} input lines: ${reasons}.`);
  }
  return `${out.join('\n')}\n`;
}
