import type {
  InitReportLine,
  InitStartLine,
  PlatformLine,
  PlatformStatus,
  ReportLine,
  RuntimeExitLine,
  TimeoutLine,
} from './parsedLine';

// Only a line that *starts* with the keyword is a platform line; the same words inside an
// application's log line (which carries a timestamp/level prefix) are just text.
// Request ids are UUIDs; a forged id with control characters is not a platform line.
const START = /^START RequestId: ([\w-]{1,64})(?:\s+Version: ([^\s\u0000-\u001f]{1,64}))?(?:\s|$)/;
const END = /^END RequestId: ([\w-]{1,64})(?:\s|$)/;
// Fields follow the id in any order (local emulators print Init Duration first); Duration must be among them.
const REPORT = /^REPORT RequestId: ([\w-]{1,64})[ \t]/;
const XRAY_TRACE = /XRAY TraceId: (\S+)/;
const INIT_START = /^INIT_START\s+Runtime Version: (\S+)/;
const INIT_REPORT = /^INIT_REPORT\s+Init Duration: ([\d.]+) ms\s+Phase: (\w+)(?:\s+Status: (\w+))?(?:\s+Error Type: (\S+))?/;
// `<iso time> <request id> Task timed out after 3.00 seconds` (space or tab separated), or bare.
const TIMEOUT = /^(?:\d{4}-\d\d-\d\dT\S+\s+([\w-]{1,64})\s+)?(?:RequestId: ([\w-]{1,64})\s+Error: )?Task timed out after\s+([\d.]+)\s+seconds/;
// `RequestId: <id> Error: Runtime exited with error: signal: killed\nRuntime.ExitError`
const REQUEST_ERROR = /^RequestId: ([\w-]{1,64})\s+Error: /;
const BARE_RUNTIME_EXIT = /^Runtime exited with error: /;
const TRAILING_RUNTIME_TYPE = /\s(Runtime\.\w+)\s*$/;
const RUNTIME_TYPE_LINE = /^\s*(Runtime\.\w+)/;

/** `Error: <reason>` then the error type, on the next line or at the end of the same one. */
function requestError(message: string, requestId: string | undefined, at: number): RuntimeExitLine {
  const nl = message.indexOf('\n', at);
  let reason = (nl < 0 ? message.slice(at) : message.slice(at, nl)).trim();
  let errorType = nl < 0 ? undefined : RUNTIME_TYPE_LINE.exec(message.slice(nl + 1, nl + 200))?.[1];
  const trailing = TRAILING_RUNTIME_TYPE.exec(reason);
  if (trailing?.[1]) {
    errorType ??= trailing[1];
    reason = reason.slice(0, trailing.index).trim();
  }
  return runtimeExit(requestId, reason, errorType);
}
const PROCESS_EXITED = /^RequestId: ([\w-]{1,64})\s+(Process exited before completing request)/;

export function toStatus(value: unknown): PlatformStatus | undefined {
  switch (value) {
    case 'success':
    case 'error':
    case 'timeout':
    case 'failure':
      return value;
    default:
      return undefined;
  }
}

/** The number at `at` (digits with one optional fraction), read without allocating; undefined if none. */
function numberAt(text: string, at: number): number | undefined {
  let value = 0;
  let i = at;
  let digits = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    digits++;
  }
  if (text.charCodeAt(i) === 46 /* . */) {
    let scale = 0.1;
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      value += (c - 48) * scale;
      scale /= 10;
      digits++;
    }
  }
  // A field's number ends at white space (`12.5 ms`); `1e3`, `1.2.3` or an absurd length is no figure.
  const next = text.charCodeAt(i);
  if (digits === 0 || digits > 15 || !(next === 32 || next === 9 || Number.isNaN(next))) return undefined;
  return Math.round(value * 1e6) / 1e6;
}

/** Labels that end with another label: `Duration` is also the end of `Init Duration`, … */
const QUALIFIERS: Readonly<Record<string, readonly string[]>> = {
  'Duration: ': ['Init ', 'Billed ', 'Restore '],
  'Restore Duration: ': ['Billed '],
};

