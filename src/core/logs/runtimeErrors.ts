import type { ErrorInfo } from './parsedLine';
import { framesFromStackArray, framesFromText } from '../issues/stackFrames';

/** Substrings by which the language runtimes announce that they ran out of memory. */
const OOM_TEXT = [
  'JavaScript heap out of memory',
  'java.lang.OutOfMemoryError',
  'fatal error: runtime: out of memory',
  'failed to allocate memory (NoMemoryError)',
  'Runtime.OutOfMemory',
];
/** Bounds on what one error keeps: logs may hold 256 KB messages and deep stacks. */
export const MAX_ERROR_MESSAGE = 4096;
export const MAX_ERROR_FRAMES = 50;

/** An ErrorInfo within bounds, so that no later rule runs over an unbounded text. */
export function boundedError(type: string, message: string, frames: ErrorInfo['frames']): ErrorInfo {
  return {
    type: type.length > 200 ? type.slice(0, 200) : type,
    message: message.length > MAX_ERROR_MESSAGE ? `${message.slice(0, MAX_ERROR_MESSAGE)}…` : message,
    frames: frames.length > MAX_ERROR_FRAMES ? frames.slice(0, MAX_ERROR_FRAMES) : frames,
  };
}

const OOM_TYPES = new Set(['MemoryError', 'java.lang.OutOfMemoryError', 'Runtime.OutOfMemory', 'OutOfMemoryError', 'System.OutOfMemoryException']);

export function isOutOfMemoryText(text: string): boolean {
  for (const needle of OOM_TEXT) if (text.includes(needle)) return true;
  return false;
}

export function isOutOfMemoryType(type: string | undefined): boolean {
  return type !== undefined && OOM_TYPES.has(type);
}

/** Labels the Node.js runtime client writes before an error document. */
const NODE_FAILURE_LABELS = ['Invoke Error', 'Uncaught Exception', 'Unhandled Promise Rejection'];

export function nodeFailureLabel(text: string): string | undefined {
  for (const label of NODE_FAILURE_LABELS) if (text.startsWith(label)) return label;
  return undefined;
}

const LINE_BREAK = /\r\n|\r|\n/;
// `TypeError: message`, `java.lang.IllegalStateException: message`, `Runtime.ImportModuleError: …`.
const TYPED_HEADLINE = /^((?:[A-Za-z_$][\w$]*\.)*[\w$]*(?:Error|Exception|Fault|Rejection|Exit)|Runtime\.\w+)(?::\s?(.*))?$/s;

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An error document: `{errorType, errorMessage, stack|stackTrace|trace}` (any runtime). */
export function errorFromDocument(doc: Record<string, unknown>): ErrorInfo | undefined {
  const type = str(doc.errorType);
  const message = str(doc.errorMessage);
  if (type === undefined && message === undefined) return undefined;
  const stackItems = Array.isArray(doc.stack) ? doc.stack : Array.isArray(doc.stackTrace) ? doc.stackTrace : Array.isArray(doc.trace) ? doc.trace : typeof doc.stack === 'string' ? [doc.stack] : [];
  let frames = framesFromStackArray(stackItems);
  // Node's Unhandled Promise Rejection wraps the rejected error in `reason`; its stack is the one
  // that points into the application (the wrapper's is the runtime's own).
  const reason = doc.reason;
  if (reason !== null && typeof reason === 'object' && !Array.isArray(reason)) {
    const r = reason as Record<string, unknown>;
    const reasonItems = Array.isArray(r.stack) ? r.stack : Array.isArray(r.stackTrace) ? r.stackTrace : typeof r.stack === 'string' ? [r.stack] : [];
    const reasonFrames = framesFromStackArray(reasonItems);
    if (reasonFrames.length > 0) frames = reasonFrames;
  }
  return boundedError(type ?? 'Error', message ?? '', frames);
}

/** Parse a JSON text that should be an object; undefined for anything else (never throws). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    const value: unknown = JSON.parse(start === 0 ? text : text.slice(start));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An error written as text: `Type: message` then stack lines (`\r` or `\n` separated), as
 * `console.error(err)` in Node, `logger.exception` in Python and Java loggers print it.
 * Python tracebacks put the `Type: message` line last, after the frames.
 */
