import type { ErrorInfo, InvocationStatus } from '../logs/parsedLine';
import type { IssueKind } from './errorKind';
import { issueSignature, type IssueSignature } from './fingerprint';
import { OccurrenceHistory } from './occurrenceHistory';

/** Occurrences kept per issue: enough to open recent ones, bounded whatever the count. */
const MAX_REQUEST_IDS = 50;
export const MAX_ISSUES_PER_FUNCTION = 1000;

export interface Issue {
  readonly fingerprint: string;
  readonly functionName: string;
  /** Read from the earliest occurrence, so the same logs give the same title in any order. */
  title: string;
  readonly errorType: string;
  /** Like the title, from the earliest occurrence (one error may end invocations of two statuses). */
  kind: IssueKind;
  /** True while every occurrence was an error the invocation logged and survived. */
  handled: boolean;
  dependency?: string;
  readonly culprit?: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** The most recent occurrences' request ids, oldest first, each once. */
  readonly requestIds: string[];
  /** Times of `requestIds`, index for index. */
  readonly requestTimes: number[];
  /** The latest occurrence's error, for its message and stack. */
  latest: ErrorInfo;
  latestId: string;
  firstId: string;
  /** The earliest occurrence's message (it breaks a tie on time and request id). */
  firstMessage: string;
  /** Occurrences per hour and per day, to see whether a fix held. */
  readonly history: OccurrenceHistory;
}

export interface Occurrence {
  readonly functionName: string;
  readonly status: InvocationStatus | 'handled';
  readonly error: ErrorInfo;
  readonly time: number;
  readonly requestId?: string;
}

function before(timeA: number, idA: string, timeB: number, idB: string): boolean {
  return timeA < timeB || (timeA === timeB && idA < idB);
}

/**
 * The order of occurrences that picks an issue's first and latest: by time, request id, then
 * message, so that two occurrences in one millisecond (init failures have no request id) are
 * told apart whatever order they arrive in.
 */
function compareOccurrences(timeA: number, idA: string, messageA: string, timeB: number, idB: string, messageB: string): number {
  if (timeA !== timeB) return timeA < timeB ? -1 : 1;
  if (idA !== idB) return idA < idB ? -1 : 1;
  return messageA < messageB ? -1 : messageA > messageB ? 1 : 0;
}

/** Whether occurrence A comes before B as an issue's first: compareOccurrences, then the kind. */
function firstBefore(timeA: number, idA: string, messageA: string, kindA: IssueKind, timeB: number, idB: string, messageB: string, kindB: IssueKind): boolean {
  const order = compareOccurrences(timeA, idA, messageA, timeB, idB, messageB);
  return order < 0 || (order === 0 && kindA < kindB);
}

/** Whether occurrence A comes after B as an issue's latest: compareOccurrences, then the raw stack (read only on a tie). */
function latestAfter(timeA: number, idA: string, messageA: string, stackA: () => readonly string[], timeB: number, idB: string, messageB: string, stackB: () => readonly string[]): boolean {
  const order = compareOccurrences(timeA, idA, messageA, timeB, idB, messageB);
  return order > 0 || (order === 0 && stackA().join('\n') > stackB().join('\n'));
}

const rawFrames = (error: ErrorInfo) => (): string[] => error.frames.map((f) => f.raw);

/**
 * Insert a request in (time, id) order into `ids`/`times` (an issue's, index for index) and keep
 * the newest MAX_REQUEST_IDS, each id once at its latest time: any order of insertion gives the same.
 */
export function keepRecent(ids: string[], times: number[], requestId: string, time: number): void {
  const known = ids.indexOf(requestId);
  if (known >= 0) {
    // Seen again later (a late error for the same request): it moves to its latest time.
    if (time <= (times[known] as number)) return;
    ids.splice(known, 1);
    times.splice(known, 1);
  }
  if (ids.length >= MAX_REQUEST_IDS && before(time, requestId, times[0] as number, ids[0] as string)) return;
  let at = ids.length;
  while (at > 0 && before(time, requestId, times[at - 1] as number, ids[at - 1] as string)) at--;
  ids.splice(at, 0, requestId);
  times.splice(at, 0, time);
  if (ids.length > MAX_REQUEST_IDS) {
    ids.shift();
    times.shift();
  }
}

/** Signatures of recently seen raw errors: the same text recurs, and normalising it is the costly part. */
const SIGNATURE_CACHE_SIZE = 256;

function signatureKey(occurrence: Occurrence): string {
  const e = occurrence.error;
  let frames = '';
  for (const f of e.frames) frames += `\u0001${f.raw}`;
  return `${occurrence.functionName}\u0000${occurrence.status}\u0000${e.type}\u0000${e.message}\u0000${frames}`;
}

/** Groups failures and logged errors into issues by fingerprint. */
export class IssueTracker {
  private readonly issues = new Map<string, Issue>();
  private readonly signatures = new Map<string, IssueSignature>();

