import type { ErrorInfo, InvocationStatus } from './logs/parsedLine';

/** One request served by a function, assembled from its log lines. */
export interface Invocation {
  readonly requestId: string;
  readonly functionName: string;
  readonly logStream: string;
  /** Time of the first line seen for the request (START, or the first line that names it). */
  readonly startTime: number;
  /** Time of the REPORT (or of the last line seen when there was none). */
  readonly endTime: number;
  readonly version?: string;
  readonly durationMs?: number;
  readonly billedDurationMs?: number;
  readonly memorySizeMb?: number;
  readonly maxMemoryUsedMb?: number;
  /** Present on cold starts: the execution environment was initialised for this request. */
  readonly initDurationMs?: number;
  /** Present on SnapStart restores. */
  readonly restoreDurationMs?: number;
  readonly billedRestoreDurationMs?: number;
  readonly coldStart: boolean;
  readonly snapStartRestore: boolean;
  readonly status: InvocationStatus;
  /** Why it failed, for every status but `success`. */
  readonly error?: ErrorInfo;
  /** Errors logged at ERROR level by an invocation that still succeeded. */
  readonly handledErrors: readonly ErrorInfo[];
  /** False when the logs ended before the REPORT: figures are missing, the failure is known. */
  readonly reported: boolean;
  readonly xrayTraceId?: string;
}

/** An init failure that no invocation took the blame for (the environment died, or a retry succeeded). */
export interface InitFailure {
  readonly functionName: string;
  readonly logStream: string;
  readonly time: number;
  readonly initDurationMs?: number;
  readonly error: ErrorInfo;
}