export function errorFromText(text: string): ErrorInfo | undefined {
  if (text.length > 64 * 1024) text = text.slice(0, 64 * 1024);
  const hasTraceback = text.includes('Traceback (most recent call last)');
  if (!hasTraceback && !TYPED_HEADLINE.test(firstLine(text))) return undefined;
  const lines = text.split(LINE_BREAK);
  const first = lines[0]?.trim() ?? '';
  const traceback = lines.findIndex((l) => l.startsWith('Traceback (most recent call last)'));
  if (traceback >= 0) {
    // The exception line follows the frames (logger.exception); a headline before it may also name it.
    let type: string | undefined;
    let message = '';
    for (let i = lines.length - 1; i > traceback; i--) {
      const candidate = (lines[i] ?? '').trim();
      if (candidate.length === 0 || candidate.startsWith('File "') || /^[\s\u00a0]/.test(lines[i] ?? '')) continue;
      const m = TYPED_HEADLINE.exec(candidate) ?? /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/s.exec(candidate);
      if (m?.[1]) {
        type = m[1];
        message = m[2] ?? '';
      }
      break;
    }
    if (type === undefined) {
      const head = TYPED_HEADLINE.exec(first);
      type = head?.[1] ?? 'Error';
      message = head ? (head[2] ?? '') : first;
    }
    return boundedError(type, message, framesFromText(lines.slice(traceback + 1, traceback + 1 + MAX_ERROR_FRAMES * 3)));
  }
  const head = TYPED_HEADLINE.exec(first);
  if (!head?.[1]) return undefined;
  return boundedError(head[1], head[2] ?? '', framesFromText(lines.slice(1, 1 + MAX_ERROR_FRAMES * 2)));
}

// Where the Java runtime's `<message>: <class>` line meets the trace's headline `<class>[: <message>]`:
// the same fully qualified class on both sides of the line break.
const JAVA_UNCAUGHT_JUNCTION = /: ((?:[A-Za-z_$][\w$]{0,99}\.){1,30}[A-Za-z_$][\w$]{0,99})\r?\n\1(?=:|\r?\n|$)/;
const FIRST_JAVA_FRAME = '\n\tat ';

/**
 * The Java runtime's report of an uncaught exception, a plain line: `<message>: <class>`, then the
 * exception's printStackTrace (`<class>: <message>`, `\tat …` frames, `Caused by: …`). The message
 * comes from the trace's headline. Undefined for any other text (checked cheaply: most plain lines
 * of a Java function are System.out output).
 */
export function javaUncaughtError(text: string): ErrorInfo | undefined {
  const firstFrame = text.indexOf(FIRST_JAVA_FRAME);
  if (firstFrame < 0) return undefined;
  const head = text.slice(0, Math.min(firstFrame, 64 * 1024));
  const junction = JAVA_UNCAUGHT_JUNCTION.exec(head);
  const type = junction?.[1];
  if (!junction || type === undefined) return undefined;
  let message = head.slice(junction.index + junction[0].length);
  if (message.startsWith(':')) message = message.slice(message.startsWith(': ') ? 2 : 1);
  message = message.trimEnd();
  // The runtime's line repeats the trace's message (the class name, or `null`, when it has none);
  // an application's log line ending `…: <class>` before a trace (log.error("failed: " + e, e)) does not.
  const prefix = head.slice(0, junction.index).replace(/\r\n/g, '\n');
  const repeated = prefix === message.replace(/\r\n/g, '\n') || (message === '' && (prefix === type || prefix === 'null'));
  if (!repeated) return undefined;
  const trace = text.slice(firstFrame + 1, firstFrame + 1 + 64 * 1024).split(LINE_BREAK, MAX_ERROR_FRAMES * 3);
  return boundedError(type, message, framesFromText(trace));
}

/** The error a Node.js runtime label precedes: `Invoke Error \t{json}`. */
export function errorAfterLabel(text: string, label: string): ErrorInfo | undefined {
  const rest = text.slice(label.length).trim();
  const doc = parseJsonObject(rest);
  if (doc) return errorFromDocument(doc);
  return errorFromText(rest) ?? boundedError(label.replace(/\s+/g, ''), rest, []);
}

function firstLine(text: string): string {
  const cr = text.indexOf('\r');
  const lf = text.indexOf('\n');
  const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
  return (end < 0 ? text : text.slice(0, end)).trim();
}

/** Headline of a plain ERROR line that names no error type. */
export function untypedError(text: string): ErrorInfo {
  return boundedError('Error', firstLine(text), []);
}
