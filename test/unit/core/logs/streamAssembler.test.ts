// StreamAssembler on hand-written log lines: who a line belongs to, and how each request ended.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';
import type { InitFailure, Invocation } from '../../../../src/core/invocation';
import type { ErrorInfo } from '../../../../src/core/logs/parsedLine';
import { parseLine } from '../../../../src/core/logs/parseLine';
import { StreamAssembler } from '../../../../src/core/logs/streamAssembler';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const iso = (t: number): string => new Date(t).toISOString();
const A = '11111111-aaaa-4aaa-8aaa-000000000001';
const B = '22222222-bbbb-4bbb-8bbb-000000000002';
const C = '33333333-cccc-4ccc-8ccc-000000000003';

type Line = readonly [time: number, message: string];

interface Assembled {
  readonly invocations: Invocation[];
  readonly initFailures: InitFailure[];
  readonly lateErrors: Array<{ requestId: string; time: number; error: ErrorInfo }>;
  readonly incomplete: number;
}

/** One stream through a StreamAssembler (settle 2 s, as the analyzer's default), then end of input. */
function assemble(lines: readonly Line[]): Assembled {
  const out: Assembled = { invocations: [], initFailures: [], lateErrors: [], incomplete: 0 };
  const assembler = new StreamAssembler('fn', '2026/01/15/[$LATEST]abc', {
    invocation: (i) => out.invocations.push(i),
    initFailure: (f) => out.initFailures.push(f),
    lateError: (_fn, requestId, time, error) => out.lateErrors.push({ requestId, time, error }),
  }, { settleMs: 2_000 });
  for (const [time, message] of lines) assembler.accept(parseLine(message), time);
  return { ...out, incomplete: assembler.flush() };
}

function only(invocations: readonly Invocation[]): Invocation {
  assert.equal(invocations.length, 1, `exactly one invocation, got ${invocations.map((i) => `${i.requestId}:${i.status}`).join(', ')}`);
  return invocations[0] as Invocation;
}

const start = (rid: string): string => `START RequestId: ${rid} Version: $LATEST\n`;
const end = (rid: string): string => `END RequestId: ${rid}\n`;
function report(rid: string, durationMs: number, extra = '', memory = 'Memory Size: 128 MB\tMax Memory Used: 64 MB'): string {
  return `REPORT RequestId: ${rid}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\t${memory}\t${extra}\n`;
}
const nodeLine = (t: number, rid: string, level: string, text: string): Line => [t, `${iso(t)}\t${rid}\t${level}\t${text}\n`];
const pythonLine = (t: number, rid: string, level: string, text: string): Line => [t, `[${level}]\t${iso(t)}\t${rid}\t${text}\n`];
/** Python's uncaught exception: no time, no request id, frames indented with U+00A0. */
function pythonUncaught(type: string, message: string, frames: Array<[file: string, line: number, fn: string]>): string {
  const nb = '\u00a0\u00a0';
  const body = frames.map(([file, line, fn]) => `${nb}File "${file}", line ${line}, in ${fn}\r${nb}${nb}${fn}(event)`).join('\r');
  return `[ERROR] ${type}: ${message}\rTraceback (most recent call last):\r${body}\r`;
}
const jsonPlatform = (t: number, type: string, record: Record<string, unknown>): Line => [t, JSON.stringify({ time: iso(t), type, record })];

