// BucketSeries: windows and roll-ups must never lose or double-count an invocation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Invocation } from '../../../../src/core/invocation';
import type { InvocationStatus } from '../../../../src/core/logs/parsedLine';
import { BucketSeries, DAY, HOUR, MINUTE, type RetentionPolicy } from '../../../../src/core/stats/bucketSeries';
import { exactQuantile, QuantileSketch } from '../../../../src/core/stats/quantileSketch';
import type { StatsBucket } from '../../../../src/core/stats/statsBucket';

const SEED = 4242;
const RUNS = 40;
/** Midnight UTC: minute, hour and day boundaries fall on multiples of the widths from here. */
const BASE = Date.UTC(2026, 0, 5);
const MEMORY_MB = 256;
const STATUSES: readonly InvocationStatus[] = ['success', 'success', 'success', 'error', 'timeout', 'outOfMemory', 'initError', 'crash'];

interface Spec {
  readonly offset: number;
  readonly status: InvocationStatus;
  readonly cold: boolean;
  readonly durationMs: number;
  readonly handled: number;
}

let nextId = 0;
function invocationOf(spec: Spec): Invocation {
  const id = `req-${++nextId}`;
  const startTime = BASE + spec.offset;
  return {
    requestId: id,
    functionName: 'fn',
    logStream: 'stream',
    startTime,
    endTime: startTime + Math.ceil(spec.durationMs),
    durationMs: spec.durationMs,
    billedDurationMs: Math.ceil(spec.durationMs),
    memorySizeMb: MEMORY_MB,
    maxMemoryUsedMb: 100,
    initDurationMs: spec.cold ? 300 : undefined,
    coldStart: spec.cold,
    snapStartRestore: false,
    status: spec.status,
    error: spec.status === 'success' ? undefined : { type: 'Error', message: 'x', frames: [] },
    handledErrors: spec.status === 'success' ? Array.from({ length: spec.handled }, () => ({ type: 'Error', message: 'h', frames: [] })) : [],
    reported: true,
  };
}

const spec = (spanMs: number): fc.Arbitrary<Spec> =>
  fc.record({
    offset: fc.integer({ min: 0, max: spanMs - 1 }),
    status: fc.constantFrom(...STATUSES),
    cold: fc.boolean(),
    durationMs: fc.double({ min: 0.5, max: 60_000, noNaN: true }).map((d) => Math.round(d * 100) / 100),
    handled: fc.nat(2),
  });

interface Totals {
  invocations: number;
  failures: number;
  byStatus: Record<string, number>;
  coldStarts: number;
  handledErrors: number;
  billedMs: number;
  durations: number[];
}

function totalsOf(invocations: readonly Invocation[]): Totals {
  const t: Totals = { invocations: 0, failures: 0, byStatus: {}, coldStarts: 0, handledErrors: 0, billedMs: 0, durations: [] };
  for (const i of invocations) {
    t.invocations++;
    if (i.status !== 'success') t.failures++;
    t.byStatus[i.status] = (t.byStatus[i.status] ?? 0) + 1;
    if (i.coldStart) t.coldStarts++;
    t.handledErrors += i.handledErrors.length;
    t.billedMs += i.billedDurationMs ?? 0;
    t.durations.push(i.durationMs ?? 0);
  }
  return t;
}

