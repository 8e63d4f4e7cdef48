import type { AppLine, ErrorInfo, LogLevel, ParsedLine } from './parsedLine';
import { parseJsonPlatformEvent, parseTextPlatformLine } from './platformLines';
import {
  boundedError,
  errorAfterLabel,
  errorFromDocument,
  errorFromText,
  isOutOfMemoryText,
  isOutOfMemoryType,
  javaUncaughtError,
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
/**
 * The level written between `start` and `end` of `text`, read in place (this runs on every line).
 * Besides the upper-case names, the .NET runtime's console logger labels: `trce`, `dbug`, `info`,
 * `warn`, `fail` (Error), `crit` (Critical).
 */
function levelAt(text: string, start: number, end: number): LogLevel | undefined {
  switch (end - start) {
    case 4:
      if (text.startsWith('INFO', start)) return 'INFO';
      if (text.startsWith('WARN', start)) return 'WARN';
      if (text.startsWith('info', start)) return 'INFO';
      if (text.startsWith('warn', start)) return 'WARN';
      if (text.startsWith('dbug', start)) return 'DEBUG';
      if (text.startsWith('fail', start)) return 'ERROR';
      if (text.startsWith('trce', start)) return 'TRACE';
      if (text.startsWith('crit', start)) return 'FATAL';
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

/** `value` as a request id, or undefined when it is not one (or is Node's literal `undefined`). */
export function requestIdOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== 'undefined' && REQUEST_ID.test(value) ? value : undefined;
}

/** The length of `message` without its trailing `\n`, `\r`, `\t` and spaces. */
function trimmedLength(message: string): number {
  let end = message.length;
  while (end > 0) {
    const c = message.charCodeAt(end - 1);
    if (c === 10 || c === 13 || c === 9 || c === 32) end--;
    else break;
  }
  return end;
}

/** Trailing `\n`, `\r`, `\t` and spaces are how CloudWatch events end; they carry nothing. */
export function trimEventMessage(message: string): string {
  const end = trimmedLength(message);
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

/** Where matchQuietLine found a quiet line's request id: [idStart, idEnd), both −1 when it names none. */
export interface QuietLineMatch {
  idStart: number;
  idEnd: number;
}

/**
 * Whether parseLine would read `rawMessage` as a quiet line: an application line that carries no
 * error, failure or out-of-memory mark, so that all it can do is keep its request going. Most lines
 * of a function are these; they are recognised in place (no trimmed copy, no ParsedLine, no slices),
 * and `match` tells where the request id is, which may still not be a valid one (see requestIdOf).
 */
export function matchQuietLine(rawMessage: string, match: QuietLineMatch): boolean {
  const end = trimmedLength(rawMessage);
  if (end === 0) return false;
  const first = rawMessage.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const level = locateNodeText(rawMessage, end);
    if (!level || isErrorLevel(level)) return false;
    match.idStart = found.t1 + 1;
    match.idEnd = found.t2;
    return true;
  }
  if (first === 91 /* [ */) {
    // No platform line starts with `[` (parseLine tries those first).
    const level = locatePythonText(rawMessage, end);
    const close = found.close;
    if (!level || close + 1 >= end || rawMessage.charCodeAt(close + 1) !== 9 /* \t */) return false;
    if (found.t3 < 0) {
      // A level and a tab but no request id after it: parsePythonTextLine reads no error at any level.
      match.idStart = match.idEnd = -1;
      return true;
    }
    if (isErrorLevel(level)) return false;
    match.idStart = found.t2 + 1;
    match.idEnd = found.t3;
    return true;
  }
  if (first === 123 /* { */) {
    // QUIET_JSON_RECORD's prefix is never that of a platform event (`","type":"platform.` after the time).
    if (!QUIET_JSON_RECORD.test(rawMessage) || !locateQuietJsonRecord(rawMessage, end)) return false;
    match.idStart = found.t1;
    match.idEnd = found.t2;
    return true;
  }
  return false;
}

/** A line with no recognised prefix: stdout/stderr of any runtime. */
function plainLine(message: string): AppLine {
  const outOfMemory = isOutOfMemoryText(message);
  // The Java runtime reports the running request's uncaught exception as a plain line.
  const uncaught = javaUncaughtError(message);
  if (uncaught) return { kind: 'app', text: message, level: 'ERROR', error: uncaught, failure: true, outOfMemory: outOfMemory || isOutOfMemoryType(uncaught.type) };
  // Unlevelled text counts as an error only with evidence: a stack trace or an OOM message, not a
  // word like "Error:" that an application may print at any level.
  const parsed = errorFromText(message);
  const error = parsed && parsed.frames.length > 0 ? parsed : undefined;
  if (outOfMemory || error) {
    return { kind: 'app', text: message, level: 'ERROR', error: error ?? boundedError('OutOfMemory', message.slice(0, 500), []), outOfMemory };
  }
  return { kind: 'app', text: message };
}

/**
 * Where the locators below found a line's fields (one scratch object, not one per line). A
 * locator reads `message` as if it ended at `end` (its trimmed length), so that it finds the
 * same fields in the raw message as in the trimmed one.
 */
const found = { t1: 0, t2: 0, t3: 0, close: 0 };

/** The tab found after `from` before `end`, or −1. */
function tabBefore(message: string, from: number, end: number): number {
  const at = message.indexOf('\t', from);
  return at < end ? at : -1;
}

// `2024-01-01T00:00:00.000Z\t<request id>\tLEVEL\tmessage` (Node.js text format): its level, and
// found.t1..t3 the three tabs.
function locateNodeText(message: string, end: number): LogLevel | undefined {
  const t1 = tabBefore(message, 0, end);
  if (t1 < 20 || t1 > 40 || message.charCodeAt(4) !== 45 /* - */) return undefined;
  const t2 = tabBefore(message, t1 + 1, end);
  if (t2 < 0) return undefined;
  const t3 = tabBefore(message, t2 + 1, end);
  if (t3 < 0) return undefined;
  found.t1 = t1;
  found.t2 = t2;
  found.t3 = t3;
  return levelAt(message, t2 + 1, t3);
}

// `[LEVEL]…` (Python logging): its level, found.close the `]`, and when a tab follows it,
// found.t2 and found.t3 the tabs around the request id (else −1).
function locatePythonText(message: string, end: number): LogLevel | undefined {
  const close = message.indexOf(']');
  // Python writes its level names in capitals: `[fail]` or `[info]` is no Python record.
  const initial = message.charCodeAt(1);
  if (close < 2 || close > 10 || initial < 65 || initial > 90) return undefined;
  found.close = close;
  found.t2 = -1;
  found.t3 = -1;
  if (close + 1 < end && message.charCodeAt(close + 1) === 9 /* \t */) {
    const t2 = tabBefore(message, close + 2, end);
    found.t2 = t2;
    found.t3 = t2 < 0 ? -1 : tabBefore(message, t2 + 1, end);
  }
  return levelAt(message, 1, close);
}

// `2024-01-01T00:00:00.000Z\t<request id>\tLEVEL\tmessage` (Node.js text format).
function parseNodeTextLine(message: string): AppLine | undefined {
  const level = locateNodeText(message, message.length);
  if (!level) return undefined;
  const { t1, t2, t3 } = found;
  const requestId = requestIdOf(message.slice(t1 + 1, t2));
  const text = message.slice(t3 + 1);
  if (!isErrorLevel(level)) return { kind: 'app', requestId, level, text };
  const label = nodeFailureLabel(text);
  if (label) {
    const error = errorAfterLabel(text, label);
    return { kind: 'app', requestId, level, text, error, failure: true, outOfMemory: isOutOfMemoryType(error?.type) || isOutOfMemoryText(text) };
  }
  const error = errorFromText(text) ?? untypedError(text);
  return { kind: 'app', requestId, level, text, error, outOfMemory: isOutOfMemoryType(error.type) || isOutOfMemoryText(text) };
}

// `[LEVEL]\t<time>\t<request id>\tmessage` (Python logging), or `[ERROR] Type: message\rTraceback…`
// (Python's uncaught exception: no time, no request id).
function parsePythonTextLine(message: string): AppLine | undefined {
  const level = locatePythonText(message, message.length);
  if (!level) return undefined;
  const close = found.close;
  const sep = message.charCodeAt(close + 1);
  if (sep === 9 /* \t */) {
    const { t2, t3 } = found;
    if (t3 < 0) return { kind: 'app', level, text: message.slice(close + 2) };
    const requestId = requestIdOf(message.slice(t2 + 1, t3));
    const text = message.slice(t3 + 1);
    if (!isErrorLevel(level)) return { kind: 'app', requestId, level, text };
    const error = errorFromText(text) ?? untypedError(text);
    return { kind: 'app', requestId, level, text, error, outOfMemory: isOutOfMemoryType(error.type) || isOutOfMemoryText(text) };
  }
  if (sep === 32 /* space */ && isErrorLevel(level)) {
    const text = message.slice(close + 2);
    const uncaught = pythonUncaughtError(text);
    // Other `[ERROR] free text` is the application's own print: an error it logged and went on from.
    const error = uncaught ?? errorFromText(text) ?? untypedError(text);
    const outOfMemory = isOutOfMemoryType(error.type) || isOutOfMemoryText(text);
    return { kind: 'app', level, text, error, failure: uncaught !== undefined || undefined, outOfMemory };
  }
  return undefined;
}

// The runtime's uncaught error starts with the exception type: `KeyError`, `Runtime.ImportModuleError`.
const PYTHON_TYPE_TOKEN = /^[A-Za-z_]\w{0,199}(?:\.[A-Za-z_]\w{0,199}){0,20}/;
const EXCEPTION_NAME = /(?:Error|Exception)$/;
// Without its traceback, only a name that reads as an exception (or the runtime's dotted
// `Runtime.ImportModuleError`, `botocore.exceptions.…`): `[ERROR] Database: connection lost`,
// printed by the application, is not one. Python's own exits and interrupts are exceptions too.
const EXCEPTION_LIKE = /(?:Error|Exception|Exit|Interrupt|Iteration|Warning)$|\./;
const TRACEBACK = 'Traceback (most recent call last)';

/** Where a `Traceback (most recent call last)` line starts in `text` at or after `from`, or −1. */
function tracebackAt(text: string, from: number): number {
  const at = text.indexOf(TRACEBACK, from);
  if (at < 0) return -1;
  const before = text.charCodeAt(at - 1);
  return at === from || before === 13 || before === 10 ? at : -1;
}

/**
 * The error in `text` (after `[ERROR] `) when it is how the Python runtime reports an uncaught
 * exception: `Type: message`, or a bare `Type` (an exception name, or heading its traceback), then
 * the traceback (which an uncaught exception of the handler always has; without it, the type must
 * read as an exception). The type is the runtime's own, whatever the class is called.
 */
function pythonUncaughtError(text: string): ErrorInfo | undefined {
  const type = PYTHON_TYPE_TOKEN.exec(text)?.[0];
  if (type === undefined) return undefined;
  let messageStart = type.length;
  if (text.startsWith(': ', type.length)) messageStart += 2;
  else {
    const after = text.charCodeAt(type.length);
    if (type.length < text.length && after !== 13 && after !== 10) return undefined;
    let next = type.length;
    while (text.charCodeAt(next) === 13 || text.charCodeAt(next) === 10) next++;
    if (!EXCEPTION_NAME.test(type) && tracebackAt(text, next) !== next) return undefined;
  }
  const traceback = tracebackAt(text, messageStart);
  if (traceback < 0 && !EXCEPTION_LIKE.test(type)) return undefined;
  const message = trimEventMessage(traceback < 0 ? text.slice(messageStart) : text.slice(messageStart, traceback));
  const frames = traceback < 0 ? [] : (errorFromText(text)?.frames ?? []);
  return boundedError(type, message, frames);
}

// A function's JSON record below ERROR carries nothing the engine counts: it is recognised by its
// level near the start without the cost of a full JSON.parse (most lines of a JSON-format function).
const QUIET_JSON_RECORD = /^\{"(?:timestamp|time)":"[^"]{0,40}","(?:level|log_level)":"(TRACE|DEBUG|INFO|WARN|WARNING)"/;

// The two commonest platform events, in the exact shape Lambda writes them, read without JSON.parse.
const PLATFORM_START = /^\{"time":"[^"]{0,40}","type":"platform\.start","record":\{"requestId":"([\w-]{1,64})"(?:,"version":"([^"\\]{0,64})")?[,}]/;
const PLATFORM_RUNTIME_DONE_OK = /^\{"time":"[^"]{0,40}","type":"platform\.runtimeDone","record":\{"requestId":"([\w-]{1,64})","status":"success"[,}]/;

/**
 * A record that QUIET_JSON_RECORD matched, read as ending at `end`: whether it is whole (ends with
 * `}`), and found.t1, found.t2 its `"requestId"` value's bounds (−1 when it has none).
 */
function locateQuietJsonRecord(message: string, end: number): boolean {
  if (message.charCodeAt(end - 1) !== 125 /* } */) return false;
  // Both searches stop at a quote, so they cannot run into the trailing white space past `end`.
  const at = message.indexOf('"requestId":"');
  const close = at < 0 ? -1 : message.indexOf('"', at + 13);
  const has = close > at + 13 && close - at < 90;
  found.t1 = has ? at + 13 : -1;
  found.t2 = has ? close : -1;
  return true;
}

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
  if (quiet?.[1] && locateQuietJsonRecord(message, message.length)) {
    const requestId = found.t1 < 0 ? undefined : requestIdOf(message.slice(found.t1, found.t2));
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