describe('lines without a request id', () => {
  test('a Python traceback belongs to the request running in the same stream', () => {
    const out = assemble([
      [T0, start(A)],
      pythonLine(T0 + 5, A, 'INFO', 'Resizing image'),
      [T0 + 40, pythonUncaught('KeyError', "'width'", [['/var/task/app.py', 10, 'lambda_handler'], ['/var/task/resizer/events.py', 23, 'parse_event']])],
      [T0 + 41, end(A)],
      [T0 + 41, report(A, 40.5)],
      // The next request on the same environment has nothing to do with it.
      [T0 + 500, start(B)],
      pythonLine(T0 + 510, B, 'INFO', 'Resizing image'),
      [T0 + 530, end(B)],
      [T0 + 530, report(B, 29.1)],
    ]);
    assert.equal(out.invocations.length, 2);
    const [a, b] = out.invocations as [Invocation, Invocation];
    assert.equal(a.requestId, A);
    assert.equal(a.status, 'error');
    assert.equal(a.error?.type, 'KeyError');
    assert.equal(a.error?.message, "'width'");
    // Innermost frame first.
    assert.deepEqual(a.error?.frames.map((f) => [f.file, f.line, f.function]), [
      ['/var/task/resizer/events.py', 23, 'parse_event'],
      ['/var/task/app.py', 10, 'lambda_handler'],
    ]);
    assert.equal(a.durationMs, 40.5);
    assert.equal(b.requestId, B);
    assert.equal(b.status, 'success');
    assert.equal(b.error, undefined);
    assert.deepEqual(b.handledErrors, []);
    assert.deepEqual(out.initFailures, []);
  });

  test('two streams interleaved line by line: each traceback goes to its own stream\'s request', () => {
    const invocations: Invocation[] = [];
    const analyzer = new Analyzer({ onInvocation: (i) => invocations.push(i) });
    const streamA: Line[] = [
      [T0, start(A)],
      pythonLine(T0 + 3, A, 'INFO', 'step 1'),
      [T0 + 40, pythonUncaught('KeyError', "'width'", [['/var/task/app.py', 10, 'lambda_handler']])],
      [T0 + 41, end(A)],
      [T0 + 41, report(A, 41)],
    ];
    const streamB: Line[] = [
      [T0 + 1, start(B)],
      pythonLine(T0 + 2, B, 'INFO', 'step 1'),
      [T0 + 60, pythonUncaught('ValueError', 'bad size', [['/var/task/app.py', 12, 'lambda_handler']])],
      [T0 + 77, end(B)],
      [T0 + 77, report(B, 77)],
    ];
    for (let i = 0; i < streamA.length; i++) {
      const [ta, ma] = streamA[i] as Line;
      const [tb, mb] = streamB[i] as Line;
      analyzer.ingestFor('fn', 'stream-a', ta, ma);
      analyzer.ingestFor('fn', 'stream-b', tb, mb);
    }
    analyzer.flush();
    const byId = new Map(invocations.map((i) => [i.requestId, i]));
    assert.equal(invocations.length, 2);
    assert.deepEqual(
      [byId.get(A)?.logStream, byId.get(A)?.status, byId.get(A)?.error?.type, byId.get(A)?.durationMs],
      ['stream-a', 'error', 'KeyError', 41],
    );
    assert.deepEqual(
      [byId.get(B)?.logStream, byId.get(B)?.status, byId.get(B)?.error?.type, byId.get(B)?.durationMs],
      ['stream-b', 'error', 'ValueError', 77],
    );
    const r = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES });
    assert.deepEqual(r.functions[0]?.issues.map((i) => [i.title, i.count]).sort(), [["KeyError: '<str>'", 1], ['ValueError: bad size', 1]]);
  });
});

