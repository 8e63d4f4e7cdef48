import type { FunctionReport } from '../../core/analysis/analysisReport';
import type { IssueHistoryModel } from '../../core/issues/issueHistoryModel';
import type { MetricTotals } from '../../core/poll/metricHistory';
import type { SourcePosition } from '../../core/source/sourceMaps';
import type { InvocationPoint } from '../../core/timeline/invocationLog';
import type { TimelineModel } from '../../core/timeline/timelineModel';
import { finite } from './reportDto';
import type { FrameDto, FunctionHeaderDto, InvocationPointDto, IssueHistoryDto, TimelineDto } from '../../shared/panelProtocol';


export function headerDto(report: FunctionReport | undefined, metrics: MetricTotals | undefined): FunctionHeaderDto {
  return {
    invocations: report?.invocations ?? 0,
    errorRate: finite(report?.errorRate),
    p50Ms: finite(report?.durationMs?.p50),
    p90Ms: finite(report?.durationMs?.p90),
    p99Ms: finite(report?.durationMs?.p99),
    warmP99Ms: finite(report?.warmDurationMs?.p99),
    coldP99Ms: finite(report?.coldDurationMs?.p99),
    coldStartRate: finite(report?.coldStartRate),
    initP99Ms: finite(report?.initDurationMs?.p99),
    throttles: finite(metrics?.throttles),
    projectedMonthUsd: finite(report?.cost.projectedMonthUsd),
  };
}

export function pointDto(p: InvocationPoint): InvocationPointDto {
  return {
    requestId: p.requestId,
    time: p.time,
    durationMs: p.durationMs,
    ...(p.initDurationMs !== undefined ? { initDurationMs: p.initDurationMs } : {}),
    coldStart: p.coldStart,
    status: p.status,
    ...(p.version !== undefined ? { version: p.version } : {}),
    ...(p.issue !== undefined ? { issue: p.issue } : {}),
  };
}

export function timelineDto(model: TimelineModel, context: { functionName: string; profile: string; region: string; report?: FunctionReport; metrics?: MetricTotals }): TimelineDto {
  return {
    functionName: context.functionName,
    profile: context.profile,
    region: context.region,
    window: model.window,
    header: headerDto(context.report, context.metrics),
    points: model.points.map(pointDto),
    total: model.total,
    p99Ms: finite(model.p99Ms),
    thresholdMs: finite(model.thresholdMs),
    deploys: model.deploys,
    histogram: model.histogram,
  };
}

/** `placed[i]` is where frame i is in the workspace, when the editor could place it. */
export function issueHistoryDto(model: IssueHistoryModel, placed: ReadonlyArray<SourcePosition | undefined>): IssueHistoryDto {
  const frames: FrameDto[] = model.frames.map((f, i) => {
    const at = placed[i];
    return { text: f.text, inApp: f.inApp, ...(at && f.inApp ? { workspace: { file: at.file, line: at.line, column: at.column } } : {}) };
  });
  return {
    fingerprint: model.fingerprint,
    functionName: model.functionName,
    title: model.title,
    errorType: model.errorType,
    kind: model.handled ? 'handled' : model.kind,
    handled: model.handled,
    count: model.count,
    firstSeen: model.firstSeen,
    lastSeen: model.lastSeen,
    perHour: model.perHour,
    perDay: model.perDay,
    recent: model.recent,
    message: model.message,
    frames,
  };
}
