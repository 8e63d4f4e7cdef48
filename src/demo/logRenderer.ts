import type { ErrorScenario, SimFrame, SimulatedFunction } from './scenarios';

/** What happened in one simulated invocation; the renderer turns it into that runtime's log lines. */
export interface SimInvocation {
  readonly requestId: string;
  readonly start: number;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly maxMemoryUsedMb: number;
  readonly initDurationMs?: number;
  readonly outcome: 'success' | 'handled' | 'error' | 'timeout' | 'outOfMemory' | 'crash' | 'initError';
  readonly scenario?: ErrorScenario;
  readonly errorMessage?: string;
  readonly appLines: readonly string[];
  readonly xray?: string;
}

export interface RenderedLine {
  readonly time: number;
  readonly message: string;
}

const iso = (t: number): string => new Date(t).toISOString();

function nodeStack(type: string, message: string, frames: readonly SimFrame[]): string[] {
  return [
    `${type}: ${message}`,
    ...frames.map((f, i) => `    at ${f.fn} (${f.file}:${f.line}:${7 + i * 4})`),
    '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
  ];
}

function pythonTraceback(frames: readonly SimFrame[], indent: string): string[] {
  // Python prints the outermost call first.
  return [...frames].reverse().flatMap((f) => [`${indent}File "${f.file}", line ${f.line}, in ${f.fn}`, `${indent}${indent}${f.fn}(event)`]);
}

function javaStack(frames: readonly SimFrame[]): string[] {
  return [...frames.map((f) => `${f.fn}(${f.file}:${f.line})`), 'lambdainternal.EventHandlerLoader$PojoHandlerAsStreamHandler.handleRequest(EventHandlerLoader.java:199)'];
}

function runtimeVersion(fn: SimulatedFunction): string {
  switch (fn.runtime) {
    case 'nodejs24.x':
      return 'nodejs:24.v11';
    case 'nodejs20.x':
      return 'nodejs:20.v25';
    case 'python3.12':
      return 'python:3.12.v38';
    case 'java21':
      return 'java:21.v19';
    default:
      return 'provided:al2023.v60';
  }
}

const RUNTIME_ARN_HASH = '7b620fc2e66107a1046b140b9d320295811af3ad5d4c6a011fad1fa65127e9e6';

function textReport(fn: SimulatedFunction, inv: SimInvocation): string {
  let line = `REPORT RequestId: ${inv.requestId}\tDuration: ${inv.durationMs.toFixed(2)} ms\tBilled Duration: ${inv.billedDurationMs} ms\tMemory Size: ${fn.memorySizeMb} MB\tMax Memory Used: ${inv.maxMemoryUsedMb} MB\t`;
  if (inv.initDurationMs !== undefined && inv.outcome !== 'initError') line += `Init Duration: ${inv.initDurationMs.toFixed(2)} ms\t`;
  if (fn.reportStatus) {
    if (inv.outcome === 'timeout') line += 'Status: timeout\t';
    else if (inv.outcome === 'outOfMemory') line += 'Status: error\tError Type: Runtime.OutOfMemory\t';
    else if (inv.outcome === 'crash') line += 'Status: error\tError Type: Runtime.ExitError\t';
    else if (inv.outcome === 'initError') line += `Status: error\tError Type: ${inv.scenario?.errorType ?? 'Runtime.Unknown'}\t`;
  } else if (inv.outcome === 'initError') {
    line += `Status: error\tError Type: ${inv.scenario?.errorType ?? 'Runtime.Unknown'}\t`;
  }
  if (inv.xray) line += `\nXRAY TraceId: ${inv.xray}\tSegmentId: ${inv.requestId.slice(0, 16).replace(/-/g, '')}\tSampled: true\t`;
  return `${line}\n`;
}

function jsonPlatform(type: string, time: number, record: Record<string, unknown>): RenderedLine {
  return { time, message: JSON.stringify({ time: iso(time), type, record }) };
}

/** Render one invocation as the log lines its runtime and log format would write. */
export function renderInvocation(fn: SimulatedFunction, inv: SimInvocation): RenderedLine[] {
  return fn.logFormat === 'JSON' ? renderJson(fn, inv) : renderText(fn, inv);
}