describe('lines for a request that already ended', () => {
  const lateError = (t: number, rid: string): Line => nodeLine(t, rid, 'ERROR', 'TypeError: flush failed\n    at flush (/var/task/metrics.js:3:9)');

  test('within the settle delay after its REPORT: a handled error of that request', () => {
    const out = assemble([[T0, start(A)], [T0 + 50, end(A)], [T0 + 50, report(A, 49.2)], lateError(T0 + 60, A)]);
    const a = only(out.invocations);
    assert.equal(a.status, 'success');
    assert.deepEqual(a.handledErrors.map((e) => e.type), ['TypeError']);
    assert.deepEqual(out.lateErrors, []);
  });

  test('after the next request started: a late error of the old request, not of the running one', () => {
    const out = assemble([
      [T0, start(A)],
      [T0 + 50, end(A)],
      [T0 + 50, report(A, 49.2)],
      [T0 + 100, start(B)],
      lateError(T0 + 110, A),
      nodeLine(T0 + 111, A, 'INFO', 'late info line of the old request'),
      [T0 + 150, end(B)],
      [T0 + 150, report(B, 50)],
    ]);
    assert.deepEqual(out.invocations.map((i) => [i.requestId, i.status, i.handledErrors.length]), [
      [A, 'success', 0],
      [B, 'success', 0],
    ]);
    assert.deepEqual(out.lateErrors.map((e) => [e.requestId, e.error.type, e.time]), [[A, 'TypeError', T0 + 110]]);
    assert.equal(out.incomplete, 0);
  });

  test('after the settle delay, with no request running: a late error, no new invocation', () => {
    const out = assemble([[T0, start(A)], [T0 + 50, end(A)], [T0 + 50, report(A, 49.2)], lateError(T0 + 50 + 5_000, A)]);
    const a = only(out.invocations);
    assert.deepEqual(a.handledErrors, []);
    assert.deepEqual(out.lateErrors.map((e) => e.requestId), [A]);
    assert.equal(out.incomplete, 0);
  });

  // Platform lines that name a request: once that request is finalised, they must not land on another.
  const afterNextStart = (late: Line): Line[] => [
    [T0, start(A)],
    [T0 + 50, end(A)],
    [T0 + 50, report(A, 49.2)],
    [T0 + 100, start(B)],
    late,
    [T0 + 150, end(B)],
    [T0 + 150, report(B, 50)],
  ];
  const statuses = (out: Assembled): Array<[string, string]> => out.invocations.map((i) => [i.requestId, i.status]);

  test('a Node "Invoke Error" naming the finished request does not fail the running one', () => {
    const out = assemble(afterNextStart(nodeLine(T0 + 105, A, 'ERROR', 'Invoke Error \t{"errorType":"TypeError","errorMessage":"x","stack":["TypeError: x"]}')));
    assert.deepEqual(statuses(out), [[A, 'success'], [B, 'success']]);
  });

  test('a JSON platform.runtimeDone naming the finished request does not fail the running one', () => {
    const out = assemble([
      jsonPlatform(T0, 'platform.start', { requestId: A }),
      jsonPlatform(T0 + 50, 'platform.report', { requestId: A, status: 'success', metrics: { durationMs: 49.2 } }),
      jsonPlatform(T0 + 100, 'platform.start', { requestId: B }),
      jsonPlatform(T0 + 105, 'platform.runtimeDone', { requestId: A, status: 'error', errorType: 'Runtime.ExitError' }),
      jsonPlatform(T0 + 150, 'platform.report', { requestId: B, status: 'success', metrics: { durationMs: 50 } }),
    ]);
    assert.deepEqual(statuses(out), [[A, 'success'], [B, 'success']]);
  });

  test('an exit line right after its REPORT (within the settle delay) belongs to that request', () => {
    const out = assemble([[T0, start(A)], [T0 + 50, end(A)], [T0 + 50, report(A, 49.2)], [T0 + 52, `RequestId: ${A} Error: Runtime exited with error: exit status 1\nRuntime.ExitError\n`]]);
    assert.deepEqual(statuses(out), [[A, 'crash']]);
  });

  test(
    'a timeout line naming the finished request does not time out the running one',
    () => {
      const out = assemble(afterNextStart([T0 + 105, `${iso(T0 + 105)} ${A} Task timed out after 3.00 seconds\n`]));
      assert.deepEqual(statuses(out), [[A, 'success'], [B, 'success']]);
    },
  );

  test(
    'an exit line naming the finished request does not crash the running one',
    () => {
      const out = assemble(afterNextStart([T0 + 105, `RequestId: ${A} Error: Runtime exited with error: exit status 1\nRuntime.ExitError\n`]));
      assert.deepEqual(statuses(out), [[A, 'success'], [B, 'success']]);
    },
  );

  test('a late line through the analyzer becomes a handled occurrence of an issue, not a failure', () => {
    const analyzer = new Analyzer();
    const lines: Line[] = [[T0, start(A)], [T0 + 50, end(A)], [T0 + 50, report(A, 49.2)], [T0 + 100, start(B)], lateError(T0 + 110, A), [T0 + 150, end(B)], [T0 + 150, report(B, 50)]];
    for (const [t, m] of lines) analyzer.ingestFor('fn', 's', t, m);
    analyzer.flush();
    const f = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES }).functions[0];
    assert.ok(f);
    assert.equal(f.invocations, 2);
    assert.equal(f.errors, 0);
    assert.deepEqual(f.issues.map((i) => [i.title, i.count, i.handled, i.requestIds]), [['TypeError: flush failed', 1, true, [A]]]);
  });
});

