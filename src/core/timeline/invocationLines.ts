import type { LogEvent } from '../logEvent';
import type { LogSource } from '../ports';
import type { ApiLimits } from '../poll/apiLimits';
import { DEFAULT_BACKOFF } from '../poll/backoff';
import { retryingCall } from '../poll/retryingCall';
import type { Clock } from '../ports';
import type { InvocationPoint } from './invocationLog';

export interface InvocationLinesOptions {
  readonly logs: LogSource;
  readonly logGroup: string;
  readonly clock: Clock;
  readonly limits: ApiLimits;
  readonly random?: () => number;
  readonly signal?: AbortSignal;
  /** Pages read at most (an invocation's lines fit in one; a noisy stream may need more). */
  readonly maxPages?: number;
}

/** Lines may follow the REPORT by this much (a runtime exit, an X-Ray part). */
const AFTER_MS = 2_000;
const BEFORE_MS = 1_000;

/**
 * One invocation's log lines, in order, fetched on demand when the user opens it: its stream over
 * the invocation's time, no filter pattern (the lines without a request id — tracebacks, exits —
 * are part of it), cut from its START to the next request's START.
 */
export async function fetchInvocationLines(point: InvocationPoint, options: InvocationLinesOptions): Promise<LogEvent[]> {
  const start = point.time - BEFORE_MS;
  const end = point.time + Math.max(0, point.durationMs) + (point.initDurationMs ?? 0) + AFTER_MS;
  const events: LogEvent[] = [];
  let nextToken: string | undefined;
  const maxPages = options.maxPages ?? 3;
  for (let page = 0; page < maxPages; page++) {
    const response = await retryingCall(
      'FilterLogEvents',
      () => options.logs.filterPage({ logGroup: options.logGroup, start, end, streamPrefix: point.logStream, nextToken }, options.signal),
      { limits: options.limits, clock: options.clock, random: options.random ?? Math.random, backoff: DEFAULT_BACKOFF, signal: options.signal },
    );
    events.push(...response.events.filter((e) => e.logStreamName === point.logStream));
    nextToken = response.nextToken;
    if (nextToken === undefined) break;
  }
  return linesOf(point.requestId, events);
}

/** Lambda runs an invocation for 15 minutes at most. */
const MAX_INVOCATION_MS = 15 * 60_000;

/**
 * The lines of an invocation that is no longer in the timeline (an issue's older occurrence):
 * first the lines that name its request id around `time` (which give its stream and span), then
 * its stream over that span as for a point.
 */
export async function fetchRequestLines(requestId: string, time: number, options: InvocationLinesOptions): Promise<LogEvent[]> {
  const named: LogEvent[] = [];
  let nextToken: string | undefined;
  const maxPages = options.maxPages ?? 3;
  for (let page = 0; page < maxPages; page++) {
    const response = await retryingCall(
      'FilterLogEvents',
      () => options.logs.filterPage({ logGroup: options.logGroup, start: time - MAX_INVOCATION_MS, end: time + MAX_INVOCATION_MS, filterPattern: `"${requestId}"`, nextToken }, options.signal),
      { limits: options.limits, clock: options.clock, random: options.random ?? Math.random, backoff: DEFAULT_BACKOFF, signal: options.signal },
    );
    named.push(...response.events.filter((e) => e.message.includes(requestId)));
    nextToken = response.nextToken;
    if (nextToken === undefined) break;
  }
  const attempt = attemptAt(requestId, named, time);
  if (attempt.length === 0) return [];
  const first = attempt[0] as LogEvent;
  const last = attempt[attempt.length - 1] as LogEvent;
  return fetchInvocationLines({ requestId, logStream: first.logStreamName, time: first.timestamp, durationMs: last.timestamp - first.timestamp, coldStart: false, status: 'success' }, options);
}

/** A request's START, text or JSON format. */
function isStartLine(message: string): boolean {
  return message.startsWith('START RequestId: ') || message.includes('"type":"platform.start"');
}

/**
 * Of the lines naming a request, in time order, those of the attempt running at `time`: a
 * retried asynchronous invocation has several attempts with one id, each from its own START.
 */
export function attemptAt(requestId: string, named: readonly LogEvent[], time: number): LogEvent[] {
  const ordered = [...named].sort((a, b) => a.timestamp - b.timestamp);
  const starts = ordered.flatMap((e, i) => (isStartLine(e.message) && e.message.includes(requestId) ? [i] : []));
  if (starts.length <= 1) return ordered;
  let from = 0;
  for (const i of starts) if ((ordered[i] as LogEvent).timestamp <= time) from = i;
  const next = starts.find((i) => i > from);
  return ordered.slice(from, next);
}

/** From the request's START (or its first line) up to the next request's START in the stream. */
export function linesOf(requestId: string, events: readonly LogEvent[]): LogEvent[] {
  const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp);
  const startsAt = ordered.findIndex((e) => e.message.includes(requestId));
  if (startsAt < 0) return [];
  const out: LogEvent[] = [];
  for (let i = startsAt; i < ordered.length; i++) {
    const e = ordered[i] as LogEvent;
    const isStart = isStartLine(e.message) || e.message.startsWith('INIT_START');
    if (i > startsAt && isStart && !e.message.includes(requestId)) break;
    out.push(e);
  }
  return out;
}
