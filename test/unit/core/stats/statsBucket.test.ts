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