describe('init failures', () => {
  const syntaxError = {
    errorType: 'Runtime.UserCodeSyntaxError',
    errorMessage: "SyntaxError: Unexpected token ')'",
    stack: ["Runtime.UserCodeSyntaxError: SyntaxError: Unexpected token ')'", '    at _loadUserApp (file:///var/runtime/index.mjs:1084:17)'],
  };
  const uncaught = (t: number): Line => [t, `${iso(t)}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify(syntaxError)}\n`];
  const initStart: Line = [T0 - 1000, 'INIT_START Runtime Version: nodejs:20.v25\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:7b62\n'];

  test('Node: init fails, is retried inside the invoke, fails again → one initError invocation', () => {
    const lines: Line[] = [
      initStart,
      uncaught(T0 - 999),
      [T0 - 750, 'INIT_REPORT Init Duration: 250.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.UserCodeSyntaxError\n'],
      uncaught(T0 - 749),
      [T0, 'INIT_REPORT Init Duration: 510.00 ms\tPhase: invoke\tStatus: error\tError Type: Runtime.UserCodeSyntaxError\n'],
      [T0, start(A)],
      [T0 + 512, end(A)],
      [T0 + 512, report(A, 511.3, 'Status: error\tError Type: Runtime.UserCodeSyntaxError')],
    ];
    const out = assemble(lines);
    const a = only(out.invocations);
    assert.equal(a.requestId, A);
    assert.equal(a.status, 'initError');
    assert.equal(a.error?.type, 'Runtime.UserCodeSyntaxError');
    assert.equal(a.error?.message, "SyntaxError: Unexpected token ')'");
    assert.equal(a.coldStart, true);
    assert.equal(a.initDurationMs, 510);
    assert.deepEqual(out.initFailures, [], 'the init failure is the invocation\'s, not a separate one');

    // Through the analyzer: one failed invocation, one occurrence of one init issue.
    const analyzer = new Analyzer();
    for (const [t, m] of lines) analyzer.ingestFor('fn', 's', t, m);
    analyzer.flush();
    const f = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES }).functions[0];
    assert.ok(f);
    assert.deepEqual([f.invocations, f.errors, f.initErrors, f.coldStarts], [1, 1, 1, 1]);
    assert.equal(analyzer.monitor('fn').standaloneInitFailures, 0);
    assert.deepEqual(f.issues.map((i) => [i.title, i.kind, i.count]), [["Runtime.UserCodeSyntaxError: SyntaxError: Unexpected token '<str>'", 'init', 1]]);
  });

  test('an init-phase failure followed by a successful invocation: a standalone init failure plus a success', () => {
    const lines: Line[] = [
      initStart,
      uncaught(T0 - 999),
      [T0 - 750, 'INIT_REPORT Init Duration: 250.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.UserCodeSyntaxError\n'],
      [T0, start(A)],
      nodeLine(T0 + 10, A, 'INFO', 'hello'),
      [T0 + 80, end(A)],
      [T0 + 80, report(A, 79.9, 'Init Duration: 480.00 ms')],
    ];
    const out = assemble(lines);
    const a = only(out.invocations);
    assert.equal(a.status, 'success');
    assert.equal(a.coldStart, true);
    assert.equal(a.initDurationMs, 480);
    assert.equal(out.initFailures.length, 1);
    assert.equal(out.initFailures[0]?.error.type, 'Runtime.UserCodeSyntaxError');
    assert.equal(out.initFailures[0]?.initDurationMs, 250);

    const analyzer = new Analyzer();
    for (const [t, m] of lines) analyzer.ingestFor('fn', 's', t, m);
    analyzer.flush();
    const f = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES }).functions[0];
    assert.ok(f);
    assert.deepEqual([f.invocations, f.errors, f.initErrors, f.coldStarts], [1, 0, 0, 1]);
    const monitor = analyzer.monitor('fn');
    assert.equal(monitor.standaloneInitFailures, 1);
    assert.deepEqual(f.issues.map((i) => [i.kind, i.count, i.handled]), [['init', 1, false]]);
    // Every failure occurrence is an invocation failure or a standalone init failure.
    assert.equal(f.issues.filter((i) => !i.handled).reduce((n, i) => n + i.count, 0), f.errors + monitor.standaloneInitFailures);
  });

  test('an init failure with no request after it (the environment died): a standalone init failure at end of input', () => {
    const out = assemble([initStart, uncaught(T0 - 999), [T0 - 750, 'INIT_REPORT Init Duration: 250.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.UserCodeSyntaxError\n']]);
    assert.deepEqual(out.invocations, []);
    assert.equal(out.incomplete, 0);
    assert.deepEqual(out.initFailures.map((f) => [f.error.type, f.initDurationMs, f.time]), [['Runtime.UserCodeSyntaxError', 250, T0 - 1000]]);
  });
});

