// An analysis split by log stream gives exactly the one-thread figures even where the engine's
// choices could depend on what else a thread saw: streams finalised as quiet, the stream cap,
// ties among slow invocations and among an issue's occurrences, odd memory sizes; and where it
// cannot (past the cap on distinct issues), the split is refused. Parts run here in one thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleReport, buildAnalysisReport, partFigures, reportWindow, type AnalysisReport } from '../../../src/core/analysis/analysisReport';
import { mergeFunctionParts } from '../../../src/core/analysis/functionPart';
import { reportOptions } from '../../../src/cli/analyzeOptions';
import { PartitionAnalysis } from '../../../src/cli/partitionAnalysis';

const T0 = Date.UTC(2026, 10, 26, 9);
const GROUP = '/aws/lambda/orders';
const uuid = (i: number): string => `${i.toString(16).padStart(8, '0')}-1111-4222-8333-444455556666`;
const stream = (i: number): string => `2026/11/26/[$LATEST]${i.toString(16).padStart(32, '0')}`;
const line = (s: string, t: number, message: string): string => JSON.stringify({ logGroupName: GROUP, logStreamName: s, timestamp: t, message });
const start = (s: string, t: number, id: string): string => line(s, t, `START RequestId: ${id} Version: $LATEST\n`);
const report = (s: string, t: number, id: string, ms: number, memoryMb = 128): string[] => [
  line(s, t, `END RequestId: ${id}\n`),
  line(s, t, `REPORT RequestId: ${id}\tDuration: ${ms.toFixed(2)} ms\tBilled Duration: ${Math.ceil(ms)} ms\tMemory Size: ${memoryMb} MB\tMax Memory Used: 50 MB\t\n`),
];
const invocation = (s: string, t: number, id: string, ms: number, inside: string[] = []): string[] => [start(s, t, id), ...inside, ...report(s, t + ms, id, ms)];

const OPTIONS = { thresholdMs: 1000 };

function single(lines: readonly string[]): AnalysisReport {
  const part = new PartitionAnalysis({ index: 0, count: 1, thresholdMs: OPTIONS.thresholdMs });
  part.block(Buffer.from(`${lines.join('\n')}\n`));
  part.finish();
  return buildAnalysisReport(part.analyzer, reportOptions(OPTIONS));
}

/** The report from `count` parts, merged as the main thread merges the workers' (undefined: refused). */
function split(lines: readonly string[], count: number): AnalysisReport | undefined {
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const parts = Array.from({ length: count }, (_, index) => new PartitionAnalysis({ index, count, thresholdMs: OPTIONS.thresholdMs }));
  const spans = parts.flatMap((p) => {
    p.block(bytes);
    return p.finish();
  });
  if (parts.some((p) => p.conflict)) return undefined;
  assert.ok(parts.filter((p) => p.events > 0).length > 1, 'the streams are shared out');
  const window = reportWindow(spans, {});
  const merged = mergeFunctionParts(parts.flatMap((p) => structuredClone(p.parts(window))));
  return merged && assembleReport(
    merged.map((p) => partFigures(p, window, reportOptions(OPTIONS))),
    window,
    reportOptions(OPTIONS),
  );
}

function assertSame(lines: readonly string[]): AnalysisReport {
  const one = single(lines);
  for (const count of [2, 3]) {
    const parts = split(lines, count);
    assert.ok(parts, `${count} parts: not refused`);
    assert.deepEqual(parts, one, `${count} parts`);
  }
  return one;
}

test('more streams alive at once than a function follows: one analysis makes room, a split is refused', () => {
  const lines: string[] = [];
  for (let i = 0; i < 4200; i++) lines.push(start(stream(i), T0 + i, uuid(i)));
  for (let i = 0; i < 4200; i++) lines.push(...report(stream(i), T0 + 10_000 + i, uuid(i), 10));
  const one = single(lines);
  assert.equal(one.functions[0]?.invocations, 4200);
  // 4,096 followed at once: the quietest requests in progress made room, each counted incomplete.
  assert.ok((one.functions[0]?.incomplete ?? 0) > 0);
  assert.equal(split(lines, 2), undefined);
  // Under the cap (2,000 streams alive at once, then each finished): the same figures.
  assertSame(lines.filter((l) => Number.parseInt(/\]([0-9a-f]{32})/.exec(l)?.[1] ?? '0', 16) < 2000));
});

