import type { InitFailure, Invocation } from '../invocation';
import type { AppLine, ErrorInfo, InitReportLine, InvocationStatus, ParsedLine, PlatformStatus, ReportLine } from './parsedLine';
import { isOutOfMemoryType } from './runtimeErrors';
import { requestIdOf } from './parseLine';
import { FinishedRequestMemory } from './finishedRequests';
import { hash53 } from '../hash';

export interface AssemblerSink {
  invocation(invocation: Invocation): void;
  initFailure(failure: InitFailure): void;
  /** An ERROR line for a request that was already finalised (asynchronous work logging late). */
  lateError(functionName: string, requestId: string, time: number, error: ErrorInfo): void;
}

/** What a stream remembers of the requests it finished (see StreamAssembler.finished/restore). */
export interface FinishedRequests {
  /** FinishedRequestMemory.entries(): four numbers a request, oldest first. */
  readonly entries: readonly number[];
  readonly lastTime: number;
}

export interface AssemblerOptions {
  /** Lines may still arrive for a request this long after its REPORT (exit messages, late XRAY parts). */
  readonly settleMs: number;
}

const MAX_HANDLED_PER_INVOCATION = 20;

interface InitState {
  time: number;
  /** An INIT_REPORT of phase `init` that failed: the environment retries init inside the next invoke. */
  initPhaseFailure?: InitReportLine;
  /** An INIT_REPORT of phase `invoke` that failed: the next START's invocation is an init error. */
  invokePhaseFailure?: InitReportLine;
  failureError?: ErrorInfo;
  lastError?: ErrorInfo;
  outOfMemory?: boolean;
  exitReason?: string;
  restoreDurationMs?: number;
}

interface Draft {
  requestId: string;
  /** hash53(requestId), computed once: the key of the finished-requests memory. */
  key: number;
  /** Whether an application line naming this id names this request (see requestIdOf). */
  idValid: boolean;
  startTime: number;
  lastTime: number;
  /** Whether its START was read (else it began with a later line, and its start is not known). */
  started: boolean;
  version?: string;
  report?: ReportLine;
  reportTime?: number;
  runtimeDoneStatus?: PlatformStatus;
  runtimeDoneErrorType?: string;
  timeoutSeconds?: number;
  exitReason?: string;
  exitKilled?: boolean;
  exitErrorType?: string;
  outOfMemory?: boolean;
  failureError?: ErrorInfo;
  handled: ErrorInfo[];
  init?: InitState;
  xrayTraceId?: string;
}

/**
 * Follows one log stream (one execution environment) line by line and assembles its
 * invocations. Lines without a request id (Python tracebacks, some timeouts, init output)
 * belong to whatever the environment is doing at that moment.
 */
