// A bucket keeps its five slowest invocations (the outlier candidates): slowest first, ties by
// request id, whatever order they arrive in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Invocation } from '../../../../src/core/invocation';
import { StatsBucket } from '../../../../src/core/stats/statsBucket';

const T = Date.UTC(2026, 10, 26, 9);

function invocation(requestId: string, durationMs: number): Invocation {
  return { requestId, functionName: 'f', logStream: 's', startTime: T, endTime: T + durationMs, durationMs, coldStart: false, snapStartRestore: false, status: 'success', handledErrors: [], reported: true };
}

test('the five slowest, slowest first, ties broken by request id, in any arrival order', () => {
  // Durations with ties, including ties at the fifth place.
  const all = [12, 40, 7, 40, 33, 40, 5, 33, 19, 33, 2, 40].map((ms, i) => invocation(`r${String(i).padStart(2, '0')}`, ms));
  const expected = [...all].sort((a, b) => (b.durationMs as number) - (a.durationMs as number) || (a.requestId < b.requestId ? -1 : 1)).slice(0, 5).map((i) => [i.requestId, i.durationMs]);
  assert.deepEqual(expected, [['r01', 40], ['r03', 40], ['r05', 40], ['r11', 40], ['r04', 33]]);
  fc.assert(
    fc.property(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), (order) => {
      const bucket = new StatsBucket(T, 60_000);
      for (const i of order) bucket.add(i, undefined);
      assert.deepEqual(bucket.slowest.map((s) => [s.requestId, s.durationMs]), expected);
    }),
    { seed: 77, numRuns: 200 },
  );
});

test('an invocation seen twice is kept once', () => {
  const bucket = new StatsBucket(T, 60_000);
  for (const ms of [10, 20, 30]) bucket.add(invocation(`r${ms}`, ms), undefined);
  bucket.add(invocation('r30', 30), undefined);
  assert.deepEqual(bucket.slowest.map((s) => s.requestId), ['r30', 'r20', 'r10']);
});

test('the attempts of a retried request (one id, different starts) are kept apart', () => {
  const bucket = new StatsBucket(T, 60_000);
  bucket.add({ ...invocation('r', 30), startTime: T + 1_000 }, undefined);
  bucket.add({ ...invocation('r', 2_900), startTime: T + 50_000 }, undefined);
  bucket.add({ ...invocation('r', 2_900), startTime: T + 50_000 }, undefined);
  assert.deepEqual(
    bucket.slowest.map((s) => [s.requestId, s.durationMs]),
    [
      ['r', 2_900],
      ['r', 30],
    ],
  );
});

test('the memory size is the latest invocation\'s by start, in any order of adding and merging', () => {
  // A configuration change inside one minute: 512 MB from T + 20 s.
  const at = (id: string, ms: number, memorySizeMb: number): Invocation => ({ ...invocation(id, 10), startTime: T + ms, memorySizeMb, billedDurationMs: 10 });
  const all = [at('a', 1_000, 256), at('b', 20_000, 512), at('c', 5_000, 256), at('d', 30_000, 512)];
  fc.assert(
    fc.property(fc.shuffledSubarray(all, { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 4 }), (order, cut) => {
      const one = new StatsBucket(T, 60_000);
      for (const i of order) one.add(i, undefined);
      assert.equal(one.memorySizeMb, 512);
      const [left, right] = [new StatsBucket(T, 60_000), new StatsBucket(T, 60_000)];
      order.forEach((i, k) => (k < cut ? left : right).add(i, undefined));
      right.merge(left);
      assert.equal(right.memorySizeMb, 512);
      assert.equal(right.gbSeconds, one.gbSeconds);
    }),
    { seed: 5, numRuns: 100 },
  );
});

test('a bucket that crossed a thread (a structured clone) revives with the same figures', () => {
  const bucket = new StatsBucket(T, 60_000);
  for (let i = 0; i < 500; i++) bucket.add({ ...invocation(`r${i}`, 5 + ((i * 37) % 900) / 3), coldStart: i % 10 === 0, initDurationMs: i % 10 === 0 ? 300 + i : undefined, memorySizeMb: 256, billedDurationMs: 100 }, 250);
  const clone = structuredClone(bucket);
  assert.equal(Object.getPrototypeOf(clone), Object.prototype, 'the clone lost its class');
  const revived = StatsBucket.revive(clone);
  assert.deepEqual([revived.warm.percentiles(), revived.cold.percentiles(), revived.init.percentiles()], [bucket.warm.percentiles(), bucket.cold.percentiles(), bucket.init.percentiles()]);
  assert.deepEqual({ ...revived, warm: 0, cold: 0, init: 0, restore: 0 }, { ...bucket, warm: 0, cold: 0, init: 0, restore: 0 });
  // Merged into a bucket that already has figures (the sketches' bins add).
  const twice = StatsBucket.revive(clone);
  twice.merge(clone);
  assert.equal(twice.warm.count, 2 * bucket.warm.count);
  assert.equal(twice.warm.percentiles()?.p99, bucket.warm.percentiles()?.p99);
});

test('billed time and memory are summed as whole numbers, the same in any order', () => {
  const at = (ms: number, billed: number, memorySizeMb: number): Invocation => ({ ...invocation(`r${ms}`, 10), startTime: T + ms, billedDurationMs: billed, memorySizeMb });
  const all = [at(1, 100.4, 128.2), at(2, 0.6, 1769.5), at(3, 123_456_789.7, 10_240), at(4, 33.3, 3008)];
  const sums = new Set<number>();
  for (const order of [all, [...all].reverse(), [all[2], all[0], all[3], all[1]] as Invocation[]]) {
    const bucket = new StatsBucket(T, 60_000);
    for (const i of order) bucket.add(i, undefined);
    assert.equal(bucket.billedMs, 100 + 1 + 123_456_790 + 33);
    sums.add(bucket.gbSeconds);
  }
  assert.equal(sums.size, 1);
  assert.equal([...sums][0], (100 * 128 + 1 * 1770 + 123_456_790 * 10_240 + 33 * 3008) / 1000 / 1024);
});
