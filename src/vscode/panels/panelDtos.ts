import type { FunctionReport } from '../../core/analysis/analysisReport';
import type { IssueHistoryModel } from '../../core/issues/issueHistoryModel';
import type { MetricTotals } from '../../core/poll/metricHistory';
import type { SourcePosition } from '../../core/source/sourceMaps';
import type { InvocationPoint } from '../../core/timeline/invocationLog';
import type { TimelineModel } from '../../core/timeline/timelineModel';
import { finite } from './reportDto';
import type { FunctionConfig } from '../../core/ports';
import type { FrameDto, FunctionConfigDto, FunctionHeaderDto, FunctionIssueDto, InvocationPointDto, IssueHistoryDto, IssueStateDto, TimelineDto, TimelineFrameDto } from '../../shared/panelData';


export function headerDto(report: FunctionReport | undefined, metrics: MetricTotals | undefined): FunctionHeaderDto {
  return {
    invocations: report?.invocations ?? 0,
    errors: report?.errors ?? 0,
    errorRate: finite(report?.errorRate),
    p50Ms: finite(report?.durationMs?.p50),
    p90Ms: finite(report?.durationMs?.p90),
    p99Ms: finite(report?.durationMs?.p99),
    warmP50Ms: finite(report?.warmDurationMs?.p50),
    warmP90Ms: finite(report?.warmDurationMs?.p90),
    warmP99Ms: finite(report?.warmDurationMs?.p99),
    coldP50Ms: finite(report?.coldDurationMs?.p50),
    coldP90Ms: finite(report?.coldDurationMs?.p90),
    coldP99Ms: finite(report?.coldDurationMs?.p99),
    coldStartRate: finite(report?.coldStartRate),
    initP99Ms: finite(report?.initDurationMs?.p99),
    throttles: finite(metrics?.throttles),
    costUsd: finite(report?.cost.windowUsd),
    projectedMonthUsd: finite(report?.cost.projectedMonthUsd),
  };
}

export function pointDto(p: InvocationPoint): InvocationPointDto {
  return {
    requestId: p.requestId,
    time: p.time,
    durationMs: p.durationMs,
    ...(p.initDurationMs !== undefined ? { initDurationMs: p.initDurationMs } : {}),
    ...(p.billedDurationMs !== undefined ? { billedDurationMs: p.billedDurationMs } : {}),
    ...(p.maxMemoryUsedMb !== undefined ? { maxMemoryUsedMb: p.maxMemoryUsedMb } : {}),
    coldStart: p.coldStart,
    status: p.status,
    ...(p.version !== undefined ? { version: p.version } : {}),
    ...(p.issue !== undefined ? { issue: p.issue } : {}),
  };
}

export interface TimelineContext {
  readonly functionName: string;
  readonly profile: string;
  readonly region: string;
  readonly config?: FunctionConfig;
  readonly report?: FunctionReport;
  readonly metrics?: MetricTotals;
}

export function configDto(config: FunctionConfig | undefined, report: FunctionReport | undefined): FunctionConfigDto {
  const modified = config?.lastModified !== undefined ? Date.parse(config.lastModified) : Number.NaN;
  return {
    runtime: config?.runtime ?? null,
    architecture: config?.architecture ?? report?.cost.architecture ?? null,
    memorySizeMb: finite(config?.memoryMb ?? report?.memorySizeMb),
    timeoutSeconds: finite(config?.timeoutSeconds),
    version: config?.version ?? null,
    lastModified: finite(modified),
  };
}

export function functionIssuesDto(report: FunctionReport | undefined): FunctionIssueDto[] {
  return [...(report?.issues ?? [])]
    .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen)
    .map((i) => ({ fingerprint: i.fingerprint, title: i.title, kind: i.handled ? 'handled' : i.kind, state: 'open', count: i.count, lastSeen: i.lastSeen }));
}

/** What changes with every update besides the points (small: sent whole each time). */
export function timelineFrameDto(model: TimelineModel, context: Pick<TimelineContext, 'report' | 'metrics' | 'config'>): TimelineFrameDto {
  return {
    window: model.window,
    header: headerDto(context.report, context.metrics),
    total: model.total,
    p99Ms: finite(model.p99Ms),
    thresholdMs: finite(model.thresholdMs),
    deploys: model.deploys,
    histogram: model.histogram,
    config: configDto(context.config, context.report),
    issues: functionIssuesDto(context.report),
  };
}

export function timelineDto(model: TimelineModel, context: TimelineContext): TimelineDto {
  return {
    functionName: context.functionName,
    profile: context.profile,
    region: context.region,
    ...timelineFrameDto(model, context),
    points: model.points.map(pointDto),
  };
}

/** `placed[i]` is where frame i is in the workspace, when the editor could place it. */
export function issueHistoryDto(model: IssueHistoryModel, placed: ReadonlyArray<SourcePosition | undefined>, where: { profile: string; region: string; state?: IssueStateDto }): IssueHistoryDto {
  const frames: FrameDto[] = model.frames.map((f, i) => {
    const at = placed[i];
    return { text: f.text, inApp: f.inApp, ...(at && f.inApp ? { workspace: { file: at.file, line: at.line, column: at.column } } : {}) };
  });
  return {
    fingerprint: model.fingerprint,
    functionName: model.functionName,
    profile: where.profile,
    region: where.region,
    title: model.title,
    errorType: model.errorType,
    kind: model.handled ? 'handled' : model.kind,
    handled: model.handled,
    state: where.state ?? 'open',
    ...(model.dependency !== undefined ? { dependency: model.dependency } : {}),
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