export class StreamAssembler {
  private open: Draft | undefined;
  private reported: Draft | undefined;
  private init: InitState | undefined;
  private readonly finishedRequests = new FinishedRequestMemory();
  private lastFinalizedTime = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly functionName: string,
    private readonly logStream: string,
    private readonly sink: AssemblerSink,
    private readonly options: AssemblerOptions,
  ) {}

  /**
   * `late`: the line is older than the de-duplication horizon, so it may be a re-read: it may not
   * end the request in progress, and a line of a finished request is not counted again.
   */
  accept(line: ParsedLine, time: number, late = false): void {
    this.settle(time);
    switch (line.kind) {
      case 'start': {
        // A START of a request seen here is a re-read if it falls within what was seen of it; one
        // before or after is another attempt: Lambda retries a failed asynchronous invocation with
        // the same request id, and each attempt is an invocation of its own.
        if (this.open?.requestId === line.requestId && time <= this.open.lastTime) return;
        const reported = this.reported;
        if (reported?.requestId === line.requestId && time >= reported.startTime && time <= reported.lastTime) return;
        const key = hash53(line.requestId);
        if (this.finishedRequests.covers(key, time) || (late && this.open)) return;
        this.finalizeReported();
        this.abandonOpen();
        const draft = this.newDraft(line.requestId, time, key);
        draft.started = true;
        draft.version = line.version;
        this.open = draft;
        return;
      }
      case 'end': {
        const draft = this.draftFor(line.requestId, time);
        if (draft) draft.lastTime = Math.max(draft.lastTime, time);
        return;
      }
      case 'report': {
        if (this.reported?.requestId === line.requestId && this.reported.report) return;
        let draft = this.open?.requestId === line.requestId ? this.ownLine(this.open, time) : undefined;
        if (!draft) {
          // A re-read, or the REPORT of an attempt finalised before it came (its failure was known).
          const key = hash53(line.requestId);
          if (this.finishedRequests.covers(key, time) || this.finishedRequests.endedUnreported(key)) return;
          this.finalizeReported();
          draft = this.newDraft(line.requestId, time);
        } else if (this.reported) {
          this.finalizeReported();
        }
        draft.report = line;
        draft.reportTime = time;
        draft.lastTime = Math.max(draft.lastTime, time);
        if (line.xrayTraceId) draft.xrayTraceId = line.xrayTraceId;
        if (this.open === draft) this.open = undefined;
        this.reported = draft;
        return;
      }
      case 'runtimeDone': {
        const draft = this.draftFor(line.requestId, time) ?? this.adopt(line.requestId, time);
        if (!draft) return;
        draft.runtimeDoneStatus = line.status;
        draft.runtimeDoneErrorType = line.errorType;
        return;
      }
      case 'initStart': {
        this.finalizeReported();
        this.abandonOpen();
        this.flushInit();
        this.init = { time };
        return;
      }
      case 'initReport': {
        if (line.status !== 'error' && line.status !== 'timeout' && line.status !== 'failure') return;
        if (this.open && !this.open.report && line.phase === 'invoke') {
          const state = (this.open.init ??= { time });
          state.invokePhaseFailure = line;
          return;
        }
        const state = (this.init ??= { time });
        if (line.phase === 'invoke') state.invokePhaseFailure = line;
        else {
          if (state.initPhaseFailure) this.emitInitFailure(state);
          state.initPhaseFailure = line;
        }
        return;
      }
      case 'restoreReport': {
        const state = (this.init ??= { time });
        state.restoreDurationMs = line.durationMs;
        return;
      }
      case 'xray': {
        const draft = this.reported ?? this.open;
        if (draft && line.traceId) draft.xrayTraceId = line.traceId;
        return;
      }
      case 'timeout': {
        // A line naming a request that is already finalised changes nothing (never the running one).
        if (line.requestId && this.isRecent(line.requestId) && !this.draftFor(line.requestId, time)) return;
        const draft = (line.requestId ? this.draftFor(line.requestId, time) ?? this.adopt(line.requestId, time) : undefined) ?? this.open ?? this.reported;
        if (draft) {
          draft.timeoutSeconds = line.seconds;
          draft.lastTime = Math.max(draft.lastTime, time);
        }
        return;
      }
      case 'runtimeExit': {
        if (line.requestId && this.isRecent(line.requestId) && !this.draftFor(line.requestId, time)) return;
        const draft = (line.requestId ? this.draftFor(line.requestId, time) ?? this.adopt(line.requestId, time) : undefined) ?? this.open;
        if (draft) {
          draft.exitReason = line.reason;
          draft.exitKilled = line.killed;
          draft.exitErrorType = line.errorType;
          draft.lastTime = Math.max(draft.lastTime, time);
        } else {
          const state = (this.init ??= { time });
          state.exitReason = line.reason;
        }
        return;
      }
      case 'app':
        this.acceptApp(line, time, late);
        return;
    }
  }

  /** Finalise whatever has settled by `time` (the caller's view of how far the stream has been read). */
  settle(time: number): void {
    if (this.reported && time > (this.reported.reportTime ?? this.reported.lastTime) + this.options.settleMs) this.finalizeReported();
  }

  /**
   * End of input: finalise everything. An invocation without a REPORT is kept only when its
   * failure is known (a timeout or exit line, an error document); otherwise it was still running
   * when the logs ended, and is returned to be counted as incomplete.
   */
  flush(): number {
    this.finalizeReported();
    let incomplete = 0;
    if (this.open) {
      if (this.hasFailureEvidence(this.open)) this.finalize(this.open);
      else incomplete++;
      this.open = undefined;
    }
    this.flushInit();
    return incomplete;
  }

  /**
   * The requests this stream finished, for a stream set aside and read again later (a whole file's
   * analysis): a new assembler given them (restore) does not count a re-read of them again.
   */
  finished(): FinishedRequests {
    return { entries: this.finishedRequests.entries(), lastTime: this.lastFinalizedTime };
  }

  /** Remember requests a previous assembler of this stream finished (see finished()). */
  restore(finished: FinishedRequests): void {
    this.finishedRequests.restore(finished.entries);
    this.lastFinalizedTime = Math.max(this.lastFinalizedTime, finished.lastTime);
  }

  /** A request has started and not reported: the stream must be kept until it does. */
  get hasOpenRequest(): boolean {
    return this.open !== undefined;
  }

  /**
   * A quiet line (see matchQuietLine), its request id at [idStart, idEnd) of `message` (−1: none):
   * the same as accept() of its parsed line, which could only keep a request going, without the
   * parsed line. The id is compared in place with the running request's.
   */
  acceptQuiet(message: string, idStart: number, idEnd: number, time: number): void {
    this.settle(time);
    let draft: Draft | undefined = this.open;
    if (idStart < 0) {
      // No id: the running request's line.
    } else if (draft && sameText(draft.requestId, message, idStart, idEnd)) {
      // The running request's id (an invalid one names no request: the running one's line too).
      if (draft.idValid) draft = this.ownLine(draft, time);
    } else {
      const reported = this.reported;
      if (reported?.idValid && sameText(reported.requestId, message, idStart, idEnd)) {
        draft = this.ownLine(reported, time);
      } else {
        // Neither request's: a valid id is a request to follow (if it may start now); else none.
        const requestId = requestIdOf(message.slice(idStart, idEnd));
        if (requestId !== undefined) draft = this.adopt(requestId, time);
      }
    }
    if (draft) draft.lastTime = Math.max(draft.lastTime, time);
  }

  private acceptApp(line: AppLine, time: number, late: boolean): void {
    let draft: Draft | undefined;
    if (line.requestId) {
      draft = this.draftFor(line.requestId, time) ?? this.adopt(line.requestId, time);
      if (!draft) {
        // A request already counted (or not ours to start now): keep the error as an occurrence,
        // unless the line may be a re-read.
        if (line.error && !late) {
          // Its request's span grows, so that a re-read of this line is never another attempt's.
          this.finishedRequests.extend(hash53(line.requestId), time);
          this.sink.lateError(this.functionName, line.requestId, time, line.error);
        }
        return;
      }
    } else {
      draft = this.open;
      if (!draft && this.reported && !this.init && time <= (this.reported.reportTime ?? time) + this.options.settleMs && line.failure) {
        draft = this.reported;
      }
    }
    if (!draft) {
      if (!line.error && !line.outOfMemory) return;
      const state = (this.init ??= { time });
      if (line.failure && line.error) state.failureError = line.error;
      else if (line.error) state.lastError = line.error;
      if (line.outOfMemory) state.outOfMemory = true;
      return;
    }
    draft.lastTime = Math.max(draft.lastTime, time);
    if (line.outOfMemory) draft.outOfMemory = true;
    if (!line.error) return;
    if (line.failure) draft.failureError = line.error;
    else if (draft.handled.length < MAX_HANDLED_PER_INVOCATION) draft.handled.push(line.error);
  }

  private newDraft(requestId: string, time: number, key = hash53(requestId)): Draft {
    // Every field from the start: drafts then share one shape, which keeps finalize()'s reads fast.
    const draft: Draft = {
      requestId,
      key,
      idValid: requestIdOf(requestId) !== undefined,
      startTime: time,
      lastTime: time,
      started: false,
      version: undefined,
      report: undefined,
      reportTime: undefined,
      runtimeDoneStatus: undefined,
      runtimeDoneErrorType: undefined,
      timeoutSeconds: undefined,
      exitReason: undefined,
      exitKilled: undefined,
      exitErrorType: undefined,
      outOfMemory: undefined,
      failureError: undefined,
      handled: [],
      init: undefined,
      xrayTraceId: undefined,
    };
    if (this.init) {
      draft.init = this.init;
      this.init = undefined;
    }
    return draft;
  }

  /** A line names a request we never saw start (its START fell before the window): follow it anyway. */
  private adopt(requestId: string, time: number): Draft | undefined {
    // Never at the expense of the request in progress, and never for a line older than the last
    // finished request (a re-read, or a late line of a request already counted).
    if (this.open || this.isRecent(requestId) || time < this.lastFinalizedTime) return undefined;
    this.finalizeReported();
    this.open = this.newDraft(requestId, time);
    return this.open;
  }

  private draftFor(requestId: string, time: number): Draft | undefined {
    const named = this.open?.requestId === requestId ? this.open : this.reported?.requestId === requestId ? this.reported : undefined;
    const draft = named && this.ownLine(named, time);
    if (draft) draft.lastTime = Math.max(draft.lastTime, time);
    return draft;
  }

  /**
   * `draft`, unless a line naming its request belongs to an earlier attempt of it (an asynchronous
   * retry has the same request id): it is older than the draft and than that attempt's end.
   */
  private ownLine(draft: Draft, time: number): Draft | undefined {
    return time < draft.startTime && this.finishedRequests.covers(draft.key, time) ? undefined : draft;
  }

  private isRecent(requestId: string): boolean {
    return this.finishedRequests.has(hash53(requestId));
  }

  /** A new START while the previous request has no REPORT: its REPORT is lost for good. */
  private abandonOpen(): void {
    if (!this.open) return;
    if (this.hasFailureEvidence(this.open)) this.finalize(this.open);
    this.open = undefined;
  }

  private finalizeReported(): void {
    if (!this.reported) return;
    const draft = this.reported;
    this.reported = undefined;
    this.finalize(draft);
  }

  private flushInit(): void {
    const state = this.init;
    this.init = undefined;
    if (state && (state.initPhaseFailure || state.invokePhaseFailure)) this.emitInitFailure(state);
  }

  private emitInitFailure(state: InitState): void {
    const report = state.invokePhaseFailure ?? state.initPhaseFailure;
    this.sink.initFailure({
      functionName: this.functionName,
      logStream: this.logStream,
      time: state.time,
      initDurationMs: report?.initDurationMs,
      error: initError(state, report),
    });
    state.initPhaseFailure = undefined;
    state.invokePhaseFailure = undefined;
  }

  private hasFailureEvidence(draft: Draft): boolean {
    return (
      draft.timeoutSeconds !== undefined ||
      draft.exitReason !== undefined ||
      draft.failureError !== undefined ||
      draft.outOfMemory === true ||
      draft.init?.invokePhaseFailure !== undefined ||
      isFailedStatus(draft.runtimeDoneStatus)
    );
  }

  private finalize(draft: Draft): void {
    this.lastFinalizedTime = Math.max(this.lastFinalizedTime, draft.reportTime ?? draft.lastTime);
    // Without its START, the attempt may have begun any time before its first line read.
    const start = draft.started ? draft.startTime : Number.NEGATIVE_INFINITY;
    this.finishedRequests.remember(draft.key, start, draft.lastTime, draft.report !== undefined);
    const report = draft.report;
    const init = draft.init;
    const initFailed = init?.invokePhaseFailure !== undefined;
    // A failed init-phase attempt that the invoke retried successfully is its own occurrence.
    if (init?.initPhaseFailure && !initFailed) this.emitInitFailure({ ...init, invokePhaseFailure: undefined });
    const status = statusOf(draft, initFailed);
    const initDurationMs = report?.initDurationMs ?? (initFailed ? init?.invokePhaseFailure?.initDurationMs : undefined);
    const restoreDurationMs = report?.restoreDurationMs ?? init?.restoreDurationMs;
    this.sink.invocation({
      requestId: draft.requestId,
      functionName: this.functionName,
      logStream: this.logStream,
      startTime: draft.startTime,
      endTime: draft.reportTime ?? draft.lastTime,
      version: draft.version,
      durationMs: report?.durationMs,
      billedDurationMs: report?.billedDurationMs,
      memorySizeMb: report?.memorySizeMb,
      maxMemoryUsedMb: report?.maxMemoryUsedMb,
      initDurationMs,
      restoreDurationMs,
      billedRestoreDurationMs: report?.billedRestoreDurationMs,
      coldStart: initDurationMs !== undefined,
      snapStartRestore: restoreDurationMs !== undefined,
      status,
      error: status === 'success' ? undefined : failureDetail(draft, status),
      handledErrors: status === 'success' ? draft.handled : [],
      reported: report !== undefined,
      xrayTraceId: draft.xrayTraceId,
    });
  }
}

