import type { LogEvent } from '../core/logEvent';
import { isPlausibleTimestamp } from '../core/analysis/functionMonitor';
import { LINE_TOO_LONG } from './lineReader';

export interface SkippedLines {
  lines: number;
  readonly reasons: Record<string, number>;
}

/** Where an input event goes, or why it was skipped. */
export type InputItem =
  | { readonly kind: 'event'; readonly event: LogEvent }
  | { readonly kind: 'skip'; readonly line: number; readonly reason: string; readonly event?: number };

export interface InputOptions {
  /** Function name for events that carry no log group (`aws logs filter-log-events` output). */
  readonly functionName?: string;
}

const ZONELESS_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

function asTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
    // A date and time without a zone is UTC (as CloudWatch writes times), not this machine's local time.
    const parsed = Date.parse(ZONELESS_TIME.test(value) ? `${value}Z` : value);
    if (Number.isFinite(parsed)) return parsed;
  }
  return undefined;
}

/** A parsed JSON Lines event already in the engine's shape, usable as is (no copy per event). */
function asWellFormedEvent(o: Record<string, unknown>): LogEvent | undefined {
  return typeof o.logGroupName === 'string' &&
    typeof o.logStreamName === 'string' &&
    typeof o.timestamp === 'number' &&
    isPlausibleTimestamp(o.timestamp) &&
    typeof o.message === 'string' &&
    (o.eventId === undefined || typeof o.eventId === 'string')
    ? (o as unknown as LogEvent)
    : undefined;
}

/** One JSON value from the input as a log event, or the reason it is not one. */
export function toLogEvent(value: unknown, line: number, options: InputOptions, event?: number): InputItem {
  const skip = (reason: string): InputItem => ({ kind: 'skip', line, reason, event });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return skip('not a log event');
  const o = value as Record<string, unknown>;
  const message = o.message;
  const timestamp = asTimestamp(o.timestamp);
  if (typeof message !== 'string' || timestamp === undefined) return skip('not a log event');
  if (!isPlausibleTimestamp(timestamp)) return skip('timestamp out of range');
  let logGroupName = typeof o.logGroupName === 'string' ? o.logGroupName : undefined;
  if (options.functionName !== undefined && logGroupName === undefined) logGroupName = `/aws/lambda/${options.functionName}`;
  if (logGroupName === undefined) return skip('no log group (pass --function NAME)');
  const wellFormed = asWellFormedEvent(o);
  if (wellFormed) return { kind: 'event', event: wellFormed };
  const logStreamName = typeof o.logStreamName === 'string' ? o.logStreamName : 'unknown-stream';
  const eventId = typeof o.eventId === 'string' ? o.eventId : undefined;
  const ingestionTime = asTimestamp(o.ingestionTime);
  return { kind: 'event', event: { logGroupName, logStreamName, timestamp, message, eventId, ingestionTime } };
}

/** The events of a page (`{"events":[…]}`, as filter-log-events prints it), or undefined. */
function pageEvents(value: unknown): unknown[] | undefined {
  const events = value !== null && typeof value === 'object' ? (value as { events?: unknown }).events : undefined;
  return Array.isArray(events) ? events : undefined;
}

function looksLikeDocumentStart(line: string): boolean {
  const t = line.trim();
  return t === '{' || /^\{\s*"(?:events|nextToken|nextForwardToken|searchedLogStreams)"/.test(t);
}

/**
 * Events from JSON Lines (one CloudWatch event per line) or from one JSON document
 * `{"events":[…]}` as `aws logs filter-log-events` / `get-log-events` print it. Fed line by line
 * (synchronously, for speed); `end()` returns what a buffered document held.
 */
export class EventLineReader {
  private lineNo = 0;
  private readonly document: string[] = [];

  /** `lines`: the input is known to be JSON Lines (its first line is a JSON value). */
  constructor(
    private readonly options: InputOptions,
    private mode: 'unknown' | 'lines' | 'document' = 'unknown',
  ) {}

  /** The items one input line yields: usually one event, a whole page for a `{"events":[…]}` line. */
  push(line: string, out: InputItem[]): void {
    const lineNo = ++this.lineNo;
    if (this.mode === 'document') {
      this.document.push(line);
      return;
    }
    if (line === LINE_TOO_LONG) {
      out.push({ kind: 'skip', line: lineNo, reason: 'line longer than 64 MB' });
      return;
    }
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim().length === 0)) return;
    let value: unknown;
    let parsed = true;
    try {
      value = JSON.parse(line);
    } catch {
      parsed = false;
    }
    if (this.mode === 'unknown') {
      if (!parsed && looksLikeDocumentStart(line)) {
        this.mode = 'document';
        this.document.push(line);
        return;
      }
      this.mode = 'lines';
    }
    if (!parsed) {
      out.push({ kind: 'skip', line: lineNo, reason: 'not JSON' });
      return;
    }
    const page = pageEvents(value);
    if (page) {
      page.forEach((item, i) => out.push(toLogEvent(item, lineNo, this.options, i + 1)));
      return;
    }
    out.push(toLogEvent(value, lineNo, this.options));
  }

  /**
   * The fast path for a JSON Lines event: the event itself, or undefined when the line needs the
   * general path (`push`), which then also handles skips and documents.
   */
  event(line: string): LogEvent | undefined {
    if (this.mode !== 'lines' || line.charCodeAt(0) !== 123 /* { */) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return undefined;
    }
    // A line with an `events` array is a page (see push), even if it also looks like an event.
    const event = value !== null && typeof value === 'object' && !pageEvents(value) ? asWellFormedEvent(value as Record<string, unknown>) : undefined;
    if (event) this.lineNo++;
    return event;
  }

  /** The number of the line read last (from 1). */
  get lineNumber(): number {
    return this.lineNo;
  }

  /** Count a line that another reader handles (analysis split over threads: see PartitionAnalysis). */
  countLine(): void {
    this.lineNo++;
  }

  end(out: InputItem[]): void {
    if (this.mode !== 'document') return;
    let value: unknown;
    try {
      value = JSON.parse(this.document.join('\n'));
    } catch (error) {
      const tooBig = error instanceof RangeError;
      out.push({ kind: 'skip', line: 1, reason: tooBig ? 'JSON document too large (convert it to JSON Lines)' : 'JSON document is not valid JSON' });
      return;
    }
    const page = pageEvents(value);
    if (page) {
      page.forEach((item, i) => out.push(toLogEvent(item, 1, this.options, i + 1)));
    } else {
      out.push({ kind: 'skip', line: 1, reason: 'not a log event' });
    }
  }
}
