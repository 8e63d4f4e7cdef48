import type { AnalysisReport } from '../../core/analysis/analysisReport';
import type { ReportDto } from '../../shared/reportProtocol';

const MAX_ISSUES_SHOWN = 25;

/** The engine's report, reduced to what the report panel shows. */
export function toReportDto(report: AnalysisReport, source: string, skippedLines: number): ReportDto {
  return {
    source,
    window: report.window ?? null,
    projectedMonthUsd: report.cost.projectedMonthUsd,
    skippedLines,
    functions: report.functions.map((f) => ({
      name: f.name,
      invocations: f.invocations,
      errors: f.errors,
      errorRate: f.errorRate,
      coldStartRate: f.coldStartRate,
      p50Ms: f.durationMs?.p50 ?? null,
      p99Ms: f.durationMs?.p99 ?? null,
      maxMs: f.durationMs?.max ?? null,
      initP99Ms: f.initDurationMs?.p99 ?? null,
      projectedMonthUsd: f.cost.projectedMonthUsd,
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