test('at the cap, streams gone quiet (not yet swept) make the room: none alive is finalised early, however split', () => {
  const lines: string[] = [];
  // 200 environments early on, quiet for good (more than 50,000 lines later, not yet swept: sweeps
  // run every 12,500 lines of the function).
  for (let i = 0; i < 200; i++) lines.push(...invocation(stream(i), T0 + i, uuid(i), 5));
  let t = T0 + 10_000;
  for (let n = 0; lines.length < 47_000; n++, t += 5) lines.push(...invocation(stream(100_000), t, uuid(100_000 + n), 1));
  // 3,896 environments, each one finished request: the function follows 4,096 streams...
  for (let i = 0; i < 3896; i++) lines.push(...invocation(stream(200_000 + i), t + i, uuid(200_000 + i), 3));
  // ...so the next new one needs room: the 200 quiet ones give it. Making it from the quietest
  // finished streams instead (a sixteenth: 256) would finalise 56 of those just finished, and a late
  // line of one of them would no longer reach its request.
  lines.push(...invocation(stream(300_000), t + 10_000, uuid(300_000), 3));
  lines.push(line(stream(200_000), t + 500, `${new Date(t + 500).toISOString()}\t${uuid(200_000)}\tERROR\tflush failed after the response\n`));
  const one = assertSame(lines);
  assert.equal(one.functions[0]?.incomplete, 0);
  assert.equal(one.functions[0]?.handledErrors, 1, 'the late line reached its request');
});

test('a page of events (one line, one position) past the cap: one request in progress makes room, not all', () => {
  const page = { events: Array.from({ length: 4097 }, (_, i) => ({ logGroupName: GROUP, logStreamName: stream(i), timestamp: T0 + i, message: `START RequestId: ${uuid(i)} Version: $LATEST\n` })) };
  const lines = [JSON.stringify(page)];
  for (let i = 0; i < 4097; i++) lines.push(...report(stream(i), T0 + 10_000 + i, uuid(i), 10));
  const one = single(lines);
  // As the same events one per line: the 4,097th START makes room (one incomplete), and so does the
  // first evicted stream coming back with its REPORT.
  const asLines = single([...page.events.map((e) => JSON.stringify(e)), ...lines.slice(1)]);
  assert.equal(asLines.functions[0]?.incomplete, 2);
  assert.equal(one.functions[0]?.incomplete, 2);
  assert.equal(one.functions[0]?.invocations, asLines.functions[0]?.invocations);
});

test('a stream finalised as quiet after 50,000 lines of others, then a late line of its request: the same however split', () => {
  const [a, b] = [stream(1), stream(2)];
  const lines = invocation(a, T0, uuid(1), 100);
  for (let i = 0; i < 30_000; i++) lines.push(...invocation(b, T0 + 1_000 + i * 2, uuid(1000 + i), 1));
  lines.push(line(a, T0 + 600, `2026-11-26T09:00:00.600Z\t${uuid(1)}\tERROR\tsomething failed in the background\n`));
  const one = assertSame(lines);
  assert.equal(one.functions[0]?.issues[0]?.title, 'Error: something failed in the background');
});