describe('how a request ended', () => {
  const killed = (rid: string): string => `RequestId: ${rid} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`;

  for (const status of ['', 'Status: error\tError Type: Runtime.ExitError']) {
    const label = status ? 'with Status: error' : 'without Status';
    test(`signal: killed with Max Memory Used = Memory Size → outOfMemory (${label})`, () => {
      const out = assemble([[T0, start(A)], [T0 + 900, killed(A)], [T0 + 900, end(A)], [T0 + 900, report(A, 899.1, status, 'Memory Size: 128 MB\tMax Memory Used: 128 MB')]]);
      const a = only(out.invocations);
      assert.equal(a.status, 'outOfMemory');
      assert.equal(a.error?.message, 'Out of memory (memory size 128 MB)');
    });

    test(`signal: killed with Max Memory Used below Memory Size → crash (${label})`, () => {
      const out = assemble([[T0, start(A)], [T0 + 900, killed(A)], [T0 + 900, end(A)], [T0 + 900, report(A, 899.1, status, 'Memory Size: 128 MB\tMax Memory Used: 97 MB')]]);
      const a = only(out.invocations);
      assert.equal(a.status, 'crash');
      assert.equal(a.error?.type, 'Runtime.ExitError');
      assert.equal(a.error?.message, 'Runtime exited with error: signal: killed');
    });
  }

  test('REPORT Status: timeout without a timeout line → timeout', () => {
    const out = assemble([[T0, start(A)], [T0 + 3000, end(A)], [T0 + 3000, report(A, 3000.52, 'Status: timeout')]]);
    const a = only(out.invocations);
    assert.equal(a.status, 'timeout');
    assert.equal(a.error?.message, 'Task timed out after 3.00 seconds');
    assert.equal(a.durationMs, 3000.52);
  });

  test('a START without REPORT at the end of input is incomplete, not an invocation', () => {
    const out = assemble([[T0, start(A)], nodeLine(T0 + 5, A, 'INFO', 'working')]);
    assert.deepEqual(out.invocations, []);
    assert.equal(out.incomplete, 1);
  });

  for (const [label, line] of [
    ['with its request id', `${iso(T0 + 3000)} ${A} Task timed out after 3.00 seconds\n\n`],
    ['bare', 'Task timed out after 3.00 seconds\n'],
  ] as const) {
    test(`a START without REPORT but with a timeout line (${label}) is a timeout`, () => {
      const out = assemble([[T0, start(A)], nodeLine(T0 + 5, A, 'INFO', 'working'), [T0 + 3000, line]]);
      const a = only(out.invocations);
      assert.equal(a.requestId, A);
      assert.equal(a.status, 'timeout');
      assert.equal(a.reported, false);
      assert.equal(a.error?.message, 'Task timed out after 3.00 seconds');
      assert.equal(out.incomplete, 0);
    });
  }

  test('SnapStart: Restore Duration makes a restore, not a cold start; billed restore is billed', () => {
    const lines: Line[] = [
      [T0, start(A)],
      [T0 + 13, end(A)],
      [T0 + 13, report(A, 12.5, 'Restore Duration: 300.25 ms\tBilled Restore Duration: 150 ms', 'Memory Size: 512 MB\tMax Memory Used: 90 MB')],
    ];
    const a = only(assemble(lines).invocations);
    assert.equal(a.snapStartRestore, true);
    assert.equal(a.coldStart, false);
    assert.equal(a.restoreDurationMs, 300.25);
    assert.equal(a.billedRestoreDurationMs, 150);
    assert.equal(a.initDurationMs, undefined);

    const analyzer = new Analyzer();
    for (const [t, m] of lines) analyzer.ingestFor('fn', 's', t, m);
    analyzer.flush();
    const f = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES }).functions[0];
    assert.ok(f);
    assert.deepEqual([f.snapStartRestores, f.coldStarts], [1, 0]);
    // Billed Duration alone, × 0.5 GB: AWS's REPORT lines put the billed restore inside it
    // (Billed Duration = ceil(Duration) + Billed Restore Duration), so it is not added again.
    assert.equal(f.billedGbSeconds, 0.0065);
    assert.equal(f.restoreDurationMs?.p50, 300.25);
  });

  test('SnapStart in JSON format: platform.restoreReport before the request', () => {
    const out = assemble([
      jsonPlatform(T0 - 400, 'platform.restoreStart', { runtimeVersion: 'java:21.v19' }),
      jsonPlatform(T0 - 100, 'platform.restoreReport', { metrics: { durationMs: 300.25 } }),
      jsonPlatform(T0, 'platform.start', { requestId: A, version: '3' }),
      jsonPlatform(T0 + 13, 'platform.runtimeDone', { requestId: A, status: 'success' }),
      jsonPlatform(T0 + 13, 'platform.report', { requestId: A, status: 'success', metrics: { durationMs: 12.5, billedDurationMs: 13, memorySizeMB: 512, maxMemoryUsedMB: 90, restoreDurationMs: 300.25, billedRestoreDurationMs: 150 } }),
    ]);
    const a = only(out.invocations);
    assert.deepEqual([a.snapStartRestore, a.coldStart, a.restoreDurationMs, a.status], [true, false, 300.25, 'success']);
  });

  test('JSON platform.report with status failure → error', () => {
    const out = assemble([
      jsonPlatform(T0, 'platform.start', { requestId: A, version: '$LATEST' }),
      [T0 + 5, JSON.stringify({ timestamp: iso(T0 + 5), level: 'INFO', requestId: A, message: 'working' })],
      jsonPlatform(T0 + 40, 'platform.runtimeDone', { requestId: A, status: 'failure', metrics: { durationMs: 40 } }),
      jsonPlatform(T0 + 40, 'platform.report', { requestId: A, status: 'failure', metrics: { durationMs: 40, billedDurationMs: 40, memorySizeMB: 128, maxMemoryUsedMB: 70 } }),
    ]);
    const a = only(out.invocations);
    assert.equal(a.status, 'error');
    assert.ok(a.error, 'a failed invocation carries an error');
    assert.equal(a.durationMs, 40);
  });

  test('JSON platform.report with status failure and no runtimeDone → error', () => {
    const out = assemble([
      jsonPlatform(T0, 'platform.start', { requestId: C, version: '$LATEST' }),
      jsonPlatform(T0 + 40, 'platform.report', { requestId: C, status: 'failure', errorType: 'Runtime.Unknown', metrics: { durationMs: 40, billedDurationMs: 40, memorySizeMB: 128, maxMemoryUsedMB: 70 } }),
    ]);
    const a = only(out.invocations);
    assert.equal(a.status, 'error');
    assert.equal(a.error?.type, 'Runtime.Unknown');
  });
});