function renderText(fn: SimulatedFunction, inv: SimInvocation): RenderedLine[] {
  const out: RenderedLine[] = [];
  const rid = inv.requestId;
  const t0 = inv.start;
  const end = t0 + Math.ceil(inv.durationMs);
  const scenario = inv.scenario;
  const msg = inv.errorMessage ?? '';
  const node = fn.runtime.startsWith('nodejs');
  const python = fn.runtime === 'python3.12';
  if (inv.initDurationMs !== undefined) {
    const initStart = t0 - Math.ceil(inv.initDurationMs);
    out.push({ time: initStart, message: `INIT_START Runtime Version: ${runtimeVersion(fn)}\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:${RUNTIME_ARN_HASH}\n` });
    if (inv.outcome === 'initError' && scenario) {
      const failure = python
        ? `[ERROR] ${scenario.errorType}: ${msg}\rTraceback (most recent call last):\r`
        : `${iso(initStart)}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify({ errorType: scenario.errorType, errorMessage: msg, stack: [`${scenario.errorType}: ${msg}`, '    at _loadUserApp (file:///var/runtime/index.mjs:1084:17)'] })}\n`;
      const half = Math.floor(inv.initDurationMs / 2);
      out.push({ time: initStart + 1, message: failure });
      out.push({ time: initStart + half, message: `INIT_REPORT Init Duration: ${(inv.initDurationMs / 2).toFixed(2)} ms\tPhase: init\tStatus: error\tError Type: ${scenario.errorType}\n` });
      out.push({ time: initStart + half + 1, message: failure });
      out.push({ time: t0, message: `INIT_REPORT Init Duration: ${inv.initDurationMs.toFixed(2)} ms\tPhase: invoke\tStatus: error\tError Type: ${scenario.errorType}\n` });
    }
  }
  out.push({ time: t0, message: `START RequestId: ${rid} Version: $LATEST\n` });
  const step = Math.max(1, Math.floor(inv.durationMs / (inv.appLines.length + 2)));
  inv.appLines.forEach((text, i) => {
    const t = t0 + step * (i + 1);
    const line = node ? `${iso(t)}\t${rid}\tINFO\t${text}\n` : python ? `[INFO]\t${iso(t)}\t${rid}\t${text}\n` : `${iso(t).replace('T', ' ').slice(0, 19)} ${rid} INFO  ${text}\n`;
    out.push({ time: t, message: line });
  });
  const tErr = Math.max(t0, end - 1);
  if (scenario && (inv.outcome === 'handled' || inv.outcome === 'error')) {
    const handled = inv.outcome === 'handled';
    if (node) {
      const stack = nodeStack(scenario.errorType, msg, scenario.frames);
      const text = handled ? stack.join('\r') : `Invoke Error \t${JSON.stringify({ errorType: scenario.errorType, errorMessage: msg, stack })}`;
      out.push({ time: tErr, message: `${iso(tErr)}\t${rid}\tERROR\t${text}\n` });
    } else if (python) {
      const frames = pythonTraceback(scenario.frames, handled ? '  ' : '\u00a0\u00a0');
      const text = handled
        ? `[ERROR]\t${iso(tErr)}\t${rid}\tRequest failed\rTraceback (most recent call last):\r${frames.join('\r')}\r${scenario.errorType}: ${msg}\n`
        : `[ERROR] ${scenario.errorType}: ${msg}\rTraceback (most recent call last):\r${frames.join('\r')}\r`;
      out.push({ time: tErr, message: text });
    } else {
      out.push({ time: tErr, message: `${JSON.stringify({ errorMessage: msg, errorType: scenario.errorType, stackTrace: javaStack(scenario.frames) })}\n` });
    }
  }
  if (inv.outcome === 'timeout') {
    const seconds = fn.timeoutSeconds.toFixed(2);
    const text = fn.runtime === 'java21' ? `RequestId: ${rid} Error: Task timed out after ${seconds} seconds` : `${iso(end)} ${rid} Task timed out after ${seconds} seconds`;
    out.push({ time: end, message: `${text}\n\n` });
  } else if (inv.outcome === 'outOfMemory') {
    out.push({ time: end, message: `RequestId: ${rid} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n` });
  } else if (inv.outcome === 'crash') {
    out.push({ time: end, message: `RequestId: ${rid} Error: Runtime exited with error: exit status 1\nRuntime.ExitError\n` });
  }
  out.push({ time: end, message: `END RequestId: ${rid}\n` });
  out.push({ time: end, message: textReport(fn, inv) });
  return out;
}

function jsonStatus(inv: SimInvocation): { status: string; errorType?: string } {
  switch (inv.outcome) {
    case 'timeout':
      return { status: 'timeout' };
    case 'outOfMemory':
      return { status: 'error', errorType: 'Runtime.OutOfMemory' };
    case 'crash':
      return { status: 'error', errorType: 'Runtime.ExitError' };
    case 'initError':
    case 'error':
      return { status: 'error', errorType: inv.scenario?.errorType };
    default:
      return { status: 'success' };
  }
}