/** The value after `label` where the label starts a field (after white space), or -1. */
function fieldAt(text: string, label: string, from: number): number {
  const qualifiers = QUALIFIERS[label];
  for (let at = text.indexOf(label, from); at >= 0; at = text.indexOf(label, at + 1)) {
    const before = text.charCodeAt(at - 1);
    if (before !== 9 && before !== 32 && before !== 10) continue;
    if (qualifiers?.some((q) => text.endsWith(q, at))) continue;
    return at + label.length;
  }
  return -1;
}

function wordAt(text: string, at: number): string {
  let end = at;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 9 || c === 10 || c === 13 || c === 32) break;
    end++;
  }
  return text.slice(at, end);
}

/**
 * REPORT fields, found by label (tabs or spaces between fields, any subset of them). Labels that
 * are the end of another (`Duration` in `Billed Duration`) only count where a field starts.
 */
function parseReport(message: string, requestId: string): ReportLine {
  const from = 18 + requestId.length;
  const num = (label: string): number | undefined => {
    const at = fieldAt(message, label, from);
    return at < 0 ? undefined : numberAt(message, at);
  };
  const statusAt = fieldAt(message, 'Status: ', from);
  const errorTypeAt = fieldAt(message, 'Error Type: ', from);
  const xrayAt = fieldAt(message, 'XRAY TraceId: ', from);
  return {
    kind: 'report',
    requestId,
    durationMs: num('Duration: '),
    billedDurationMs: num('Billed Duration: '),
    memorySizeMb: num('Memory Size: '),
    maxMemoryUsedMb: num('Max Memory Used: '),
    initDurationMs: num('Init Duration: '),
    restoreDurationMs: num('Restore Duration: '),
    billedRestoreDurationMs: num('Billed Restore Duration: '),
    status: statusAt < 0 ? undefined : toStatus(wordAt(message, statusAt)),
    errorType: errorTypeAt < 0 ? undefined : wordAt(message, errorTypeAt) || undefined,
    xrayTraceId: xrayAt < 0 ? undefined : wordAt(message, xrayAt) || undefined,
  };
}

function runtimeExit(requestId: string | undefined, reason: string, errorType: string | undefined): RuntimeExitLine {
  return { kind: 'runtimeExit', requestId, reason, killed: /signal: killed/.test(reason), errorType };
}

/** A text-format platform line, or undefined when the line is the application's. */
export function parseTextPlatformLine(message: string): PlatformLine | undefined {
  switch (message.charCodeAt(0)) {
    case 83 /* S */: {
      const m = START.exec(message);
      return m?.[1] ? { kind: 'start', requestId: m[1], version: m[2] } : undefined;
    }
    case 69 /* E */: {
      const m = END.exec(message);
      return m?.[1] ? { kind: 'end', requestId: m[1] } : undefined;
    }
    case 82 /* R */: {
      if (message.startsWith('REPORT')) {
        const m = REPORT.exec(message);
        if (!m?.[1]) return undefined;
        const report = parseReport(message, m[1]);
        return report.durationMs === undefined ? undefined : report;
      }
      const timeout = TIMEOUT.exec(message);
      if (timeout) return timeoutLine(timeout);
      const exited = PROCESS_EXITED.exec(message);
      if (exited?.[1] && exited[2]) return runtimeExit(exited[1], exited[2], undefined);
      const err = REQUEST_ERROR.exec(message);
      if (err?.[1]) return requestError(message, err[1], err[0].length);
      // Older platforms print the exit without the request prefix.
      if (BARE_RUNTIME_EXIT.test(message)) return requestError(message, undefined, 0);
      return undefined;
    }
    case 73 /* I */: {
      if (message.startsWith('INIT_START')) {
        const m = INIT_START.exec(message);
        const line: InitStartLine = { kind: 'initStart', runtimeVersion: m?.[1] };
        return line;
      }
      if (message.startsWith('INIT_REPORT')) {
        const m = INIT_REPORT.exec(message);
        if (!m) return undefined;
        const line: InitReportLine = {
          kind: 'initReport',
          initDurationMs: Number(m[1]),
          phase: m[2] === 'invoke' ? 'invoke' : 'init',
          status: toStatus(m[3]),
          errorType: m[4],
        };
        return line;
      }
      return undefined;
    }
    case 88 /* X */: {
      if (!message.startsWith('XRAY TraceId:')) return undefined;
      return { kind: 'xray', traceId: XRAY_TRACE.exec(message)?.[1] };
    }
    case 84 /* T */: {
      const m = TIMEOUT.exec(message);
      return m ? timeoutLine(m) : undefined;
    }
    default: {
      // `<iso time> <request id> Task timed out …`: look only where the third field starts,
      // so that ordinary application lines cost two short scans, not a search of the whole line.
      const c = message.charCodeAt(0);
      if (c < 48 || c > 57) return undefined;
      const first = indexOfBlank(message, 0, 40);
      const second = first < 0 ? -1 : indexOfBlank(message, first + 1, first + 80);
      if (second < 0 || !message.startsWith('Task timed out after', second + 1)) return undefined;
      const m = TIMEOUT.exec(message);
      return m ? timeoutLine(m) : undefined;
    }
  }
}