describe('finished requests carried to a new assembler (a stream set aside and read again)', () => {
  test('the newest 256 finished requests are remembered, oldest forgotten first, across the handover', () => {
    const id = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const report = (i: number): string => `REPORT RequestId: ${id(i)}\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB`;
    const counted: string[] = [];
    const sink = { invocation: (i: Invocation) => counted.push(i.requestId), initFailure: () => undefined, lateError: () => undefined };
    const first = new StreamAssembler('fn', 's', sink, { settleMs: 0 });
    // 300 requests: the ring wraps, so the handover must keep the order to forget the oldest first.
    for (let i = 0; i < 300; i++) first.accept(parseLine(report(i)), T0 + i * 10);
    first.flush();
    const finished = first.finished();
    assert.equal(finished.entries.length, 256 * 4);
    assert.equal(finished.lastTime, T0 + 2990);
    const second = new StreamAssembler('fn', 's', sink, { settleMs: 0 });
    second.restore(finished);
    counted.length = 0;
    // Re-read (at their own times): the newest 256 (44…299) are known; 300 and 301 are new and
    // push out 44 and 45.
    for (const i of [299, 44, 300, 301]) second.accept(parseLine(report(i)), T0 + i * 10);
    second.flush();
    assert.deepEqual(counted, [id(300), id(301)]);
    const third = new StreamAssembler('fn', 's', sink, { settleMs: 0 });
    third.restore(second.finished());
    counted.length = 0;
    for (const i of [46, 45, 301]) third.accept(parseLine(report(i)), T0 + i * 10);
    third.flush();
    assert.deepEqual(counted, [id(45)], '45 was forgotten, 46 and 301 are remembered');
  });
});

