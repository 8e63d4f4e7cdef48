import type { LogEvent } from '../core/logEvent';

export interface SkippedLines {
  lines: number;
  readonly reasons: Record<string, number>;
}

/** Where an input event goes, or why it was skipped. */
export type InputItem =
  | { readonly kind: 'event'; readonly event: LogEvent }
  | { readonly kind: 'skip'; readonly line: number; readonly reason: string };

export interface InputOptions {
  /** Function name for events that carry no log group (`aws logs filter-log-events` output). */
  readonly functionName?: string;
}

function asTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  return undefined;
}

/** One JSON value from the input as a log event, or the reason it is not one. */
export function toLogEvent(value: unknown, line: number, options: InputOptions): InputItem {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'skip', line, reason: 'not a log event' };
  const o = value as Record<string, unknown>;
  const message = o.message;
  const timestamp = asTimestamp(o.timestamp);
  if (typeof message !== 'string' || timestamp === undefined) return { kind: 'skip', line, reason: 'not a log event' };
  let logGroupName = typeof o.logGroupName === 'string' ? o.logGroupName : undefined;
  if (options.functionName !== undefined && logGroupName === undefined) logGroupName = `/aws/lambda/${options.functionName}`;
  if (logGroupName === undefined) return { kind: 'skip', line, reason: 'no log group (pass --function NAME)' };
  const logStreamName = typeof o.logStreamName === 'string' ? o.logStreamName : 'unknown-stream';
  const eventId = typeof o.eventId === 'string' ? o.eventId : undefined;
  const ingestionTime = asTimestamp(o.ingestionTime);
  return { kind: 'event', event: { logGroupName, logStreamName, timestamp, message, eventId, ingestionTime } };
}

function looksLikeDocumentStart(line: string): boolean {
  const t = line.trim();
  return t === '{' || /^\{\s*"(?:events|nextToken|nextForwardToken|searchedLogStreams)"/.test(t);
}

/**
 * Events from JSON Lines (one CloudWatch event per line) or from one JSON document
 * `{"events":[…]}` as `aws logs filter-log-events` / `get-log-events` print it.
 */
export async function* readEvents(lines: AsyncIterable<string>, options: InputOptions): AsyncGenerator<InputItem> {
  let lineNo = 0;
  let mode: 'unknown' | 'lines' | 'document' = 'unknown';
  const document: string[] = [];
  for await (const line of lines) {
    lineNo++;
    if (mode === 'document') {
      document.push(line);
      continue;
    }
    if (line.trim().length === 0) continue;
    let value: unknown;
    let parsed = true;
    try {
      value = JSON.parse(line);
    } catch {
      parsed = false;
    }
    if (mode === 'unknown') {
      const isDocument = parsed ? value !== null && typeof value === 'object' && Array.isArray((value as { events?: unknown }).events) : looksLikeDocumentStart(line);
      if (isDocument && !parsed) {
        mode = 'document';
        document.push(line);
        continue;
      }
      mode = 'lines';
      if (isDocument) {
        yield* documentEvents(value as { events: unknown[] }, lineNo, options);
        continue;
      }
    }
    if (!parsed) {
      yield { kind: 'skip', line: lineNo, reason: 'not JSON' };
      continue;
    }
    if (value !== null && typeof value === 'object' && Array.isArray((value as { events?: unknown }).events)) {
      yield* documentEvents(value as { events: unknown[] }, lineNo, options);
      continue;
    }
    yield toLogEvent(value, lineNo, options);
  }
  if (mode === 'document') {
    let value: unknown;
    try {
      value = JSON.parse(document.join('\n'));
    } catch {
      yield { kind: 'skip', line: 1, reason: 'not JSON' };
      return;
    }
    if (value !== null && typeof value === 'object' && Array.isArray((value as { events?: unknown }).events)) {
      yield* documentEvents(value as { events: unknown[] }, 1, options);
    } else {
      yield { kind: 'skip', line: 1, reason: 'not a log event' };
    }
  }
}

function* documentEvents(doc: { events: unknown[] }, line: number, options: InputOptions): Generator<InputItem> {
  for (const item of doc.events) yield toLogEvent(item, line, options);
}