function assertBucketMatches(bucket: StatsBucket, invocations: readonly Invocation[], what: string): void {
  const t = totalsOf(invocations);
  assert.equal(bucket.invocations, t.invocations, `${what}: invocations`);
  assert.equal(bucket.failures, t.failures, `${what}: failures`);
  assert.equal(bucket.errors, t.byStatus.error ?? 0, `${what}: errors`);
  assert.equal(bucket.timeouts, t.byStatus.timeout ?? 0, `${what}: timeouts`);
  assert.equal(bucket.outOfMemory, t.byStatus.outOfMemory ?? 0, `${what}: outOfMemory`);
  assert.equal(bucket.initErrors, t.byStatus.initError ?? 0, `${what}: initErrors`);
  assert.equal(bucket.crashes, t.byStatus.crash ?? 0, `${what}: crashes`);
  assert.equal(bucket.coldStarts, t.coldStarts, `${what}: coldStarts`);
  assert.equal(bucket.handledErrors, t.handledErrors, `${what}: handledErrors`);
  assert.equal(bucket.billedMs, t.billedMs, `${what}: billedMs`);
  const gb = (t.billedMs / 1000) * (MEMORY_MB / 1024);
  assert.ok(Math.abs(bucket.gbSeconds - gb) <= 1e-9 * Math.max(1, gb), `${what}: gbSeconds ${bucket.gbSeconds} vs ${gb}`);
  assert.equal(bucket.warm.count + bucket.cold.count, t.invocations, `${what}: durations kept`);
  assert.equal(bucket.cold.count, t.coldStarts, `${what}: cold durations`);
  assert.equal(bucket.init.count, t.coldStarts, `${what}: init durations`);
  if (t.invocations > 0) {
    const all = new QuantileSketch();
    all.merge(bucket.warm);
    all.merge(bucket.cold);
    const sorted = t.durations.sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const exact = exactQuantile(sorted, q);
      assert.ok(Math.abs(all.quantile(q) - exact) <= 0.01 * exact * (1 + 1e-9), `${what}: q${q} ${all.quantile(q)} vs ${exact}`);
    }
  }
}

/** Everything with a start in the buckets of `width` that overlap [from, to). */
function inBucketsOverlapping(invocations: readonly Invocation[], from: number, to: number, width: number): Invocation[] {
  return invocations.filter((i) => {
    const start = Math.floor(i.startTime / width) * width;
    return start + width > from && start < to;
  });
}

