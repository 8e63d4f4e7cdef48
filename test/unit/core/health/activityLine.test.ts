// The hover's "invocations per 5 minutes" line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invocationsPerSpan, sparkline, sparklineSpanMs } from '../../../../src/core/health/activityLine';

const T = Date.UTC(2026, 10, 26, 9);
const MINUTE = 60_000;

test('per-minute buckets summed per 5 minutes over the window, oldest first; outside the window left out', () => {
  const buckets = [
    { start: T - MINUTE, invocations: 99 },
    { start: T, invocations: 3 },
    { start: T + 4 * MINUTE, invocations: 2 },
    { start: T + 5 * MINUTE, invocations: 7 },
    { start: T + 59 * MINUTE, invocations: 1 },
    { start: T + 60 * MINUTE, invocations: 50 },
  ];
  const counts = invocationsPerSpan(buckets, T, T + 60 * MINUTE, 5 * MINUTE);
  assert.deepEqual(counts, [5, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
});

test('the sparkline: the largest value the tallest block, zero and nothing the lowest', () => {
  assert.equal(sparkline([0, 1, 2, 4, 8]), '▁▂▃▅█');
  assert.equal(sparkline([0, 0, 0]), '▁▁▁');
  assert.equal(sparkline([5]), '█');
  assert.equal(sparkline([]), '');
});

test('5-minute spans up to two hours; a 24 h window in hours (24 characters)', () => {
  assert.equal(sparklineSpanMs(15 * MINUTE), 5 * MINUTE);
  assert.equal(sparklineSpanMs(60 * MINUTE), 5 * MINUTE);
  assert.equal(sparklineSpanMs(24 * 60 * MINUTE), 60 * MINUTE);
});
