import type { AppLine, ErrorInfo, LogLevel, ParsedLine } from './parsedLine';
import { parseJsonPlatformEvent, parseTextPlatformLine } from './platformLines';
import {
  boundedError,
  errorAfterLabel,
  errorFromDocument,
  errorFromText,
  isOutOfMemoryText,
  isOutOfMemoryType,
  nodeFailureLabel,
  untypedError,
} from './runtimeErrors';

// A Map, not an object literal: a level spelled `__proto__` or `constructor` must not find anything.
const LEVELS: ReadonlyMap<string, LogLevel> = new Map<string, LogLevel>([
  ['TRACE', 'TRACE'],
  ['DEBUG', 'DEBUG'],
  ['INFO', 'INFO'],
  ['WARN', 'WARN'],
  ['WARNING', 'WARN'],
  ['ERROR', 'ERROR'],
  ['FATAL', 'FATAL'],
  ['CRITICAL', 'FATAL'],
]);
/** The level written between `start` and `end` of `text`, read in place (this runs on every line). */
function levelAt(text: string, start: number, end: number): LogLevel | undefined {
  switch (end - start) {
    case 4:
      if (text.startsWith('INFO', start)) return 'INFO';
      if (text.startsWith('WARN', start)) return 'WARN';
      return undefined;
    case 5:
      if (text.startsWith('ERROR', start)) return 'ERROR';
      if (text.startsWith('DEBUG', start)) return 'DEBUG';
      if (text.startsWith('TRACE', start)) return 'TRACE';
      if (text.startsWith('FATAL', start)) return 'FATAL';
      return undefined;
    case 7:
      return text.startsWith('WARNING', start) ? 'WARN' : undefined;
    case 8:
      return text.startsWith('CRITICAL', start) ? 'FATAL' : undefined;
    default:
      return undefined;
  }
}

// pino / bunyan numeric levels.
function numericLevel(n: number): LogLevel {
  if (n >= 60) return 'FATAL';
  if (n >= 50) return 'ERROR';
  if (n >= 40) return 'WARN';
  if (n >= 30) return 'INFO';
  if (n >= 20) return 'DEBUG';
  return 'TRACE';
}
function toLevel(value: unknown): LogLevel | undefined {
  if (typeof value === 'string') return LEVELS.get(value.toUpperCase());
  if (typeof value === 'number') return numericLevel(value);
  return undefined;
}

function isErrorLevel(level: LogLevel | undefined): boolean {
  return level === 'ERROR' || level === 'FATAL';
}

// Request ids are UUIDs (older runtimes: other word characters); anything else is not an id, so
// that control characters in a forged id never reach a terminal or a title.
const REQUEST_ID = /^[\w-]{1,64}$/;

function requestIdOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== 'undefined' && REQUEST_ID.test(value) ? value : undefined;
}

/** Trailing `\n`, `\t` and spaces are how CloudWatch events end; they carry nothing. */
export function trimEventMessage(message: string): string {
  let end = message.length;
  while (end > 0) {
    const c = message.charCodeAt(end - 1);
    if (c === 10 || c === 13 || c === 9 || c === 32) end--;
    else break;
  }
  return end === message.length ? message : message.slice(0, end);
}

/**
 * Classify one log event's message. Never throws: anything unrecognised is an application line.
 */
export function parseLine(rawMessage: string): ParsedLine {
  const message = trimEventMessage(rawMessage);
  const first = message.charCodeAt(0);
  if (first === 123 /* { */) {
    const json = parseJsonLine(message);
    if (json) return json;
    return plainLine(message);
  }
  if (first >= 48 && first <= 57) {
    // Most lines of a text-format function: `<time>\t<request id>\t<LEVEL>\t…`. Tried before
    // the platform patterns, which only a timeout line (space separated) could match here.
    const node = parseNodeTextLine(message);
    if (node) return node;
  }
  const platform = parseTextPlatformLine(message);
  if (platform) return platform;
  if (first === 91 /* [ */) {
    const python = parsePythonTextLine(message);
    if (python) return python;
  }
  return plainLine(message);
}