test('retried attempts as slow as each other, and occurrences in one millisecond: chosen by content, not by arrival', () => {
  const [s1, s2, s3] = [stream(1), stream(2), stream(3)];
  const R = uuid(0xabc);
  const initFailure = (s: string, n: number, pad: number): string[] => [
    line(s, T0 + 300_000, 'INIT_START Runtime Version: python:3.12.v38\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc\n'),
    line(s, T0 + 300_001, `[ERROR] ConnectionError: could not reach 10.0.0.${n}\nTraceback (most recent call last):\n  File "/var/task/app.py", line 3, in <module>\n${' '.repeat(pad)}`),
    line(s, T0 + 300_002, 'INIT_REPORT Init Duration: 1000.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.Unknown\n'),
  ];
  const lines = [
    // A short request first, so that the next stream goes to another part than this one.
    ...invocation(s2, T0, uuid(1), 5),
    ...invocation(s1, T0 + 60_000, R, 3000),
    ...invocation(s2, T0 + 120_000, R, 3000),
    // The same init failure in two environments in one millisecond; the first in the file is the
    // one owned by the later part.
    ...initFailure(s3, 3, 4000),
    ...initFailure(s1, 2, 0),
  ];
  const one = assertSame(lines);
  const outliers = one.functions[0]?.latency.outliers ?? [];
  assert.deepEqual(outliers.map((o) => [o.requestId, o.time]), [[R, T0 + 60_000], [R, T0 + 120_000]]);
  const issue = one.functions[0]?.issues.find((i) => i.errorType === 'ConnectionError');
  assert.equal(issue?.message, 'could not reach 10.0.0.3');
});

test('two invocations with one request id and one start in two streams: the slower is the outlier however split', () => {
  const R = uuid(0xdef);
  const [s1, s2] = [stream(1), stream(2)];
  const lines = [line(s1, T0 - 1000, 'hello\n'), line(s2, T0 - 1000, 'hello\n'), ...invocation(s1, T0, R, 3000), ...invocation(s2, T0, R, 5000), line(s2, T0 + 20_000, 'bye\n')];
  const one = assertSame(lines);
  assert.deepEqual(one.functions[0]?.latency.outliers.map((o) => [o.durationMs, o.logStream]), [[5000, s2], [3000, s1]]);
});

test('the group /aws/lambda/ alone: each stream names its function, however split', () => {
  const lines = [0, 1, 2, 3].flatMap((i) => invocation(`2026/11/26/fn${i % 2 ? 'B' : 'A'}[$LATEST]${i.toString(16).padStart(32, '0')}`, T0 + i * 1000, uuid(i), 5)).map((l) => l.replace(GROUP, '/aws/lambda/'));
  const one = assertSame(lines);
  assert.deepEqual(one.functions.map((f) => [f.name, f.invocations]), [['fnA', 2], ['fnB', 2]]);
});

test('a report of 0 MB is no memory size: the bucket keeps the one before, however split', () => {
  const lines = [...invocation(stream(1), T0, uuid(1), 5, []), ...invocation(stream(2), T0 + 1_000, uuid(2), 5).map((l) => l.replace('Memory Size: 128 MB', 'Memory Size: 0 MB'))];
  assert.equal(assertSame(lines).functions[0]?.memorySizeMb, 128);
});

test('more distinct issues than a function keeps: the split is refused (which ones one analysis keeps depends on order)', () => {
  const lines: string[] = [];
  for (let i = 0; i < 1200; i++) {
    const t = T0 + i * 1000;
    const type = `E${i.toString(36)}Error`;
    lines.push(...invocation(stream(i % 2), t, uuid(i), 10, [line(stream(i % 2), t + 1, `${new Date(t + 1).toISOString()}\t${uuid(i)}\tERROR\tInvoke Error \t{"errorType":"${type}","errorMessage":"boom","stack":["${type}: boom","    at handler (/var/task/index.js:1:1)"]}\n`)]));
  }
  const one = single(lines);
  assert.equal(one.functions[0]?.issues.length, 1000);
  assert.equal(one.functions[0]?.issueOverflow, 200);
  assert.equal(split(lines, 2), undefined);
  // One part alone past the cap: known there, before the merge (a worker stops reading).
  const part = new PartitionAnalysis({ index: 0, count: 2 });
  part.block(Buffer.from(`${[...lines, ...lines.map((l) => l.replace(/E([0-9a-z]+)Error/g, 'F$1Error'))].join('\n')}\n`));
  assert.ok(part.conflict);
});
