import type { StackFrame } from '../issues/stackFrames';

/** Terminal states an invocation can end in. */
export type InvocationStatus = 'success' | 'error' | 'timeout' | 'outOfMemory' | 'initError' | 'crash';

/** `status` as the platform itself reports it (text `Status:` or JSON `record.status`). */
export type PlatformStatus = 'success' | 'error' | 'timeout' | 'failure';

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

/** An error as the runtime or the application wrote it. */
export interface ErrorInfo {
  readonly type: string;
  readonly message: string;
  /** Innermost frame first, whatever order the runtime printed them in. */
  readonly frames: readonly StackFrame[];
}

export interface StartLine {
  readonly kind: 'start';
  readonly requestId: string;
  readonly version?: string;
}
export interface EndLine {
  readonly kind: 'end';
  readonly requestId: string;
}
export interface ReportLine {
  readonly kind: 'report';
  readonly requestId: string;
  readonly durationMs?: number;
  readonly billedDurationMs?: number;
  readonly memorySizeMb?: number;
  readonly maxMemoryUsedMb?: number;
  readonly initDurationMs?: number;
  readonly restoreDurationMs?: number;
  readonly billedRestoreDurationMs?: number;
  readonly status?: PlatformStatus;
  readonly errorType?: string;
  readonly xrayTraceId?: string;
}
export interface InitStartLine {
  readonly kind: 'initStart';
  readonly runtimeVersion?: string;
  readonly initializationType?: string;
}
export interface InitReportLine {
  readonly kind: 'initReport';
  readonly phase: 'init' | 'invoke';
  readonly initDurationMs?: number;
  readonly status?: PlatformStatus;
  readonly errorType?: string;
}
/** JSON format only: the runtime finished the request (the report follows). */
export interface RuntimeDoneLine {
  readonly kind: 'runtimeDone';
  readonly requestId: string;
  readonly status?: PlatformStatus;
  readonly errorType?: string;
}
/** SnapStart restore finished (JSON `platform.restoreReport`). */
export interface RestoreReportLine {
  readonly kind: 'restoreReport';
  readonly durationMs?: number;
  readonly status?: PlatformStatus;
  readonly errorType?: string;
}
/** The X-Ray part of a REPORT printed as its own line (some exports split it). */
export interface XrayLine {
  readonly kind: 'xray';
  readonly traceId?: string;
}
export interface TimeoutLine {
  readonly kind: 'timeout';
  readonly requestId?: string;
  readonly seconds: number;
}
/** The runtime process ended without answering: `Runtime exited with error: …`, `Process exited before completing request`. */
export interface RuntimeExitLine {
  readonly kind: 'runtimeExit';
  readonly requestId?: string;
  readonly reason: string;
  /** `signal: killed` (a kill, often the memory limit) as opposed to an exit status. */
  readonly killed: boolean;
  readonly errorType?: string;
}

/** A line the function itself (or its runtime client) wrote. */
export interface AppLine {
  readonly kind: 'app';
  /** Absent when the line carries none, or carries the literal `undefined` (Node during init). */
  readonly requestId?: string;
  readonly level?: LogLevel;
  /** The message; for a JSON-format record below ERROR, the whole record as written (not parsed, for speed). */
  readonly text: string;
  readonly error?: ErrorInfo;
  /**
   * The runtime reports that the invocation (or init) failed with this error: Node's `Invoke Error`,
   * `Uncaught Exception`, `Unhandled Promise Rejection`, Python's uncaught `[ERROR] Type: msg`,
   * the JSON error documents of Java, Go and Python.
   */
  readonly failure?: boolean;
  /** A language runtime's own out-of-memory message. */
  readonly outOfMemory?: boolean;
}

export type PlatformLine =
  | StartLine
  | EndLine
  | ReportLine
  | InitStartLine
  | InitReportLine
  | RuntimeDoneLine
  | RestoreReportLine
  | XrayLine
  | TimeoutLine
  | RuntimeExitLine;

export type ParsedLine = PlatformLine | AppLine;