/** A line with no recognised prefix: stdout/stderr of any runtime. */
function plainLine(message: string): AppLine {
  const outOfMemory = isOutOfMemoryText(message);
  // Unlevelled text counts as an error only with evidence: a stack trace or an OOM message, not a
  // word like "Error:" that an application may print at any level.
  const parsed = errorFromText(message);
  const error = parsed && parsed.frames.length > 0 ? parsed : undefined;
  if (outOfMemory || error) {
    return { kind: 'app', text: message, level: 'ERROR', error: error ?? boundedError('OutOfMemory', message.slice(0, 500), []), outOfMemory };
  }
  return { kind: 'app', text: message };
}

// `2024-01-01T00:00:00.000Z\t<request id>\tLEVEL\tmessage` (Node.js text format).
function parseNodeTextLine(message: string): AppLine | undefined {
  const t1 = message.indexOf('\t');
  if (t1 < 20 || t1 > 40 || message.charCodeAt(4) !== 45 /* - */) return undefined;
  const t2 = message.indexOf('\t', t1 + 1);
  if (t2 < 0) return undefined;
  const t3 = message.indexOf('\t', t2 + 1);
  const level = t3 < 0 ? undefined : levelAt(message, t2 + 1, t3);
  if (!level) return undefined;
  const requestId = requestIdOf(message.slice(t1 + 1, t2));
  const text = message.slice(t3 + 1);
  if (!isErrorLevel(level)) return { kind: 'app', requestId, level, text };
  const label = nodeFailureLabel(text);
  if (label) {
    const error = errorAfterLabel(text, label);
    return { kind: 'app', requestId, level, text, error, failure: true, outOfMemory: isOutOfMemoryType(error?.type) || isOutOfMemoryText(text) };
  }
  const error = errorFromText(text) ?? untypedError(text);
  return { kind: 'app', requestId, level, text, error, outOfMemory: isOutOfMemoryText(text) };
}

// `[LEVEL]\t<time>\t<request id>\tmessage` (Python logging), or `[ERROR] Type: message\rTraceback…`
// (Python's uncaught exception: no time, no request id).
function parsePythonTextLine(message: string): AppLine | undefined {
  const close = message.indexOf(']');
  if (close < 2 || close > 10) return undefined;
  const level = levelAt(message, 1, close);
  if (!level) return undefined;
  const sep = message.charCodeAt(close + 1);
  if (sep === 9 /* \t */) {
    const t2 = message.indexOf('\t', close + 2);
    const t3 = t2 < 0 ? -1 : message.indexOf('\t', t2 + 1);
    if (t3 < 0) return { kind: 'app', level, text: message.slice(close + 2) };
    const requestId = requestIdOf(message.slice(t2 + 1, t3));
    const text = message.slice(t3 + 1);
    if (!isErrorLevel(level)) return { kind: 'app', requestId, level, text };
    const error = errorFromText(text) ?? untypedError(text);
    return { kind: 'app', requestId, level, text, error, outOfMemory: isOutOfMemoryType(error.type) || isOutOfMemoryText(text) };
  }
  if (sep === 32 /* space */ && isErrorLevel(level)) {
    const text = message.slice(close + 2);
    const error = errorFromText(text) ?? untypedError(text);
    return { kind: 'app', level, text, error, failure: true, outOfMemory: isOutOfMemoryType(error.type) || isOutOfMemoryText(text) };
  }
  return undefined;
}

// A function's JSON record below ERROR carries nothing the engine counts: it is recognised by its
// level near the start without the cost of a full JSON.parse (most lines of a JSON-format function).
const QUIET_JSON_RECORD = /^\{"(?:timestamp|time)":"[^"]{0,40}","(?:level|log_level)":"(TRACE|DEBUG|INFO|WARN|WARNING)"/;

