import type { StackFrame } from './stackFrames';
import type { Issue } from './issueTracker';
import type { IssueKind } from './errorKind';

/** What the issue panel shows: plain data, JSON-serialisable, log text as text. */
export interface IssueHistoryModel {
  readonly fingerprint: string;
  readonly functionName: string;
  readonly title: string;
  readonly errorType: string;
  readonly kind: IssueKind;
  readonly handled: boolean;
  readonly dependency?: string;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly perHour: ReadonlyArray<{ readonly time: number; readonly count: number }>;
  readonly perDay: ReadonlyArray<{ readonly time: number; readonly count: number }>;
  /** The most recent occurrences, newest first. */
  readonly recent: ReadonlyArray<{ readonly time: number; readonly requestId: string }>;
  /** The latest occurrence's message and stack, innermost frame first. */
  readonly message: string;
  readonly frames: ReadonlyArray<FrameView>;
}

export interface FrameView {
  /** The frame as the runtime printed it. */
  readonly text: string;
  readonly inApp: boolean;
  readonly function?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

function frameView(frame: StackFrame): FrameView {
  return {
    text: frame.raw,
    inApp: frame.inApp,
    ...(frame.function !== undefined ? { function: frame.function } : {}),
    ...(frame.file !== undefined ? { file: frame.file } : {}),
    ...(frame.line !== undefined ? { line: frame.line } : {}),
    ...(frame.column !== undefined ? { column: frame.column } : {}),
  };
}

/** The issue panel's model of one issue (placing frames in the workspace is the editor's part). */
export function issueHistoryModel(issue: Issue): IssueHistoryModel {
  const recent = issue.requestIds.map((requestId, i) => ({ time: issue.requestTimes[i] as number, requestId })).reverse();
  return {
    fingerprint: issue.fingerprint,
    functionName: issue.functionName,
    title: issue.title,
    errorType: issue.errorType,
    kind: issue.kind,
    handled: issue.handled,
    ...(issue.dependency !== undefined ? { dependency: issue.dependency } : {}),
    count: issue.count,
    firstSeen: issue.firstSeen,
    lastSeen: issue.lastSeen,
    perHour: issue.history.perHour(),
    perDay: issue.history.perDay(),
    recent,
    message: issue.latest.message,
    frames: issue.latest.frames.map(frameView),
  };
}