/** Index of the first space or tab in [from, limit), or -1. */
function indexOfBlank(text: string, from: number, limit: number): number {
  const end = Math.min(limit, text.length);
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) return i;
  }
  return -1;
}

function timeoutLine(m: RegExpExecArray): TimeoutLine {
  const requestId = m[1] ?? m[2];
  return { kind: 'timeout', requestId, seconds: Number(m[3]) };
}

/** `Root=1-…;Parent=…;Sampled=1` → `1-…`, the same id the text format prints. */
function traceRoot(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const root = /(?:^|;)\s*Root=([^;]+)/.exec(header);
  return root?.[1] ?? header;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function obj(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * A JSON-format platform event (`{"time","type":"platform.*","record"}`). Every metric is optional:
 * Lambda Managed Instances reports carry only `durationMs`.
 */
export function parseJsonPlatformEvent(type: string, recordValue: unknown): PlatformLine | undefined {
  const record = obj(recordValue);
  const metrics = obj(record.metrics);
  const requestId = text(record.requestId);
  switch (type) {
    case 'platform.start':
      return requestId ? { kind: 'start', requestId, version: text(record.version) } : undefined;
    case 'platform.runtimeDone':
      return requestId ? { kind: 'runtimeDone', requestId, status: toStatus(record.status), errorType: text(record.errorType) } : undefined;
    case 'platform.report':
      if (!requestId) return undefined;
      return {
        kind: 'report',
        requestId,
        durationMs: num(metrics.durationMs),
        billedDurationMs: num(metrics.billedDurationMs),
        memorySizeMb: num(metrics.memorySizeMB),
        maxMemoryUsedMb: num(metrics.maxMemoryUsedMB),
        initDurationMs: num(metrics.initDurationMs),
        restoreDurationMs: num(metrics.restoreDurationMs),
        billedRestoreDurationMs: num(metrics.billedRestoreDurationMs),
        status: toStatus(record.status),
        errorType: text(record.errorType),
        xrayTraceId: traceRoot(text(obj(record.tracing).value)),
      };
    case 'platform.initStart':
      return { kind: 'initStart', runtimeVersion: text(record.runtimeVersion), initializationType: text(record.initializationType) };
    case 'platform.initReport':
      return {
        kind: 'initReport',
        phase: record.phase === 'invoke' ? 'invoke' : 'init',
        initDurationMs: num(metrics.durationMs),
        status: toStatus(record.status),
        errorType: text(record.errorType),
      };
    case 'platform.restoreReport':
      return { kind: 'restoreReport', durationMs: num(metrics.durationMs), status: toStatus(record.status), errorType: text(record.errorType) };
    default:
      // initRuntimeDone, restoreStart, extension, telemetrySubscription, logsDropped: nothing to count.
      return undefined;
  }
}
