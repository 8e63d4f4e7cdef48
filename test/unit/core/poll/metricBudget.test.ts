// More busy functions than two GetMetricData calls can detail: every one is still watched (its
// Invocations, Errors and Throttles read in turn, nothing lost between turns), idle functions are
// still scanned, the cycle stays at two calls, and the profile's health says what is happening.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { VirtualClock } from '../../../../src/core/clock';
import { AccountPoller } from '../../../../src/core/poll/accountPoller';
import { DETAIL_QUERIES, IDLE_QUERIES, planMetricCalls, type ActiveFunction } from '../../../../src/core/poll/metricPlan';
import type { AccountSources, MetricQuery } from '../../../../src/core/ports';
import { functionConfig, minuteMetrics } from './pollFixtures';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const MINUTE = 60_000;

const config = functionConfig;

/** A busy function: 5 invocations a minute, 1 error, 120 ms each. */
function busyValue(query: MetricQuery): number {
  switch (query.metric) {
    case 'Invocations':
      return 5;
    case 'Errors':
      return 1;
    case 'Throttles':
      return 0;
    case 'Duration':
      return query.stat === 'Sum' ? 5 * 120 : 180;
    case 'ConcurrentExecutions':
      return 2;
  }
}

test('400 busy functions: every one watched, read in turn, nothing lost; idle ones still scanned; two calls a cycle; health says so', async () => {
  const clock = new VirtualClock(T0);
  const busy = Array.from({ length: 400 }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
  const idle = Array.from({ length: 200 }, (_, i) => `job-${String(i).padStart(3, '0')}`);
  // One idle function starts taking traffic 30 minutes in: the idle scans must still notice it.
  const lateStarter = 'job-199';
  const startsAt = T0 + 30 * MINUTE;
  const busySet = new Set(busy);
  const queriesPerCall: number[] = [];
  let invocationsQueried = new Set<string>();
  let idleScanned = 0;
  const logGroupsRead = new Set<string>();
  const sources: AccountSources = {
    catalog: { listFunctions: async () => [...busy, ...idle].map(config), tagsOf: async () => ({ tags: {} }) },
    metrics: {
      getMetrics: async (queries, window) => {
        queriesPerCall.push(queries.length);
        for (const q of queries) {
          if (q.metric === 'Invocations') invocationsQueried.add(q.functionName);
          if (!busySet.has(q.functionName) && q.metric === 'Invocations') idleScanned++;
        }
        return minuteMetrics(clock, (q, minute) => (busySet.has(q.functionName) || (q.functionName === lateStarter && minute >= startsAt) ? busyValue(q) : 0))(queries, window);
      },
    },
    logs: {
      filterPage: async (request) => {
        logGroupsRead.add(request.logGroup);
        return { events: [], bytes: 100 };
      },
    },
  };
  // A hold shorter than the wait for a turn (about 10 minutes here): a function waiting for its
  // turn is not taken for idle (and its logs left unread) for want of a read.
  const poller = new AccountPoller({ sources, analyzer: new Analyzer(), clock, activeHoldMs: 5 * MINUTE });
  const lastRead = new Map<string, number>();
  let cycle = 0;
  let noticedAt: number | undefined;
  let summary;
  while (clock.now() < T0 + 60 * MINUTE) {
    invocationsQueried = new Set();
    idleScanned = 0;
    logGroupsRead.clear();
    summary = await poller.runCycle();
    cycle++;
    assert.ok((summary.calls.GetMetricData ?? 0) <= 2, `cycle ${cycle}: ${summary.calls.GetMetricData} GetMetricData calls`);
    assert.ok(idleScanned > 0, `cycle ${cycle}: idle functions were scanned too`);
    for (const name of invocationsQueried) lastRead.set(name, cycle);
    if (noticedAt === undefined && poller.functions(0, clock.now()).find((f) => f.config.name === lateStarter)?.active) noticedAt = clock.now();
    if (cycle > 3) {
      // 200 functions' counts fit a cycle: each of the 400 (401) is read at least every third cycle.
      const stale = busy.filter((name) => (lastRead.get(name) ?? 0) < cycle - 2);
      assert.deepEqual(stale.slice(0, 5), [], `cycle ${cycle}: ${stale.length} busy functions unread for three cycles`);
      assert.equal(summary.activeFunctions, 400 + (noticedAt !== undefined ? 1 : 0), `cycle ${cycle}: all busy functions are active`);
      for (const name of busy) assert.ok(logGroupsRead.has(`/aws/lambda/${name}`), `cycle ${cycle}: logs of ${name} read`);
    }
    clock.advance(MINUTE);
  }
  assert.ok(queriesPerCall.every((n) => n <= 500), 'at most 500 queries a call');
  assert.ok(noticedAt !== undefined && noticedAt - startsAt <= 12 * MINUTE, `the late starter was noticed ${noticedAt === undefined ? 'never' : `${(noticedAt - startsAt) / MINUTE} min after it started`}`);
  assert.equal(summary?.health.state, 'degraded');
  assert.match(summary?.health.reason ?? '', /^401 active functions: metrics read in turn, each every \d+ minutes/);
  // Reads in turn reach back to where the last one ended: a half hour well behind the latest reads is complete.
  const now = clock.now();
  for (const status of poller.functions(now - 45 * MINUTE, now - 15 * MINUTE).filter((s) => busySet.has(s.config.name))) {
    assert.equal(status.metrics.invocations, 30 * 5, `${status.config.name} invocations`);
    assert.equal(status.metrics.errors, 30, `${status.config.name} errors`);
    assert.equal(status.metrics.durationAvgMs, 120, `${status.config.name} average duration`);
    assert.equal(status.metrics.concurrentExecutionsMax, 2, `${status.config.name} concurrency`);
  }
});

test('50 active functions of 1,000 (the steady state of the bench): every one detailed each cycle, health ok', async () => {
  const clock = new VirtualClock(T0);
  const busy = Array.from({ length: 50 }, (_, i) => `api-${String(i).padStart(2, '0')}`);
  const idle = Array.from({ length: 950 }, (_, i) => `idle-${String(i).padStart(3, '0')}`);
  const busySet = new Set(busy);
  let detailed = new Map<string, number>();
  const sources: AccountSources = {
    catalog: { listFunctions: async () => [...busy, ...idle].map(config), tagsOf: async () => ({ tags: {} }) },
    metrics: {
      getMetrics: async (queries, window) => {
        for (const q of queries) detailed.set(q.functionName, (detailed.get(q.functionName) ?? 0) + 1);
        return minuteMetrics(clock, (q) => (busySet.has(q.functionName) ? busyValue(q) : 0))(queries, window);
      },
    },
    logs: { filterPage: async () => ({ events: [], bytes: 100 }) },
  };
  const poller = new AccountPoller({ sources, analyzer: new Analyzer(), clock });
  for (let cycle = 1; cycle <= 6; cycle++) {
    detailed = new Map();
    const summary = await poller.runCycle();
    assert.equal(summary.calls.GetMetricData, 2);
    if (cycle > 1) {
      for (const name of busy) assert.equal(detailed.get(name), DETAIL_QUERIES.length, `cycle ${cycle}: ${name} has its six queries`);
      assert.equal(summary.health.state, 'ok', summary.health.reason);
    }
    clock.advance(MINUTE);
  }
});

test('the plan: room is kept for idle scans; active functions that do not fit are read in turn, fewest queries first', () => {
  const now = Date.UTC(2026, 10, 26, 12, 0, 30);
  const idle = Array.from({ length: 950 }, (_, i) => ({ name: `idle-${i}`, from: now - 15 * MINUTE }));
  let active: ActiveFunction[] = Array.from({ length: 1200 }, (_, i) => ({ name: `busy-${String(i).padStart(4, '0')}`, pinned: i === 1100 }));
  const countedIn = new Map<string, number[]>();
  const durationsIn = new Map<string, number[]>();
  for (let cycle = 0; cycle < 12; cycle++) {
    const at = now + cycle * MINUTE;
    const plan = planMetricCalls({ detailed: active, idle, now: at, detailFrom: at - 15 * MINUTE, maxCalls: 2 });
    assert.equal(plan.calls.length, 2);
    const queries = plan.calls.flatMap((c) => c.queries);
    assert.ok(plan.calls.every((c) => c.queries.length <= 500));
    assert.ok(plan.scannedIdle.length >= 100, `cycle ${cycle}: ${plan.scannedIdle.length} idle functions scanned`);
    assert.equal(queries.filter((q) => q.functionName.startsWith('idle-')).length, plan.scannedIdle.length * IDLE_QUERIES.length);
    assert.ok(plan.counted.includes('busy-1100'), 'a pinned function is read every cycle');
    for (const name of plan.counted) countedIn.set(name, [...(countedIn.get(name) ?? []), cycle]);
    for (const name of plan.durationsRead) durationsIn.set(name, [...(durationsIn.get(name) ?? []), cycle]);
    // Durations only with the counts they are averaged over.
    assert.ok(plan.durationsRead.every((name) => plan.counted.includes(name)));
    const counted = new Set(plan.counted);
    const durations = new Set(plan.durationsRead);
    active = active.map((f) => ({ ...f, ...(counted.has(f.name) ? { countsReadAt: at } : {}), ...(durations.has(f.name) ? { durationsReadAt: at } : {}) }));
    assert.equal(plan.coverage.active, 1200);
    assert.ok(plan.coverage.countsEvery > 1 && plan.coverage.countsEvery <= 8, `counts every ${plan.coverage.countsEvery} cycles`);
  }
  // Round-robin: within the announced number of cycles, every function had its counts read.
  const every = Math.ceil(1200 / 188);
  for (const f of active) {
    const cycles = countedIn.get(f.name) ?? [];
    assert.ok(cycles.length >= 1, `${f.name} was read`);
    assert.ok(cycles.every((c, i) => i === 0 || c - (cycles[i - 1] as number) <= every), `${f.name} read in cycles ${cycles.join(',')}`);
  }
  assert.ok(active.filter((f) => f.durationsReadAt !== undefined).length >= 500, 'durations come round too');
});

test('the plan: when the counts of every active function fit but not their durations, only the durations are read in turn', () => {
  const now = Date.UTC(2026, 10, 26, 12, 0, 30);
  const active: ActiveFunction[] = Array.from({ length: 200 }, (_, i) => ({ name: `busy-${i}`, countsReadAt: now - MINUTE, durationsReadAt: now - (i % 4) * MINUTE }));
  const idle = Array.from({ length: 500 }, (_, i) => ({ name: `idle-${i}`, from: now - 15 * MINUTE }));
  const plan = planMetricCalls({ detailed: active, idle, now, detailFrom: now - 15 * MINUTE, maxCalls: 2 });
  assert.equal(plan.counted.length, 200);
  assert.equal(plan.coverage.countsEvery, 1);
  assert.ok(plan.durationsRead.length >= 40 && plan.durationsRead.length < 200);
  assert.ok(plan.durationsRead.every((name) => Number(name.slice(5)) % 4 === 3 || Number(name.slice(5)) % 4 === 2), 'the longest unread first');
  assert.equal(plan.coverage.durationsEvery, Math.ceil(200 / plan.durationsRead.length));
  assert.ok(plan.scannedIdle.length >= 125);
});
