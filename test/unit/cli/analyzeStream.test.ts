// The CLI's reading path (bytes → lines → events) gives exactly what feeding the engine directly gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { analyzeStream } from '../../../src/cli/analyzeCommand';
import { Analyzer } from '../../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../src/core/cost/priceTable';
import { TrafficGenerator } from '../../../src/demo/trafficGenerator';

test('JSON Lines read in odd-sized chunks give the same report as the events fed directly', async () => {
  const events = [...new TrafficGenerator({ seed: 11, durationMs: 15 * 60_000, hostileEvery: 40 })];
  const direct = new Analyzer({ retention: { minutes: 180, hours: 72, days: 36_500 } });
  for (const e of events) direct.ingest(e);
  direct.flush();
  const expected = buildAnalysisReport(direct, { prices: LAMBDA_PRICES });

  const bytes = Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8');
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 4093) pieces.push(bytes.subarray(i, i + 4093));
  const result = await analyzeStream(Readable.from(pieces));
  assert.equal(result.events, events.length);
  assert.deepEqual(result.skipped, { lines: 0, reasons: {} });
  assert.deepEqual(JSON.parse(JSON.stringify(result.report)), JSON.parse(JSON.stringify(expected)));
});

function jsonLines(values: unknown[]): Readable {
  return Readable.from([Buffer.from(values.map((v) => JSON.stringify(v)).join('\n') + '\n', 'utf8')]);
}

const RID = '7d3a1b0e-8c55-4a5e-9d7e-2f6b1c9a0e11';
const T = Date.UTC(2026, 10, 26, 9, 0, 0);
const outer = { logGroupName: '/aws/lambda/outer-fn', logStreamName: 's', timestamp: T, message: 'outer\n' };
const inner = { logGroupName: '/aws/lambda/inner-fn', logStreamName: 's', timestamp: T, message: `START RequestId: ${RID} Version: $LATEST\n` };
const other = { logGroupName: '/aws/lambda/other-fn', logStreamName: 's', timestamp: T + 1, message: 'hello\n', eventId: '9' };

test('a line that carries an events array is a page, on the first line as on any other', async () => {
  const page = { ...outer, events: [inner] };
  const first = await analyzeStream(jsonLines([page, other]), { workerScript: false });
  const later = await analyzeStream(jsonLines([other, page]), { workerScript: false });
  const names = (r: typeof first): string[] => r.report.functions.map((f) => f.name);
  assert.deepEqual(names(first), ['inner-fn', 'other-fn']);
  assert.deepEqual(names(later), names(first));
  assert.equal(first.events, 2);
  assert.equal(later.events, 2);
});

test('a timestamp written as a date and time without a zone is UTC, whatever the machine\'s time zone', async () => {
  const saved = process.env.TZ;
  try {
    for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
      process.env.TZ = tz;
      for (const written of ['2026-11-26T09:00:00', '2026-11-26 09:00:00', '2026-11-26T09:00:00.000', '2026-11-26T09:00']) {
        const result = await analyzeStream(jsonLines([{ ...other, timestamp: written }]), { workerScript: false });
        assert.equal(result.report.window?.from, T, `${written} in ${tz}`);
      }
      // An explicit zone is kept.
      const zoned = await analyzeStream(jsonLines([{ ...other, timestamp: '2026-11-26T18:00:00+09:00' }]), { workerScript: false });
      assert.equal(zoned.report.window?.from, T, `zoned, in ${tz}`);
    }
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test('exports of overlapping time ranges concatenated, in either order, count every event once', async () => {
  const start = Date.UTC(2026, 10, 26, 9, 0, 0);
  const events = [...new TrafficGenerator({ seed: 4, start, durationMs: 10 * 60_000, hostileEvery: 30 })];
  const at = (e: { timestamp: number }): number => e.timestamp - start;
  // Two exports, minutes 0–8 and 1–10: seven minutes in both, far more than the poller's horizon.
  const early = events.filter((e) => at(e) < 8 * 60_000);
  const late = events.filter((e) => at(e) >= 60_000);
  const figures = (r: Awaited<ReturnType<typeof analyzeStream>>) =>
    r.report.functions.map((f) => ({
      name: f.name,
      invocations: f.invocations,
      errors: f.errors,
      timeouts: f.timeouts,
      coldStarts: f.coldStarts,
      p99: f.durationMs?.p99,
      billedGbSeconds: f.billedGbSeconds,
      issues: f.issues.map((i) => [i.fingerprint, i.count]),
    }));
  const union = await analyzeStream(jsonLines(events), { workerScript: false });
  const forward = await analyzeStream(jsonLines([...early, ...late]), { workerScript: false });
  const backward = await analyzeStream(jsonLines([...late, ...early]), { workerScript: false });
  assert.ok(union.report.functions.reduce((n, f) => n + f.invocations, 0) > 500);
  assert.deepEqual(figures(forward), figures(union));
  assert.deepEqual(figures(backward), figures(union));
  const copies = early.length + late.length - events.length;
  assert.equal(forward.report.functions.reduce((n, f) => n + f.duplicateEvents, 0), copies);
  assert.equal(backward.report.functions.reduce((n, f) => n + f.duplicateEvents, 0), copies);
});
