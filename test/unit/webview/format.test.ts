import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAgo, formatBucket, formatCount, formatDateTime, formatMb, formatMs, formatPercent, formatSeconds, formatSpan, formatTick, formatTime, formatUsd } from '../../../webview/common/format';

const T = Date.UTC(2026, 10, 26, 14, 3, 27, 450);

test('durations', () => {
  assert.equal(formatMs(null), '–');
  assert.equal(formatMs(Number.NaN), '–');
  assert.equal(formatMs(0), '0 ms');
  assert.equal(formatMs(0.42), '0.42 ms');
  assert.equal(formatMs(4.256), '4.26 ms');
  assert.equal(formatMs(82.4), '82 ms');
  assert.equal(formatMs(999.4), '999 ms');
  assert.equal(formatMs(999.6), '1 s');
  assert.equal(formatMs(1234), '1.23 s');
  assert.equal(formatMs(1200), '1.2 s');
  assert.equal(formatMs(12_345), '12.3 s');
  assert.equal(formatMs(125_000), '2 min 5 s');
  assert.equal(formatMs(900_000), '15 min');
});

test('percentages', () => {
  assert.equal(formatPercent(null), '–');
  assert.equal(formatPercent(0), '0%');
  assert.equal(formatPercent(0.0004), '<0.1%');
  assert.equal(formatPercent(0.027), '2.7%');
  assert.equal(formatPercent(0.05), '5%');
  assert.equal(formatPercent(0.14), '14%');
  assert.equal(formatPercent(1), '100%');
});

test('dollars, counts, sizes', () => {
  assert.equal(formatUsd(null), '–');
  assert.equal(formatUsd(0), '$0.00');
  assert.equal(formatUsd(4.2), '$4.20');
  assert.equal(formatUsd(1234.5), '$1,234.50');
  assert.equal(formatUsd(0.00312), '$0.0031');
  assert.equal(formatCount(3000), '3,000');
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatCount(null), '–');
  assert.equal(formatMb(512), '512 MB');
  assert.equal(formatMb(10240), '10,240 MB');
  assert.equal(formatSeconds(6), '6 s');
  assert.equal(formatSeconds(900), '15 min');
  assert.equal(formatSeconds(null), '–');
});

test('times in a given zone', () => {
  assert.equal(formatTime(T, 0), '14:03:27');
  assert.equal(formatTime(T, 60), '15:03:27');
  assert.equal(formatDateTime(T, 0), '2026-11-26 14:03:27');
  assert.equal(formatDateTime(T, -300), '2026-11-26 09:03:27');
  assert.equal(formatTick(T, 60_000, 0), '14:03:27');
  assert.equal(formatTick(T, 3_600_000, 0), '14:03');
  assert.equal(formatTick(T, 7 * 86_400_000, 0), '11-26 14:03');
  assert.equal(formatBucket(T, 'hour', 0), '11-26 14:00');
  assert.equal(formatBucket(T, 'day', 0), '11-26');
  assert.equal(formatTime(Number.NaN, 0), '–');
});

test('how long ago', () => {
  const now = T;
  assert.equal(formatAgo(now - 3000, now), 'just now');
  assert.equal(formatAgo(now - 40_000, now), '40 s ago');
  assert.equal(formatAgo(now - 4 * 60_000, now), '4 min ago');
  assert.equal(formatAgo(now - 2 * 3_600_000, now), '2 h ago');
  assert.equal(formatAgo(now - 3 * 86_400_000, now), '3 days ago');
  assert.equal(formatAgo(now + 30_000, now), 'just now', 'a little clock skew');
  assert.equal(formatAgo(now + 3_600_000, now), 'in the future');
});

test('spans', () => {
  assert.equal(formatSpan(15 * 60_000), '15 min');
  assert.equal(formatSpan(3_600_000), '1 h');
  assert.equal(formatSpan(24 * 3_600_000), '24 h');
  assert.equal(formatSpan(3 * 86_400_000), '3 days');
  assert.equal(formatSpan(30_000), '30 s');
});
