import type { FunctionReport } from '../../core/analysis/analysisReport';
import type { IssueHistoryModel } from '../../core/issues/issueHistoryModel';
import type { MetricTotals } from '../../core/poll/metricHistory';
import type { SourcePosition } from '../../core/source/sourceMaps';
import type { InvocationPoint } from '../../core/timeline/invocationLog';
import type { TimelineModel } from '../../core/timeline/timelineModel';
import { finite } from './reportDto';
import type { OccurrenceRecord } from '../../core/issues/issueStates';
import type { LogEvent } from '../../core/logEvent';
import type { FunctionConfig } from '../../core/ports';
import { warningsFirst, type Finding } from '../../core/insights/findings';
import type { CostWhatIfDto, FindingDto, FrameDto, FunctionConfigDto, InvocationDetailDto, FunctionHeaderDto, FunctionIssueDto, InvocationPointDto, IssueHistoryDto, IssueStateDto, TimelineDto, TimelineFrameDto } from '../../shared/panelData';


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
    ...costDetail(report),
  };
}

type CostDetail = Pick<FunctionHeaderDto, 'shareOfAccount' | 'monthSplit' | 'whatIfArm64' | 'whatIfMemory'>;

function whatIfDto(w: { readonly usd: number; readonly savingsUsd: number; readonly assumption: string } | undefined): CostWhatIfDto | null {
  if (!w || !Number.isFinite(w.usd) || !Number.isFinite(w.savingsUsd)) return null;
  return { usd: w.usd, savingsUsd: w.savingsUsd, assumption: w.assumption };
}

/** The cost tile's sub-lines. A function with no projected cost has no meaningful share (0% of $0 or of the rest). */
function costDetail(report: FunctionReport | undefined): CostDetail {
  if (!report) return { shareOfAccount: null, monthSplit: null, whatIfArm64: null, whatIfMemory: null };
  const c = report.cost;
  const arm64 = whatIfDto(c.whatIf.arm64);
  const memory = whatIfDto(c.whatIf.memory);
  return {
    shareOfAccount: c.projectedMonthUsd > 0 ? finite(c.shareOfAccount) : null,
    monthSplit: { requestUsd: c.month.requestUsd, computeUsd: c.month.computeUsd, provisionedUsd: c.month.provisionedUsd, ephemeralUsd: c.month.ephemeralUsd },
    whatIfArm64: arm64,
    whatIfMemory: memory && c.whatIf.memory ? { ...memory, memoryMb: c.whatIf.memory.memoryMb } : null,
  };
}

/** The Findings tab: warnings first, then in the engine's order (the explorer's order too). */
function findingsDto(findings: readonly Finding[] | undefined): FindingDto[] {
  return warningsFirst(findings ?? []).map((f) => ({ id: f.id, severity: f.severity, title: f.title, evidence: f.evidence, why: f.why, fix: f.fix }));
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
  readonly findings?: readonly Finding[];
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
    .map((i) => ({ fingerprint: i.fingerprint, title: i.title, kind: i.handled ? 'handled' : i.kind, state: i.state ?? 'open', count: i.count, lastSeen: i.lastSeen }));
}

/** What changes with every update besides the points (small: sent whole each time). */
export function timelineFrameDto(model: TimelineModel, context: Pick<TimelineContext, 'report' | 'metrics' | 'config' | 'findings'>): TimelineFrameDto {
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
    findings: findingsDto(context.findings),
  };
}

export function timelineDto(model: TimelineModel, context: TimelineContext): TimelineDto {
  return {
    functionName: context.functionName,
    arn: context.config?.arn ?? null,
    profile: context.profile,
    region: context.region,
    ...timelineFrameDto(model, context),
    points: model.points.map(pointDto),
  };
}

/** `placed[i]` is where frame i is in the workspace, when the editor could place it. */
/**
 * `stored`: the issue's occurrences kept across restarts (per day, and the total), when there is a
 * record: the engine itself only knows what it read since it started.
 */
export function issueHistoryDto(model: IssueHistoryModel, placed: ReadonlyArray<SourcePosition | undefined>, where: { profile: string; region: string; state?: IssueStateDto; stored?: OccurrenceRecord }): IssueHistoryDto {
  const frames: FrameDto[] = model.frames.map((f, i) => {
    const at = placed[i];
    return { text: f.text, inApp: f.inApp, ...(at && f.inApp ? { workspace: { file: at.file, line: at.line + 1, column: at.column + 1 } } : {}) };
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
    count: Math.max(model.count, where.stored?.total ?? 0),
    firstSeen: Math.min(model.firstSeen, where.stored?.firstSeen ?? Number.POSITIVE_INFINITY),
    lastSeen: model.lastSeen,
    perHour: model.perHour,
    perDay: where.stored ? where.stored.daily.map(([day, count]) => ({ time: day * 86_400_000, count })) : model.perDay,
    // After a restart the engine has only re-read its lookback: the stored occurrences go further back.
    recent: where.stored?.recent && where.stored.recent.length > model.recent.length ? where.stored.recent.map(([time, requestId]) => ({ time, requestId })) : model.recent,
    message: model.message,
    frames,
  };
}

export interface InvocationDetailInput {
  readonly functionName: string;
  readonly requestId: string;
  /** When it happened, if known without the point (an issue's occurrence). */
  readonly time?: number;
  readonly point?: InvocationPoint;
  readonly lines: readonly LogEvent[];
  readonly config?: FunctionConfig;
  readonly issue?: { readonly fingerprint: string; readonly title: string };
}

/** Lines shown at most for one invocation (a runaway loop can log millions). */
export const MAX_DETAIL_LINES = 2000;

export function invocationDetailDto(input: InvocationDetailInput): InvocationDetailDto {
  const p = input.point;
  const lines = input.lines.slice(0, MAX_DETAIL_LINES).map((e) => ({ time: e.timestamp, message: e.message }));
  let note: string | null = null;
  if (input.lines.length === 0) note = 'No log lines were found for this invocation: CloudWatch may no longer keep them (the log group\'s retention), or they have not arrived yet.';
  else if (input.lines.length > MAX_DETAIL_LINES) note = `Showing the first ${MAX_DETAIL_LINES.toLocaleString('en-US')} of ${input.lines.length.toLocaleString('en-US')} lines.`;
  return {
    requestId: input.requestId,
    functionName: input.functionName,
    time: p?.time ?? input.time ?? input.lines[0]?.timestamp ?? 0,
    status: p?.status ?? null,
    coldStart: p ? p.coldStart : null,
    durationMs: finite(p?.durationMs),
    initDurationMs: finite(p?.initDurationMs),
    billedDurationMs: finite(p?.billedDurationMs),
    maxMemoryUsedMb: finite(p?.maxMemoryUsedMb),
    memorySizeMb: finite(input.config?.memoryMb),
    version: p?.version ?? null,
    issue: input.issue ?? null,
    lines,
    note,
  };
}