function isFailedStatus(status: PlatformStatus | undefined): boolean {
  return status === 'error' || status === 'failure' || status === 'timeout';
}

function statusOf(draft: Draft, initFailed: boolean): InvocationStatus {
  const report = draft.report;
  if (initFailed) return 'initError';
  if (report?.status === 'timeout' || draft.runtimeDoneStatus === 'timeout' || draft.timeoutSeconds !== undefined) return 'timeout';
  const platformFailed = isFailedStatus(report?.status) || isFailedStatus(draft.runtimeDoneStatus);
  const errorType = report?.errorType ?? draft.runtimeDoneErrorType ?? draft.exitErrorType;
  const memoryFull =
    report?.maxMemoryUsedMb !== undefined && report.memorySizeMb !== undefined && report.maxMemoryUsedMb >= report.memorySizeMb;
  const exited = draft.exitReason !== undefined || errorType === 'Runtime.ExitError';
  // A runtime's out-of-memory message counts only when the invocation failed (or never reported):
  // a handled MemoryError, or a log line that mentions one, does not kill a successful request.
  const failedSomehow = platformFailed || exited || draft.failureError !== undefined || report === undefined;
  if (
    isOutOfMemoryType(errorType) ||
    (draft.outOfMemory === true && failedSomehow) ||
    (memoryFull && (draft.exitKilled === true || ((exited || platformFailed) && !draft.failureError)))
  ) {
    return 'outOfMemory';
  }
  if (exited) return 'crash';
  if (platformFailed || draft.failureError) return 'error';
  return 'success';
}