// The two commonest platform events, in the exact shape Lambda writes them, read without JSON.parse.
const PLATFORM_START = /^\{"time":"[^"]{0,40}","type":"platform\.start","record":\{"requestId":"([\w-]{1,64})"(?:,"version":"([^"\\]{0,64})")?[,}]/;
const PLATFORM_RUNTIME_DONE_OK = /^\{"time":"[^"]{0,40}","type":"platform\.runtimeDone","record":\{"requestId":"([\w-]{1,64})","status":"success"[,}]/;

/** The `type` of a platform event written as Lambda writes it (`{"time":"…","type":"platform.…"`). */
function platformTypeOf(message: string): string | undefined {
  if (!message.startsWith('{"time":"')) return undefined;
  // The time value is short: look for its end, not through a possibly huge record.
  const timeEnd = message.indexOf('"', 9);
  if (timeEnd < 0 || timeEnd > 60 || !message.startsWith('","type":"platform.', timeEnd)) return undefined;
  const at = timeEnd;
  const end = message.indexOf('"', at + 10);
  return end < 0 ? undefined : message.slice(at + 10, end);
}

function parseJsonLine(message: string): ParsedLine | undefined {
  const platformType = platformTypeOf(message);
  if (platformType === 'platform.start') {
    const start = PLATFORM_START.exec(message);
    if (start?.[1]) return { kind: 'start', requestId: start[1], version: start[2] };
  } else if (platformType === 'platform.runtimeDone') {
    const done = PLATFORM_RUNTIME_DONE_OK.exec(message);
    if (done?.[1]) return { kind: 'runtimeDone', requestId: done[1], status: 'success', errorType: undefined };
  }
  const quiet = platformType === undefined ? QUIET_JSON_RECORD.exec(message) : null;
  // (Below ERROR, even an error object in the record is not counted, so there is nothing more to read.)
  if (quiet?.[1] && message.charCodeAt(message.length - 1) === 125 /* } */) {
    const at = message.indexOf('"requestId":"');
    const end = at < 0 ? -1 : message.indexOf('"', at + 13);
    const requestId = end > at + 13 && end - at < 90 ? requestIdOf(message.slice(at + 13, end)) : undefined;
    return { kind: 'app', requestId, level: LEVELS.get(quiet[1]), text: message };
  }
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const doc = value as Record<string, unknown>;
  const type = doc.type;
  if (typeof type === 'string' && type.startsWith('platform.')) {
    return parseJsonPlatformEvent(type, doc.record) ?? { kind: 'app', text: message, level: 'DEBUG' };
  }
  return jsonFunctionRecord(doc, message);
}

/**
 * A function's JSON record (`level` or Python's uncaught `log_level`), or a bare error document
 * (Java, Go: `{"errorMessage","errorType","stackTrace"}` with no level).
 */
function jsonFunctionRecord(doc: Record<string, unknown>, raw: string): AppLine {
  const requestId = requestIdOf(doc.requestId ?? doc.AWSRequestId ?? doc.function_request_id ?? doc.aws_request_id);
  const pythonUncaught = doc.log_level !== undefined;
  const level = toLevel(doc.level ?? doc.log_level ?? doc.severity);
  const message = doc.message ?? doc.msg;
  const text = typeof message === 'string' ? message : raw;
  let error: ErrorInfo | undefined = errorFromDocument(doc);
  if (!error && message !== null && typeof message === 'object' && !Array.isArray(message)) {
    error = errorFromDocument(message as Record<string, unknown>);
  }
  const bareDocument = level === undefined && error !== undefined;
  if (!isErrorLevel(level) && !bareDocument) return { kind: 'app', requestId, level, text };
  const label = typeof message === 'string' ? nodeFailureLabel(message) : undefined;
  if (!error) error = (typeof message === 'string' ? errorFromText(message) : undefined) ?? untypedError(text);
  const failure = label !== undefined || bareDocument || (pythonUncaught && error.type !== 'Error');
  return {
    kind: 'app',
    requestId,
    level: level ?? 'ERROR',
    text,
    error,
    failure: failure || undefined,
    outOfMemory: isOutOfMemoryType(error.type) || isOutOfMemoryText(error.message) || undefined,
  };
}
