// The month projection scales what the logs cover, not the window's length: a watch holds only
// what it read back at start, and a window's summary holds whole buckets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { buildAnalysisReport, MIN_COVERAGE_MS, type AnalysisReport, type ReportOptions } from '../../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** 30 s past a minute, in June (30 days). */
const NOW = Date.UTC(2025, 5, 15, 12, 0, 30);
const JUNE_SECONDS = 30 * 86_400;

function requestId(i: number): string {
  return `${String(i).padStart(8, '0')}-1111-4d2b-9c1a-0a0b0c0d0e01`;
}

/** One 100 ms invocation at 1024 MB every `everyMs`, over [from, to). */
function steadyTraffic(from: number, to: number, everyMs: number): Analyzer {
  const analyzer = new Analyzer();
  let i = 0;
  for (let t = from; t < to; t += everyMs) {
    const id = requestId(i++);
    const stream = `2025/06/15/[$LATEST]s${i % 7}`;
    analyzer.ingestFor('orders-api', stream, t, `START RequestId: ${id} Version: $LATEST\n`);
    analyzer.ingestFor('orders-api', stream, t + 100, `END RequestId: ${id}\n`);
    analyzer.ingestFor('orders-api', stream, t + 100, `REPORT RequestId: ${id}\tDuration: 99.50 ms\tBilled Duration: 100 ms\tMemory Size: 1024 MB\tMax Memory Used: 80 MB\t\n`);
  }
  analyzer.flush();
  return analyzer;
}

function report(analyzer: Analyzer, window: { from: number; to: number }, more: Partial<ReportOptions> = {}): AnalysisReport {
  return buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES, region: 'us-east-1', window, costConfigOf: () => ({ architecture: 'x86_64', memoryMb: 1024 }), ...more });
}

function only(r: AnalysisReport) {
  const f = r.functions[0];
  assert.ok(f);
  return f;
}

test('a watch that has read 1 h of logs projects its 24 h window from that hour (1 req/s: 2,592,000 requests in June)', () => {
  const analyzer = steadyTraffic(NOW - HOUR, NOW, SECOND);
  const day = report(analyzer, { from: NOW - 24 * HOUR, to: NOW }, { dataFrom: NOW - HOUR });
  const hour = report(analyzer, { from: NOW - HOUR, to: NOW });
  const f = only(day);
  assert.equal(f.invocations, 3600);
  // Before, 3,600 requests × month / 24 h: 108,000.
  assert.equal(f.cost.month.requests, JUNE_SECONDS);
  assert.equal(f.cost.month.gbSeconds, JUNE_SECONDS * 0.1);
  assert.deepEqual(f.cost.coverage, { from: NOW - HOUR, to: NOW, ms: HOUR });
  assert.deepEqual(day.cost.coverage, { from: NOW - HOUR, to: NOW, ms: HOUR });
  // The same hour seen through a 24 h window costs the month the 1 h window says, what-ifs too.
  assert.equal(day.cost.projectedMonthUsd, hour.cost.projectedMonthUsd);
  assert.ok(day.cost.projectedMonthUsd > 0.3, `${day.cost.projectedMonthUsd}: beyond the free tier`);
  assert.deepEqual(f.cost.whatIf, only(hour).cost.whatIf);
  assert.ok((f.cost.whatIf.arm64?.savingsUsd ?? 0) > 0.5, 'arm64 saves on the whole month');
  assert.match(day.cost.assumptions[0] ?? '', /repeats the traffic of the 1 h of logs read \(from 2025-06-15 11:00 UTC; the window is 24 h\) for the whole month/);
  assert.match(hour.cost.assumptions[0] ?? '', /repeats the traffic of the 1 h of logs for the whole month/);
});

test('a 15 min window counts the whole minute it starts in, and divides by the 15.5 min its buckets cover', () => {
  const analyzer = steadyTraffic(NOW - HOUR, NOW, SECOND);
  for (const dataFrom of [undefined, NOW - HOUR]) {
    const r = report(analyzer, { from: NOW - 15 * MINUTE, to: NOW }, dataFrom === undefined ? {} : { dataFrom });
    const f = only(r);
    assert.equal(f.invocations, 930, 'whole minute buckets: 30 s before the window too');
    // Before, 930 requests × month / 15 min: 2,678,400 (3.3% high).
    assert.equal(f.cost.month.requests, JUNE_SECONDS);
    assert.deepEqual(f.cost.coverage, { from: NOW - 15 * MINUTE - 30 * SECOND, to: NOW, ms: 15.5 * MINUTE });
  }
});

test('a 24 h window over 30 h of logs counts a whole hour bucket at its start, and projects exactly', () => {
  const analyzer = steadyTraffic(NOW - 30 * HOUR, NOW, 10 * SECOND);
  const f = only(report(analyzer, { from: NOW - 24 * HOUR, to: NOW }));
  // Beyond the three hours kept by the minute, data is in hours: the window reaches back to 12:00.
  assert.equal(f.invocations, 8643);
  assert.equal(f.cost.month.requests, JUNE_SECONDS / 10);
  assert.equal(f.cost.coverage?.from, NOW - 24 * HOUR - 30 * SECOND);
});

test('logs read for the window alone (as `report` reads them) project over the window, whatever buckets hold them', () => {
  const from = NOW - 6 * HOUR;
  const analyzer = steadyTraffic(from, NOW, 10 * SECOND);
  const r = report(analyzer, { from, to: NOW });
  const f = only(r);
  assert.equal(f.invocations, 2160);
  assert.deepEqual(f.cost.coverage, { from, to: NOW, ms: 6 * HOUR });
  assert.equal(f.cost.month.requests, JUNE_SECONDS / 10);
  // A file's report (no window given): its window and coverage run from the first event to the last.
  const file = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES });
  assert.deepEqual(only(file).cost.coverage, { from, to: file.window?.to, ms: (file.window?.to ?? 0) - from });
});

test('a function idle at the start of what was read is projected over all of it (idle time is traffic too)', () => {
  // Logs read for the last hour; traffic only in its second half.
  const analyzer = steadyTraffic(NOW - 30 * MINUTE, NOW, SECOND);
  const f = only(report(analyzer, { from: NOW - 24 * HOUR, to: NOW }, { dataFrom: NOW - HOUR }));
  assert.equal(f.invocations, 1800);
  assert.equal(f.cost.month.requests, JUNE_SECONDS / 2);
  assert.equal(f.cost.coverage?.from, NOW - HOUR);
});

test('a few seconds of logs are projected as if they were 5 minutes, not blown up', () => {
  const analyzer = steadyTraffic(NOW - 20 * SECOND, NOW, SECOND);
  const f = only(report(analyzer, { from: NOW - 24 * HOUR, to: NOW }, { dataFrom: NOW - 20 * SECOND }));
  assert.equal(f.cost.month.requests, (20 * JUNE_SECONDS) / 300);
  assert.equal(MIN_COVERAGE_MS, 5 * MINUTE);
  assert.deepEqual(f.cost.coverage, { from: NOW - 20 * SECOND, to: NOW, ms: 5 * MINUTE });
  // A window shorter than that floor is projected over itself.
  const short = only(report(analyzer, { from: NOW - 2 * MINUTE, to: NOW }, { dataFrom: NOW - 20 * SECOND }));
  assert.equal(short.cost.coverage?.ms, 2 * MINUTE);
});
