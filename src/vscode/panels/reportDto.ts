import type { AnalysisReport } from '../../core/analysis/analysisReport';
import type { ReportDto } from '../../shared/panelData';

const MAX_ISSUES_SHOWN = 25;

/** JSON has no NaN or Infinity: a figure that is not finite travels as null. */
export function finite(value: number | undefined | null): number | null {
  return value !== undefined && value !== null && Number.isFinite(value) ? value : null;
}

/** The engine's report, reduced to what the report panel shows. */
export function toReportDto(report: AnalysisReport, source: string, skippedLines: number): ReportDto {
  return {
    source,
    window: report.window ?? null,
    projectedMonthUsd: finite(report.cost.projectedMonthUsd),
    skippedLines,
    functions: report.functions.map((f) => ({
      name: f.name,
      invocations: f.invocations,
      errors: f.errors,
      errorRate: finite(f.errorRate),
      coldStartRate: finite(f.coldStartRate),
      p50Ms: finite(f.durationMs?.p50),
      p99Ms: finite(f.durationMs?.p99),
      maxMs: finite(f.durationMs?.max),
      initP99Ms: finite(f.initDurationMs?.p99),
      projectedMonthUsd: finite(f.cost.projectedMonthUsd),
      issues: f.issues.slice(0, MAX_ISSUES_SHOWN).map((i) => ({
        title: i.title,
        kind: i.kind,
        handled: i.handled,
        count: i.count,
        lastSeen: i.lastSeen,
        dependency: i.dependency,
        culprit: i.culprit,
      })),
    })),
  };
}
