import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planMetricCalls, DETAIL_QUERIES, IDLE_QUERIES } from '../../../../src/core/poll/metricPlan';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 30);

// Idle functions are scanned for Throttles as well as Invocations (a function whose every request
// is throttled has no invocations), so half as many fit in a cycle: 350 of the 950, not 700.
test('1,000 functions with 50 active fit in two GetMetricData calls: details for the active, Invocations and Throttles for 350 idle', () => {
  const detailed = Array.from({ length: 50 }, (_, i) => ({ name: `active-${i}` }));
  const idle = Array.from({ length: 950 }, (_, i) => ({ name: `idle-${i}`, from: NOW - 15 * 60_000 }));
  const plan = planMetricCalls({ detailed, idle, now: NOW, detailFrom: NOW - 10 * 60_000, maxCalls: 2 });
  assert.equal(plan.calls.length, 2);
  for (const call of plan.calls) assert.ok(call.queries.length <= 500);
  const all = plan.calls.flatMap((c) => c.queries);
  assert.equal(all.filter((q) => q.functionName.startsWith('active-')).length, 50 * DETAIL_QUERIES.length);
  assert.equal(plan.scannedIdle.length, (1000 - 50 * DETAIL_QUERIES.length) / IDLE_QUERIES.length);
  const idleQueries = all.filter((q) => q.functionName === 'idle-0').map((q) => q.metric);
  assert.deepEqual(idleQueries, ['Invocations', 'Throttles']);
  assert.deepEqual(plan.scannedIdle.slice(0, 2), ['idle-0', 'idle-1'], 'least recently scanned first');
  // Windows are whole minutes, reach back to the earliest scan, and end now.
  for (const call of plan.calls) {
    assert.equal(call.window.start % 60_000, 0);
    assert.equal(call.window.end, NOW);
    assert.equal(call.window.periodSeconds, 60);
  }
  assert.equal(plan.calls[1]?.window.start, Date.UTC(2026, 10, 26, 11, 45));
});

test('a small account needs one call; an empty one none', () => {
  const plan = planMetricCalls({ detailed: [{ name: 'a' }], idle: [{ name: 'b', from: NOW - 3_600_000 }], now: NOW, detailFrom: NOW - 600_000, maxCalls: 2 });
  assert.equal(plan.calls.length, 1);
  assert.equal(plan.calls[0]?.queries.length, DETAIL_QUERIES.length + IDLE_QUERIES.length);
  assert.equal(plan.calls[0]?.window.start, Date.UTC(2026, 10, 26, 11, 0));
  assert.equal(planMetricCalls({ detailed: [], idle: [], now: NOW, detailFrom: NOW, maxCalls: 2 }).calls.length, 0);
});

test('metric periods follow CloudWatch retention: 1 minute for 15 days, 5 minutes for 63, then hours', async () => {
  const { metricPeriodSeconds } = await import('../../../../src/core/poll/windowRead');
  const day = 86_400_000;
  assert.equal(metricPeriodSeconds(NOW - 3_600_000, NOW), 60);
  assert.equal(metricPeriodSeconds(NOW - 14 * day, NOW), 60);
  assert.equal(metricPeriodSeconds(NOW - 16 * day, NOW), 300);
  assert.equal(metricPeriodSeconds(NOW - 90 * day, NOW), 3600);
});
