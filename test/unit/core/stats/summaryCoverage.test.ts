// A window's summary holds whole buckets, and says how far back they reach (`coversFrom`) and
// when its earliest invocation started (`firstTime`), so that rates divide by the right span.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Invocation } from '../../../../src/core/invocation';
import { BucketSeries, HOUR, MINUTE } from '../../../../src/core/stats/bucketSeries';
import { StatsBucket } from '../../../../src/core/stats/statsBucket';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 30);

function invocation(i: number, startTime: number): Invocation {
  return { requestId: `r${i}`, functionName: 'f', logStream: `s${i % 3}`, startTime, endTime: startTime + 50, durationMs: 50, billedDurationMs: 50, memorySizeMb: 128, coldStart: false, snapStartRestore: false, status: 'success', handledErrors: [], reported: true };
}

/** One invocation every 20 s over [from, NOW), by turns in two series (two threads' streams). */
function twoSeries(from: number): [BucketSeries, BucketSeries] {
  const series: [BucketSeries, BucketSeries] = [new BucketSeries(), new BucketSeries()];
  let i = 0;
  for (let t = from; t < NOW; t += 20_000, i++) series[i % 2]?.add(invocation(i, t), undefined);
  return series;
}

test('a 15 min window reaches back to the start of the minute it begins in', () => {
  // From 11:00:00, every 20 s; the window from 11:45:30.
  const [a, b] = twoSeries(NOW - HOUR - 30_000);
  const window = { from: NOW - 15 * MINUTE, to: NOW };
  const s = a.summarize(window);
  s.merge(b.summarize(window));
  assert.equal(s.coversFrom, NOW - 15.5 * MINUTE);
  assert.equal(s.firstTime, NOW - 15.5 * MINUTE);
  assert.equal(s.invocations, 47, '11:45:00 to 12:00:20');
});

test('past the minutes kept, hour buckets: a 6 h window reaches back to its first hour', () => {
  // From 04:00:00 (every 40 s in this series); the window from 06:00:30.
  const [a] = twoSeries(NOW - 8 * HOUR - 30_000);
  const s = a.summarize({ from: NOW - 6 * HOUR, to: NOW });
  assert.equal(s.coversFrom, NOW - 6 * HOUR - 30_000);
  assert.equal(s.firstTime, NOW - 6 * HOUR - 30_000);
});

test('nothing in the window: the summary covers nothing, and one that crossed a thread merges the same', () => {
  const [a, b] = twoSeries(NOW - HOUR - 30_000);
  const empty = a.summarize({ from: NOW + HOUR, to: NOW + 2 * HOUR });
  assert.deepEqual([empty.coversFrom, empty.firstTime, empty.invocations], [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0]);
  // Parts merged in either order, revived from structured clones: the same span.
  const window = { from: NOW - 15 * MINUTE, to: NOW };
  for (const [first, second] of [[empty, b.summarize(window)], [b.summarize(window), empty]] as const) {
    const merged = StatsBucket.revive(structuredClone(first));
    merged.merge(structuredClone(second));
    assert.deepEqual([merged.coversFrom, merged.firstTime], [NOW - 15.5 * MINUTE, NOW - 15.5 * MINUTE]);
  }
});
