// REPORT fields found by label, and re-reads older than the de-duplication horizon.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { parseLine } from '../../../../src/core/logs/parseLine';
import type { ReportLine } from '../../../../src/core/logs/parsedLine';

function report(message: string): ReportLine | undefined {
  const line = parseLine(message);
  return line.kind === 'report' ? line : undefined;
}

test('Restore Duration is not read from inside Billed Restore Duration, in either order', () => {
  assert.equal(report('REPORT RequestId: abc\tDuration: 10.50 ms\tBilled Restore Duration: 93 ms')?.restoreDurationMs, undefined);
  const reversed = report('REPORT RequestId: abc\tDuration: 10.50 ms\tBilled Restore Duration: 93 ms\tRestore Duration: 474.16 ms');
  assert.equal(reversed?.restoreDurationMs, 474.16);
  assert.equal(reversed?.billedRestoreDurationMs, 93);
});

test('fields in another order (Init Duration first, as local emulators print it) still make a report', () => {
  const r = report('REPORT RequestId: abc\tInit Duration: 120.00 ms\tDuration: 10.50 ms\tBilled Duration: 11 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB');
  assert.deepEqual([r?.initDurationMs, r?.durationMs, r?.billedDurationMs, r?.memorySizeMb], [120, 10.5, 11, 128]);
});

test('malformed or absurd numbers are not figures', () => {
  assert.equal(report('REPORT RequestId: abc\tDuration: 10.50 ms\tBilled Duration: 1e3 ms')?.billedDurationMs, undefined);
  assert.equal(report('REPORT RequestId: abc\tDuration: 10.50 ms\tBilled Duration: 1.2.3 ms')?.billedDurationMs, undefined);
  assert.equal(report(`REPORT RequestId: abc\tDuration: 10.50 ms\tBilled Duration: ${'9'.repeat(310)} ms`)?.billedDurationMs, undefined);
  assert.equal(report(`REPORT RequestId: abc\tDuration: ${'9'.repeat(310)} ms`), undefined, 'no duration, no report');
  assert.equal(report('REPORT RequestId: abc\tBilled Duration: 11 ms'), undefined);
});

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const id = (n: number): string => `${String(n).padStart(8, '0')}-aaaa-4aaa-8aaa-000000000000`;
function page(n: number, start: number): Array<{ t: number; m: string; e: string }> {
  return [
    { t: start, m: `START RequestId: ${id(n)} Version: 7\n`, e: `${n}-s` },
    { t: start + 2, m: `2026-11-26T09:00:00.002Z\t${id(n)}\tERROR\tError: boom ${n}\n`, e: `${n}-e` },
    { t: start + 5, m: `END RequestId: ${id(n)}\n`, e: `${n}-n` },
    { t: start + 5, m: `REPORT RequestId: ${id(n)}\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`, e: `${n}-r` },
  ];
}

test('a page re-read after more than the de-duplication horizon counts nothing twice', () => {
  const analyzer = new Analyzer();
  const first = [...page(1, T0), ...page(2, T0 + 300_000)];
  const events = [...first, ...first, ...page(3, T0 + 600_000)];
  for (const { t, m, e } of events) analyzer.ingestFor('fn', 'stream', t, m, e);
  analyzer.flush();
  const monitor = analyzer.functions()[0];
  assert.ok(monitor);
  const summary = monitor.series.summarize();
  assert.equal(summary.invocations, 3);
  assert.equal(summary.handledErrors, 3);
  assert.equal(monitor.issues.all().reduce((n, i) => n + i.count, 0), 3, 'each logged error once');
  assert.ok(monitor.late > 0, 'the re-read was noticed');
});

test('a late re-read of a finished request does not end the request in progress', () => {
  const a = page(1, T0);
  const b = page(2, T0 + 300_000);
  const events = [...a, b[0], b[1], ...a, b[2], b[3]];
  const seen: Array<[string, number]> = [];
  const check = new Analyzer({ onInvocation: (i) => seen.push([i.requestId, i.startTime]) });
  for (const ev of events) check.ingestFor('fn', 'stream', ev!.t, ev!.m, ev!.e);
  check.flush();
  assert.deepEqual(seen, [
    [id(1), T0],
    [id(2), T0 + 300_000],
  ]);
});
