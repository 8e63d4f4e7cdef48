// The data the panels show, as the extension sends it: plain JSON shaped for display (the engine's
// own types stay on the extension's side). Figures a window does not have are null, never NaN.

export type InvocationStatusDto = 'success' | 'error' | 'timeout' | 'outOfMemory' | 'initError' | 'crash';

export type IssueStateDto = 'open' | 'resolved' | 'muted' | 'regressed';

// --- the analysis report panel --------------------------------------------------------------------

export interface ReportIssueDto {
  readonly title: string;
  readonly kind: string;
  readonly handled: boolean;
  readonly count: number;
  readonly lastSeen: number;
  readonly dependency?: string;
  readonly culprit?: string;
}

export interface ReportFunctionDto {
  readonly name: string;
  readonly invocations: number;
  readonly errors: number;
  readonly errorRate: number | null;
  readonly coldStartRate: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
  readonly initP99Ms: number | null;
  readonly projectedMonthUsd: number | null;
  readonly issues: readonly ReportIssueDto[];
}

export interface ReportDto {
  readonly source: string;
  readonly window: { readonly from: number; readonly to: number } | null;
  readonly functions: readonly ReportFunctionDto[];
  readonly projectedMonthUsd: number | null;
  readonly skippedLines: number;
}

// --- the function panel: invocation timeline ------------------------------------------------------

export interface InvocationPointDto {
  readonly requestId: string;
  readonly time: number;
  readonly durationMs: number;
  readonly initDurationMs?: number;
  readonly coldStart: boolean;
  readonly status: InvocationStatusDto;
  readonly billedDurationMs?: number;
  readonly maxMemoryUsedMb?: number;
  readonly version?: string;
  /** Fingerprint of the invocation's issue, when it failed. */
  readonly issue?: string;
}

/** The function's configuration as the catalog last read it (null: not known). */
export interface FunctionConfigDto {
  readonly runtime: string | null;
  readonly architecture: string | null;
  readonly memorySizeMb: number | null;
  readonly timeoutSeconds: number | null;
  readonly version: string | null;
  /** When the code or configuration last changed (a deploy). */
  readonly lastModified: number | null;
}

/** One of the function's issues in the window (the Issues tab). */
export interface FunctionIssueDto {
  readonly fingerprint: string;
  readonly title: string;
  readonly kind: string;
  readonly state: IssueStateDto;
  readonly count: number;
  readonly lastSeen: number;
}

/** Figures of the panel's header, from the engine's sketches (every invocation, not the points drawn). */
export interface FunctionHeaderDto {
  readonly invocations: number;
  readonly errors: number;
  readonly errorRate: number | null;
  readonly p50Ms: number | null;
  readonly p90Ms: number | null;
  readonly p99Ms: number | null;
  readonly warmP50Ms: number | null;
  readonly warmP90Ms: number | null;
  readonly warmP99Ms: number | null;
  readonly coldP50Ms: number | null;
  readonly coldP90Ms: number | null;
  readonly coldP99Ms: number | null;
  readonly coldStartRate: number | null;
  readonly initP99Ms: number | null;
  readonly throttles: number | null;
  /** The window's cost at list price (no free tier). */
  readonly costUsd: number | null;
  /** The window's traffic repeated all month, the account's free tier shared out. */
  readonly projectedMonthUsd: number | null;
  /** This function's part of the account's projected Lambda cost (0–1); null when neither has a cost. */
  readonly shareOfAccount: number | null;
  /** The projected month by what is billed (null: no traffic in the window). */
  readonly monthSplit: CostSplitDto | null;
  /** What the same month would cost otherwise (list prices before the free tier); null: not applicable. */
  readonly whatIfArm64: CostWhatIfDto | null;
  readonly whatIfMemory: (CostWhatIfDto & { readonly memoryMb: number }) | null;
}

/** A projected month split by what is billed, in US dollars. */
export interface CostSplitDto {
  readonly requestUsd: number;
  /** Duration (on-demand, or at the provisioned-concurrency rate). */
  readonly computeUsd: number;
  /** Provisioned concurrency kept warm. */
  readonly provisionedUsd: number;
  /** Ephemeral storage over the included 512 MB. */
  readonly ephemeralUsd: number;
}

