import type { FunctionReport } from '../core/analysis/analysisReport';
import type { Finding } from '../core/insights/findings';
import { formatReport } from './formatReport';
import type { AccountReport, ReportedFunction } from './reportCommand';
import { terminalSafe } from './terminalText';

function configLine(f: ReportedFunction): string {
  const c = f.configuration;
  const parts = [c.runtime ?? 'container image', c.architecture, `${c.memorySizeMb} MB`, `timeout ${c.timeoutSeconds} s`, `${c.logFormat} logs`];
  return `  function      ${terminalSafe(parts.join(' · '))}`;
}

function metricsLine(f: ReportedFunction): string {
  const m = f.metrics;
  const parts = [`${m.invocations.toLocaleString('en-US')} invocations`, `${m.errors} errors`, `${m.throttles} throttles`];
  if (m.concurrentExecutionsMax !== undefined) parts.push(`peak concurrency ${m.concurrentExecutionsMax}`);
  return `  metrics       ${parts.join(' · ')}`;
}

function findingLines(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return ['  findings      none'];
  const out = [`  findings      ${findings.length}`];
  for (const f of findings) {
    out.push(`    ${f.severity === 'warning' ? '!' : 'i'} ${terminalSafe(f.title)}  [${f.id}]`);
    out.push(`      ${terminalSafe(f.evidence)}`);
    out.push(`      fix: ${terminalSafe(f.fix)}`);
  }
  return out;
}

/** `lambdascope report` for people: the analyze report, each function with its configuration and metrics. */
export function formatAccountReport(report: AccountReport): string {
  const byName = new Map(report.functions.map((f) => [f.name, f]));
  const header = `Account ${terminalSafe(report.profile)} · ${terminalSafe(report.region)} · ${report.functions.length} functions\n`;
  const body = formatReport(
    report,
    report.skipped,
    (f: FunctionReport) => {
      const reported = byName.get(f.name);
      if (!reported) return [];
      const lines = [configLine(reported), metricsLine(reported)];
      if (reported.problem) lines.push(`  problem       ${terminalSafe(reported.problem.message)}`);
      return lines;
    },
    (f: FunctionReport) => findingLines(byName.get(f.name)?.findings ?? []),
  );
  const notes = [...report.problems.map((p) => `Note: ${terminalSafe(p)}`), ...report.unknownFunctions.map((n) => `Note: no function named '${terminalSafe(n)}' in this account and region.`)];
  return `${header}\n${body}${notes.length > 0 ? `${notes.join('\n')}\n` : ''}`;
}