function renderJson(fn: SimulatedFunction, inv: SimInvocation): RenderedLine[] {
  const out: RenderedLine[] = [];
  const rid = inv.requestId;
  const t0 = inv.start;
  const end = t0 + Math.ceil(inv.durationMs);
  const scenario = inv.scenario;
  const msg = inv.errorMessage ?? '';
  const python = fn.runtime === 'python3.12';
  if (inv.initDurationMs !== undefined) {
    const initStart = t0 - Math.ceil(inv.initDurationMs);
    out.push(
      jsonPlatform('platform.initStart', initStart, {
        initializationType: 'on-demand',
        phase: 'init',
        runtimeVersion: runtimeVersion(fn),
        runtimeVersionArn: `arn:aws:lambda:us-east-1::runtime:${RUNTIME_ARN_HASH}`,
        functionName: fn.name,
        functionVersion: '$LATEST',
      }),
    );
    if (inv.outcome === 'initError' && scenario) {
      const failure = python
        ? JSON.stringify({ timestamp: iso(initStart + 1), log_level: 'ERROR', errorMessage: msg, errorType: scenario.errorType, requestId: '', stackTrace: [] })
        : JSON.stringify({ timestamp: iso(initStart + 1), level: 'ERROR', message: 'Uncaught Exception', errorType: scenario.errorType, errorMessage: msg, stackTrace: [`${scenario.errorType}: ${msg}`] });
      const half = Math.floor(inv.initDurationMs / 2);
      out.push({ time: initStart + 1, message: failure });
      out.push(jsonPlatform('platform.initReport', initStart + half, { initializationType: 'on-demand', phase: 'init', status: 'error', errorType: scenario.errorType, metrics: { durationMs: inv.initDurationMs / 2 } }));
      out.push({ time: initStart + half + 1, message: failure });
      out.push(jsonPlatform('platform.initReport', t0, { initializationType: 'on-demand', phase: 'invoke', status: 'error', errorType: scenario.errorType, metrics: { durationMs: inv.initDurationMs } }));
    } else {
      out.push(jsonPlatform('platform.initRuntimeDone', t0, { initializationType: 'on-demand', phase: 'init', status: 'success' }));
      out.push(jsonPlatform('platform.initReport', t0, { initializationType: 'on-demand', phase: 'init', status: 'success', metrics: { durationMs: inv.initDurationMs } }));
    }
  }
  out.push(jsonPlatform('platform.start', t0, { requestId: rid, version: '$LATEST' }));
  const step = Math.max(1, Math.floor(inv.durationMs / (inv.appLines.length + 2)));
  inv.appLines.forEach((text, i) => {
    const t = t0 + step * (i + 1);
    const record = python ? { timestamp: iso(t), level: 'INFO', message: text, logger: 'root', requestId: rid } : { timestamp: iso(t), level: 'INFO', requestId: rid, message: text };
    out.push({ time: t, message: JSON.stringify(record) });
  });
  const tErr = Math.max(t0, end - 1);
  if (scenario && (inv.outcome === 'handled' || inv.outcome === 'error')) {
    const handled = inv.outcome === 'handled';
    let record: Record<string, unknown>;
    if (python) {
      record = {
        timestamp: iso(tErr),
        level: 'ERROR',
        message: handled ? 'Request failed' : msg,
        logger: 'root',
        requestId: rid,
        errorType: scenario.errorType,
        errorMessage: msg,
        stackTrace: pythonTraceback(scenario.frames, '  ').map((l) => `${l}\n`),
      };
      if (!handled) record = { timestamp: iso(tErr), log_level: 'ERROR', errorMessage: msg, errorType: scenario.errorType, requestId: rid, stackTrace: record.stackTrace };
    } else {
      const stackTrace = nodeStack(scenario.errorType, msg, scenario.frames);
      record = handled
        ? { timestamp: iso(tErr), level: 'ERROR', requestId: rid, message: { errorType: scenario.errorType, errorMessage: msg, stackTrace } }
        : { timestamp: iso(tErr), level: 'ERROR', requestId: rid, message: 'Invoke Error', errorType: scenario.errorType, errorMessage: msg, stackTrace };
    }
    out.push({ time: tErr, message: JSON.stringify(record) });
  }
  if (inv.outcome === 'crash') {
    // UNVERIFIED whether JSON-format functions get this platform text line too.
    out.push({ time: end, message: `RequestId: ${rid} Error: Runtime exited with error: exit status 1\nRuntime.ExitError\n` });
  }
  const { status, errorType } = jsonStatus(inv);
  out.push(jsonPlatform('platform.runtimeDone', end, { requestId: rid, status, ...(errorType ? { errorType } : {}), metrics: { durationMs: inv.durationMs, producedBytes: 0 } }));
  const metrics: Record<string, number> = {
    durationMs: inv.durationMs,
    billedDurationMs: inv.billedDurationMs,
    memorySizeMB: fn.memorySizeMb,
    maxMemoryUsedMB: inv.maxMemoryUsedMb,
  };
  if (inv.initDurationMs !== undefined && inv.outcome !== 'initError') metrics.initDurationMs = inv.initDurationMs;
  out.push(jsonPlatform('platform.report', end, { requestId: rid, status, ...(errorType ? { errorType } : {}), metrics }));
  return out;
}
