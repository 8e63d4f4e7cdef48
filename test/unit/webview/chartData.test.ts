import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InvocationPointDto, InvocationStatusDto } from '../../../src/shared/panelData';
import { fillBuckets, histogramSeries, isMajorLogTick, KIND_STYLES, mergePoints, pointKind, scatterSeries, timelineSummary, withAlpha } from '../../../webview/common/chartData';

function point(requestId: string, time: number, durationMs: number, status: InvocationStatusDto = 'success', coldStart = false): InvocationPointDto {
  return { requestId, time, durationMs, status, coldStart };
}

test('every kind has its own shape, so that colour is never the only difference', () => {
  const shapes = new Set(KIND_STYLES.map((s) => s.shape));
  assert.equal(shapes.size, KIND_STYLES.length);
  assert.deepEqual(
    Object.fromEntries(KIND_STYLES.map((s) => [s.kind, s.shape])),
    { warm: 'circle', cold: 'rectRot', error: 'crossRot', timeout: 'star', outOfMemory: 'triangle', initError: 'rect' },
  );
  assert.equal(KIND_STYLES[KIND_STYLES.length - 1]?.kind, 'error', 'errors drawn last, on top');
});

test('statuses map to kinds: crashes are errors, cold successes are cold, cold failures are their failure', () => {
  assert.equal(pointKind({ status: 'success', coldStart: false }), 'warm');
  assert.equal(pointKind({ status: 'success', coldStart: true }), 'cold');
  assert.equal(pointKind({ status: 'crash', coldStart: false }), 'error');
  assert.equal(pointKind({ status: 'error', coldStart: true }), 'error');
  assert.equal(pointKind({ status: 'timeout', coldStart: false }), 'timeout');
  assert.equal(pointKind({ status: 'outOfMemory', coldStart: false }), 'outOfMemory');
  assert.equal(pointKind({ status: 'initError', coldStart: true }), 'initError');
});

test('scatter series: split by kind, in time order, 0 ms kept on the log axis', () => {
  const pts = [point('c', 30, 5, 'timeout'), point('a', 10, 0), point('b', 20, 800, 'success', true), point('d', 5, 12)];
  const s = scatterSeries(pts);
  assert.deepEqual(s.warm.map((d) => [d.x, d.y, d.point.requestId]), [[5, 12, 'd'], [10, 0.1, 'a']]);
  assert.deepEqual(s.cold.map((d) => d.point.requestId), ['b']);
  assert.deepEqual(s.timeout.map((d) => d.point.requestId), ['c']);
  assert.equal(s.error.length + s.outOfMemory.length + s.initError.length, 0);
});

test('merging an append: new points added once, points before the window dropped, time order kept', () => {
  const existing = [point('a', 10, 1), point('b', 20, 1), point('c', 30, 1)];
  const merged = mergePoints(existing, [point('c', 30, 1), point('e', 50, 1), point('d', 40, 1)], 15);
  assert.deepEqual(merged.map((p) => p.requestId), ['b', 'c', 'd', 'e']);
  // A retry (same request id, later start) is a point of its own.
  const retried = mergePoints(merged, [point('c', 30, 1), point('c', 90, 1)], 15);
  assert.deepEqual(retried.map((p) => `${p.requestId}@${p.time}`), ['b@20', 'c@30', 'd@40', 'e@50', 'c@90']);
});

test('log axis labels at 1, 2 and 5 of each decade', () => {
  assert.deepEqual([0.1, 1, 2, 3, 5, 10, 20, 50, 70, 100, 1000, 2000, 5000].filter(isMajorLogTick), [0.1, 1, 2, 5, 10, 20, 50, 100, 1000, 2000, 5000]);
  assert.equal(isMajorLogTick(0), false);
});

test('histogram series: empty buckets at both ends left out, warm and cold kept apart', () => {
  const h = histogramSeries({ edges: [1, 10, 100, 1000, 10000], warm: [0, 5, 0, 0], cold: [0, 1, 2, 0] });
  assert.deepEqual(h.labels, ['10 ms', '100 ms']);
  assert.deepEqual(h.ranges, [{ from: 10, to: 100 }, { from: 100, to: 1000 }]);
  assert.deepEqual(h.warm, [5, 0]);
  assert.deepEqual(h.cold, [1, 2]);
  assert.deepEqual(histogramSeries({ edges: [1, 10], warm: [0], cold: [0] }).labels, []);
});

test('theme colours with an alpha', () => {
  assert.equal(withAlpha('#3794ff', 0.5), 'rgba(55, 148, 255, 0.5)');
  assert.equal(withAlpha('#fff', 0.25), 'rgba(255, 255, 255, 0.25)');
  assert.equal(withAlpha('#3794ff80', 1), 'rgba(55, 148, 255, 0.502)');
  assert.equal(withAlpha('rgb(1, 2, 3)', 0.4), 'rgba(1, 2, 3, 0.4)');
  assert.equal(withAlpha('rgba(1, 2, 3, 0.5)', 0.5), 'rgba(1, 2, 3, 0.25)');
  assert.equal(withAlpha('rgb(1 2 3 / 50%)', 1), 'rgba(1, 2, 3, 0.5)');
  assert.equal(withAlpha('red', 0.5), 'red', 'unknown forms are left as they are');
});

test('the text summary of the timeline says what the chart shows', () => {
  const pts = [point('a', 1, 10), point('b', 2, 900, 'success', true), point('c', 3, 6000, 'timeout'), point('d', 4, 50, 'error')];
  const s = timelineSummary(pts, { window: { from: 0, to: 3_600_000 }, total: 10, p99Ms: 1200, thresholdMs: 1000, deploys: [{ time: 2, version: '7' }] });
  assert.equal(s, '10 invocations in the last 1 h, 4 drawn, p99 1.2 s, threshold 1 s, 2 failed (1 timeout, 1 error / crash), 1 successful cold starts, 1 deploy.');
});

test('occurrence buckets cover the whole span up to now, quiet hours included', () => {
  const H = 3_600_000;
  const filled = fillBuckets([{ time: 10 * H, count: 3 }, { time: 11 * H, count: 1 }], H, 4, 13 * H + 5);
  assert.deepEqual(filled, [{ time: 10 * H, count: 3 }, { time: 11 * H, count: 1 }, { time: 12 * H, count: 0 }, { time: 13 * H, count: 0 }]);
  assert.equal(fillBuckets([{ time: 20 * H, count: 2 }], H, 3, 13 * H).at(-1)?.count, 2, 'a clock behind the data: end at the data');
  assert.equal(fillBuckets([], H, 72, 100 * H).length, 72);
});