describe('asynchronous retries: Lambda retries a failed event with the same request id', () => {
  const invokeError = (t: number, id: string): Line => [t, `${iso(t)}\t${id}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"payment declined","stack":["Error: payment declined","    at charge (/var/task/index.js:12:11)"]}\n`];
  const attempt = (t: number, id: string, fails: boolean): Line[] => [
    [t, start(id)],
    ...(fails ? [invokeError(t + 20, id)] : [[t + 20, `${iso(t + 20)}\t${id}\tINFO\tcharged\n`] as Line]),
    [t + 40, end(id)],
    [t + 40, report(id, 39.5)],
  ];
  // Two failed attempts, then the retries' backoff (1 min, then 2 min) and a successful third.
  const attempts = [...attempt(T0, A, true), ...attempt(T0 + 61_000, A, true), ...attempt(T0 + 183_000, A, false)];

  test('each attempt is an invocation of its own', () => {
    const r = assemble(attempts);
    assert.deepEqual(
      r.invocations.map((i) => [i.requestId, i.status, i.startTime - T0]),
      [
        [A, 'error', 0],
        [A, 'error', 61_000],
        [A, 'success', 183_000],
      ],
    );
    assert.equal(r.incomplete, 0);
  });

  test('a re-read of the attempts (at their own times) counts none of them again', () => {
    const platformLines = attempts.filter(([, m]) => !m.includes('\tERROR\t'));
    const r = assemble([...attempts, ...platformLines]);
    assert.equal(r.invocations.length, 3);
  });

  test('attempts read out of order (the retry first) are still two invocations, each with its status', () => {
    const [first, second] = [attempt(T0, A, true), attempt(T0 + 61_000, A, false)];
    const r = assemble([...second, ...first]);
    assert.deepEqual(
      r.invocations.map((i) => [i.status, i.startTime - T0]),
      [
        ['success', 61_000],
        ['error', 0],
      ],
    );
  });

  test('a first attempt that never reported does not take its retry in', () => {
    const r = assemble([[T0, start(A)], invokeError(T0 + 20, A), ...attempt(T0 + 61_000, A, false)]);
    assert.deepEqual(
      r.invocations.map((i) => [i.status, i.reported, i.startTime - T0]),
      [
        ['error', false, 0],
        ['success', true, 61_000],
      ],
    );
  });

  test("an attempt's late error line, read again while the retry runs, stays with the finished attempt", () => {
    const late = invokeError(T0 + 5_000, A);
    const r = assemble([...attempt(T0, A, true), late, ...attempt(T0 + 61_000, A, false).slice(0, 2), late, ...attempt(T0 + 61_000, A, false).slice(2)]);
    assert.deepEqual(
      r.invocations.map((i) => [i.status, i.startTime - T0]),
      [
        ['error', 0],
        ['success', 61_000],
      ],
    );
  });

  test('a retried request is remembered as the newest: 256 requests after its first attempt, its re-read still counts nothing', () => {
    const other = (i: number): string => `cccccccc-cccc-4ccc-8ccc-${String(i).padStart(12, '0')}`;
    const lines: Line[] = [...attempt(T0, A, true)];
    for (let i = 1; i <= 255; i++) lines.push(...attempt(T0 + 1_000 + i * 200, other(i), false));
    const retry = attempt(T0 + 61_000, A, true);
    lines.push(...retry, ...attempt(T0 + 62_000, other(256), false), ...attempt(T0 + 63_000, other(257), false));
    // The retry read again (as with other de-duplication keys): A's first slot is long gone.
    const r = assemble([...lines, ...retry, ...attempt(T0 + 64_000, other(258), false)]);
    assert.deepEqual(
      r.invocations.filter((i) => i.requestId === A).map((i) => i.startTime - T0),
      [0, 61_000],
    );
  });

  test('an attempt finalised before its REPORT came (its stream set aside with the failure known) is counted once', () => {
    const seen: Invocation[] = [];
    const analyzer = new Analyzer({ rememberAllEvents: true, maxStreamsPerFunction: 1, onInvocation: (i) => seen.push(i) });
    const [t, m] = invokeError(T0 + 20, A);
    analyzer.ingestFor('fn', 's1', T0, start(A), 'e1');
    analyzer.ingestFor('fn', 's1', t, m, 'e2');
    // Another environment: past the cap of one stream, s1 is finalised with its request open.
    analyzer.ingestFor('fn', 's2', T0 + 25, start(B), 'e3');
    analyzer.ingestFor('fn', 's1', T0 + 40, end(A), 'e4');
    analyzer.ingestFor('fn', 's1', T0 + 40, report(A, 39.5), 'e5');
    analyzer.flush();
    assert.deepEqual(
      seen.filter((i) => i.requestId === A).map((i) => i.status),
      ['error'],
    );
  });

  test('through the analyzer: three invocations, two errors, one issue that occurred twice', () => {
    const analyzer = new Analyzer();
    attempts.forEach(([t, m], i) => analyzer.ingestFor('fn', 's', t, m, `event-${i}`));
    // A page read twice: every event again, with its eventId.
    attempts.forEach(([t, m], i) => analyzer.ingestFor('fn', 's', t, m, `event-${i}`));
    analyzer.flush();
    const f = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES }).functions[0];
    assert.ok(f);
    assert.equal(f.invocations, 3);
    assert.equal(f.errors, 2);
    assert.deepEqual(f.issues.map((i) => [i.title, i.count, i.requestIds]), [['Error: payment declined', 2, [A]]]);
  });
});

test('a request first read from the middle (its START before the window), then its START read later, is one invocation', () => {
  // Exports concatenated the later one first: the request's lines from after the cut, then all of it.
  const later: Line[] = [[T0 + 20, `${iso(T0 + 20)}\t${A}\tINFO\tworking\n`], [T0 + 40, end(A)], [T0 + 40, report(A, 39.5)]];
  const earlier: Line[] = [[T0, start(A)], ...later];
  const r = assemble([...later, [T0 + 5_000, start(B)], [T0 + 5_040, end(B)], [T0 + 5_040, report(B, 40)], ...earlier]);
  assert.deepEqual(
    r.invocations.map((i) => i.requestId),
    [A, B],
  );
});