export interface CostWhatIfDto {
  /** The month's list price that way. */
  readonly usd: number;
  /** Per month, against the list price today: negative means it would cost more. */
  readonly savingsUsd: number;
  /** What the figure takes for granted, in words. */
  readonly assumption: string;
}

/** A best-practice finding about the function (the Findings tab): engine text, shown as text. */
export interface FindingDto {
  /** The rule's id (`memory.overProvisioned`): what lambdascope.findings.disabled turns off. */
  readonly id: string;
  readonly severity: 'warning' | 'info';
  readonly title: string;
  readonly evidence: string;
  readonly why: string;
  readonly fix: string;
}

export interface DurationHistogramDto {
  /** Bucket edges in ms on a log scale: bucket i is [edges[i], edges[i+1]). */
  readonly edges: readonly number[];
  readonly warm: readonly number[];
  readonly cold: readonly number[];
}

/** Everything the timeline draws besides the points; sent whole with each update (it is small). */
export interface TimelineFrameDto {
  readonly window: { readonly from: number; readonly to: number };
  readonly header: FunctionHeaderDto;
  /** Invocations in the window (the chart may draw fewer; the figures count them all). */
  readonly total: number;
  readonly p99Ms: number | null;
  readonly thresholdMs: number | null;
  readonly deploys: ReadonlyArray<{ readonly time: number; readonly version: string }>;
  readonly histogram: DurationHistogramDto;
  readonly config: FunctionConfigDto;
  /** The window's issues, most frequent first. */
  readonly issues: readonly FunctionIssueDto[];
  /** Best-practice findings (rules turned off left out), warnings first. */
  readonly findings: readonly FindingDto[];
}

export interface TimelineDto extends TimelineFrameDto {
  readonly functionName: string;
  /** The function's ARN when the catalog has read it (the panel's identity, kept across reloads). */
  readonly arn: string | null;
  readonly profile: string;
  readonly region: string;
  /** The points drawn: every failure and cold start, and the outline of the rest. */
  readonly points: readonly InvocationPointDto[];
}

// --- one invocation, opened from a point or an occurrence -----------------------------------------

export interface LogLineDto {
  readonly time: number;
  readonly message: string;
}

export interface InvocationDetailDto {
  readonly requestId: string;
  readonly functionName: string;
  readonly time: number;
  readonly status: InvocationStatusDto | null;
  readonly coldStart: boolean | null;
  /** Handler time (Lambda's Duration), apart from the init time of a cold start. */
  readonly durationMs: number | null;
  readonly initDurationMs: number | null;
  readonly billedDurationMs: number | null;
  readonly maxMemoryUsedMb: number | null;
  readonly memorySizeMb: number | null;
  readonly version: string | null;
  readonly issue: { readonly fingerprint: string; readonly title: string } | null;
  /** Its log lines in order, as text. */
  readonly lines: readonly LogLineDto[];
  /** Why the lines are missing or incomplete, when they are. */
  readonly note: string | null;
}

// --- the issue panel: issue history ----------------------------------------------------------------

export interface FrameDto {
  readonly text: string;
  readonly inApp: boolean;
  /** Where the frame is in the workspace (line and column 1-based, as shown), when it could be placed: then it is a link. */
  readonly workspace?: { readonly file: string; readonly line: number; readonly column: number };
}

export interface IssueHistoryDto {
  readonly fingerprint: string;
  readonly functionName: string;
  readonly profile: string;
  readonly region: string;
  readonly title: string;
  readonly errorType: string;
  /** error, timeout, outOfMemory, initError, crash, or handled. */
  readonly kind: string;
  readonly handled: boolean;
  readonly state: IssueStateDto;
  readonly dependency?: string;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Counts per hour (the last 72 h) and per day (the last 90 days), oldest first. */
  readonly perHour: ReadonlyArray<{ readonly time: number; readonly count: number }>;
  readonly perDay: ReadonlyArray<{ readonly time: number; readonly count: number }>;
  /** The most recent occurrences, newest first. */
  readonly recent: ReadonlyArray<{ readonly time: number; readonly requestId: string }>;
  /** The latest occurrence's message and stack, innermost frame first. */
  readonly message: string;
  readonly frames: readonly FrameDto[];
}