function formatSeconds(ms: number | undefined): string {
  return ms === undefined ? '?' : (ms / 1000).toFixed(2);
}

function failureDetail(draft: Draft, status: InvocationStatus): ErrorInfo {
  const report = draft.report;
  switch (status) {
    case 'timeout': {
      const seconds = draft.timeoutSeconds !== undefined ? draft.timeoutSeconds.toFixed(2) : formatSeconds(report?.durationMs);
      return { type: 'Timeout', message: `Task timed out after ${seconds} seconds`, frames: [] };
    }
    case 'outOfMemory': {
      const size = report?.memorySizeMb;
      return { type: 'Runtime.OutOfMemory', message: size ? `Out of memory (memory size ${size} MB)` : 'Out of memory', frames: [] };
    }
    case 'initError':
      return initError(draft.init ?? { time: draft.startTime }, draft.init?.invokePhaseFailure);
    case 'crash':
      return (
        draft.failureError ?? {
          type: draft.exitErrorType ?? report?.errorType ?? 'Runtime.ExitError',
          message: draft.exitReason ? `Runtime exited with error: ${draft.exitReason.replace(/^Runtime exited with error: /, '')}` : 'Runtime exited without providing a reason',
          frames: [],
        }
      );
    default:
      return (
        draft.failureError ??
        draft.handled[draft.handled.length - 1] ?? {
          type: report?.errorType ?? draft.runtimeDoneErrorType ?? 'Error',
          message: 'The invocation failed without logging an error',
          frames: [],
        }
      );
  }
}

function initError(state: InitState, report: InitReportLine | undefined): ErrorInfo {
  if (state.failureError) return state.failureError;
  if (state.lastError) return state.lastError;
  const type = report?.errorType ?? (report?.status === 'timeout' ? 'Runtime.InitTimeout' : 'Runtime.InitError');
  const message =
    report?.status === 'timeout'
      ? `Init timed out after ${formatSeconds(report.initDurationMs)} seconds`
      : state.exitReason
        ? `Init failed: ${state.exitReason}`
        : 'Init failed without logging an error';
  return { type, message, frames: [] };
}

/** Whether `text` is exactly `source` between `start` and `end`. */
function sameText(text: string, source: string, start: number, end: number): boolean {
  return end - start === text.length && source.startsWith(text, start);
}