describe('BucketSeries.summarize over windows', () => {
  test('a window gets exactly the invocations of the minute buckets it overlaps (no roll-up yet)', () => {
    const span = 170 * MINUTE; // within the default 180 minutes at one-minute resolution
    fc.assert(
      fc.property(
        fc.array(spec(span), { minLength: 1, maxLength: 400, size: 'max' }),
        fc.integer({ min: -10 * MINUTE, max: span + 10 * MINUTE }),
        fc.integer({ min: 0, max: span }),
        (specs, fromOffset, length) => {
          const invocations = specs.map(invocationOf);
          const series = new BucketSeries();
          for (const i of invocations) series.add(i, undefined); // arrival order is arbitrary
          assert.equal(series.droppedInvocations, 0);
          assert.ok(series.buckets().every((b) => b.width === MINUTE));
          const from = BASE + fromOffset;
          const to = from + length;
          assertBucketMatches(series.summarize({ from, to }), inBucketsOverlapping(invocations, from, to, MINUTE), `[${fromOffset}, +${length})`);
          // Minute-aligned windows are exact.
          const alignedFrom = Math.floor(from / MINUTE) * MINUTE;
          const alignedTo = alignedFrom + Math.ceil(length / MINUTE) * MINUTE;
          const exact = invocations.filter((i) => i.startTime >= alignedFrom && i.startTime < alignedTo);
          assertBucketMatches(series.summarize({ from: alignedFrom, to: alignedTo }), exact, 'aligned');
          assertBucketMatches(series.summarize(), invocations, 'everything');
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('an empty window is empty', () => {
    const series = new BucketSeries();
    series.add(invocationOf({ offset: 5 * MINUTE, status: 'success', cold: false, durationMs: 10, handled: 0 }), undefined);
    assert.equal(series.summarize({ from: BASE, to: BASE + 5 * MINUTE }).invocations, 0);
    assert.equal(series.summarize({ from: BASE + 6 * MINUTE, to: BASE + HOUR }).invocations, 0);
    assert.equal(series.summarize({ from: BASE + 5 * MINUTE, to: BASE + 6 * MINUTE }).invocations, 1);
  });

  test('overThreshold counts durations above the objective', () => {
    const series = new BucketSeries();
    for (const d of [100, 999.99, 1000, 1000.01, 5000]) series.add(invocationOf({ offset: 0, status: 'success', cold: false, durationMs: d, handled: 0 }), 1000);
    assert.equal(series.summarize().overThreshold, 2);
  });
});

describe('BucketSeries roll-up: minutes into hours into days', () => {
  const span = 10 * HOUR;
  const retention = fc.record({ minutes: fc.integer({ min: 1, max: 90 }), hours: fc.constant(48), days: fc.constant(3) });

  for (const order of ['time order', 'any order'] as const) {
    test(`rolled-up hours keep every count exactly (${order})`, () => {
      fc.assert(
        fc.property(fc.array(spec(span), { minLength: 1, maxLength: 500, size: 'max' }), retention, (specs, policy: RetentionPolicy) => {
          const invocations = specs.map(invocationOf);
          if (order === 'time order') invocations.sort((a, b) => a.startTime - b.startTime);
          const series = new BucketSeries(policy);
          for (const i of invocations) series.add(i, undefined);
          assert.equal(series.droppedInvocations, 0, 'nothing is older than the retention');
          assertBucketMatches(series.summarize(), invocations, 'everything');
          for (let h = 0; h < 10; h++) {
            const from = BASE + h * HOUR;
            const inHour = invocations.filter((i) => i.startTime >= from && i.startTime < from + HOUR);
            assertBucketMatches(series.summarize({ from, to: from + HOUR }), inHour, `hour ${h}`);
          }
          // Bounded memory: at most minutes + 1 minute buckets, and one bucket per hour of the span.
          const buckets = series.buckets();
          assert.ok(buckets.filter((b) => b.width === MINUTE).length <= policy.minutes + 1, 'minute buckets');
          assert.ok(buckets.filter((b) => b.width === HOUR).length <= 10, 'hour buckets');
          assert.equal(buckets.reduce((n, b) => n + b.invocations, 0), invocations.length, 'buckets() add up');
          // Every bucket holds only invocations that started inside it.
          for (const b of buckets) {
            const inside = invocations.filter((i) => i.startTime >= b.start && i.startTime < b.start + b.width);
            assert.ok(b.invocations <= inside.length, `bucket at ${b.start - BASE} (${b.width}) holds ${b.invocations} of ${inside.length}`);
          }
          const times = invocations.map((i) => i.startTime);
          const spread = Math.max(...times) - Math.min(...times);
          if (spread > (policy.minutes + 2) * MINUTE && invocations.length > policy.minutes + 1) {
            assert.ok(buckets.some((b) => b.width === HOUR), 'old minutes were rolled into hours');
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  test('invocations older than the whole retention are counted as dropped, never lost silently', () => {
    const policy: RetentionPolicy = { minutes: 30, hours: 6, days: 1 };
    fc.assert(
      fc.property(fc.array(spec(4 * DAY), { minLength: 1, maxLength: 400, size: 'max' }), fc.boolean(), (specs, sorted) => {
        const invocations = specs.map(invocationOf);
        if (sorted) invocations.sort((a, b) => a.startTime - b.startTime);
        const series = new BucketSeries(policy);
        for (const i of invocations) series.add(i, undefined);
        assert.equal(series.summarize().invocations + series.droppedInvocations, invocations.length);
        assert.ok(series.buckets().filter((b) => b.width === DAY).length <= policy.days + 1, 'day buckets');
        const newest = Math.max(...invocations.map((i) => i.startTime));
        const kept = policy.minutes * MINUTE + policy.hours * HOUR + policy.days * DAY;
        // Whatever is within the retention of the newest invocation is still there.
        const recent = invocations.filter((i) => newest - i.startTime < kept - DAY);
        assert.ok(series.summarize().invocations >= recent.length, 'recent invocations kept');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