  private signatureOf(occurrence: Occurrence): IssueSignature {
    const key = signatureKey(occurrence);
    let signature = this.signatures.get(key);
    if (!signature) {
      signature = issueSignature(occurrence.functionName, occurrence.status, occurrence.error);
      if (this.signatures.size >= SIGNATURE_CACHE_SIZE) this.signatures.clear();
      this.signatures.set(key, signature);
    }
    return signature;
  }
  /** Occurrences that did not fit under the per-function cap of distinct issues. */
  overflow = 0;

  record(occurrence: Occurrence): Issue | undefined {
    const signature = this.signatureOf(occurrence);
    let issue = this.issues.get(signature.fingerprint);
    if (!issue) {
      if (this.issues.size >= MAX_ISSUES_PER_FUNCTION) {
        this.overflow++;
        return undefined;
      }
      issue = {
        ...signature,
        functionName: occurrence.functionName,
        handled: occurrence.status === 'handled',
        count: 0,
        firstSeen: occurrence.time,
        lastSeen: occurrence.time,
        requestIds: [],
        requestTimes: [],
        latest: occurrence.error,
        latestId: occurrence.requestId ?? '',
        firstId: occurrence.requestId ?? '',
        firstMessage: occurrence.error.message,
        history: new OccurrenceHistory(),
      };
      this.issues.set(signature.fingerprint, issue);
    }
    issue.count++;
    issue.history.add(occurrence.time);
    if (occurrence.status !== 'handled') issue.handled = false;
    // Ties on time are broken by request id, so that any arrival order gives the same result.
    const id = occurrence.requestId ?? '';
    const message = occurrence.error.message;
    if (firstBefore(occurrence.time, id, message, signature.kind, issue.firstSeen, issue.firstId, issue.firstMessage, issue.kind)) {
      issue.firstSeen = occurrence.time;
      issue.firstId = id;
      issue.firstMessage = message;
      issue.title = signature.title;
      issue.kind = signature.kind;
      issue.dependency = signature.dependency;
    }
    if (latestAfter(occurrence.time, id, message, rawFrames(occurrence.error), issue.lastSeen, issue.latestId, issue.latest.message, rawFrames(issue.latest))) {
      issue.lastSeen = occurrence.time;
      issue.latest = occurrence.error;
      issue.latestId = id;
    }
    if (occurrence.requestId !== undefined) keepRecent(issue.requestIds, issue.requestTimes, occurrence.requestId, occurrence.time);
    return issue;
  }

  all(): Issue[] {
    return [...this.issues.values()];
  }

  get(fingerprint: string): Issue | undefined {
    return this.issues.get(fingerprint);
  }
}

/**
 * What a report needs of an issue, as plain data (it crosses threads when an analysis is split),
 * with what it takes to merge the same issue seen by several parts: merged, it is the issue one
 * tracker would have made of all the occurrences (see `record`: every rule is order-free).
 */
export interface IssueFigures {
  readonly fingerprint: string;
  title: string;
  readonly errorType: string;
  kind: IssueKind;
  handled: boolean;
  dependency: string | undefined;
  readonly culprit: string | undefined;
  count: number;
  firstSeen: number;
  firstId: string;
  firstMessage: string;
  lastSeen: number;
  latestId: string;
  readonly requestIds: string[];
  readonly requestTimes: number[];
  /** The latest occurrence's message and raw stack frames. */
  message: string;
  stack: string[];
}

export function issueFigures(issue: Issue): IssueFigures {
  return {
    fingerprint: issue.fingerprint,
    title: issue.title,
    errorType: issue.errorType,
    kind: issue.kind,
    handled: issue.handled,
    dependency: issue.dependency,
    culprit: issue.culprit,
    count: issue.count,
    firstSeen: issue.firstSeen,
    firstId: issue.firstId,
    firstMessage: issue.firstMessage,
    lastSeen: issue.lastSeen,
    latestId: issue.latestId,
    requestIds: [...issue.requestIds],
    requestTimes: [...issue.requestTimes],
    message: issue.latest.message,
    stack: issue.latest.frames.map((f) => f.raw),
  };
}

/** Fold `other` (the same fingerprint) into `into`, by the rules `record` follows. */
export function mergeIssueFigures(into: IssueFigures, other: IssueFigures): void {
  into.count += other.count;
  into.handled &&= other.handled;
  if (firstBefore(other.firstSeen, other.firstId, other.firstMessage, other.kind, into.firstSeen, into.firstId, into.firstMessage, into.kind)) {
    into.firstSeen = other.firstSeen;
    into.firstId = other.firstId;
    into.firstMessage = other.firstMessage;
    into.title = other.title;
    into.kind = other.kind;
    into.dependency = other.dependency;
  }
  if (latestAfter(other.lastSeen, other.latestId, other.message, () => other.stack, into.lastSeen, into.latestId, into.message, () => into.stack)) {
    into.lastSeen = other.lastSeen;
    into.latestId = other.latestId;
    into.message = other.message;
    into.stack = other.stack;
  }
  other.requestIds.forEach((id, i) => keepRecent(into.requestIds, into.requestTimes, id, other.requestTimes[i] as number));
}
