// Metric figures are kept as long as the widest window the views offer (24 h): per minute over the
// span reads revisit, in five-minute periods beyond, so that a 24 h window of a long-running poller
// counts every throttle and invocation, at a bounded memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { VirtualClock } from '../../../../src/core/clock';
import { AccountPoller } from '../../../../src/core/poll/accountPoller';
import { MetricHistory } from '../../../../src/core/poll/metricHistory';
import type { AccountSources, FunctionConfig, MetricQuery, MetricSeries, MetricWindow } from '../../../../src/core/ports';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const fn: FunctionConfig = { name: 'orders-api', arn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api', memoryMb: 512, timeoutSeconds: 10, architecture: 'arm64', version: '$LATEST', logGroup: '/aws/lambda/orders-api', logFormat: 'Text' };

/** A spike of slow invocations in one minute, half an hour in: hours old by the end. */
const SPIKE = T0 + 30 * MINUTE;

/** Each minute: 3 invocations (one failing) of 250 ms and 2 throttled requests; the spike minute has a 4 s one. */
function valueOf(query: MetricQuery, minute: number): number {
  switch (query.metric) {
    case 'Invocations':
      return 3;
    case 'Errors':
      return 1;
    case 'Throttles':
      return 2;
    case 'Duration':
      return query.stat === 'Sum' ? 750 : minute === SPIKE ? 4_000 : 250;
    case 'ConcurrentExecutions':
      return minute === SPIKE ? 9 : 1;
  }
}

test('after 8 h of polling, the 24 h window counts all 8 h of metrics (and the lookback), not the last 3 h', async () => {
  const clock = new VirtualClock(T0);
  const sources: AccountSources = {
    catalog: { listFunctions: async () => [fn], tagsOf: async () => ({ tags: {} }) },
    metrics: {
      // Minutes are published once over.
      getMetrics: async (queries: readonly MetricQuery[], window: MetricWindow) =>
        queries.map((query) => {
          const points: Array<{ time: number; value: number }> = [];
          for (let t = Math.ceil(window.start / MINUTE) * MINUTE; t < window.end && t + MINUTE <= clock.now(); t += MINUTE) points.push({ time: t, value: valueOf(query, t) });
          return { query, points };
        }),
    },
    logs: { filterPage: async () => ({ events: [], bytes: 0 }) },
  };
  // The extension's watches read an hour back when they start.
  const poller = new AccountPoller({ sources, analyzer: new Analyzer(), clock, initialLookbackMs: HOUR });
  for (let m = 0; m < 8 * 60; m++) {
    await poller.runCycle();
    clock.advance(MINUTE);
  }
  const now = clock.now();
  // The last cycle ran a minute ago: it read every minute over by then, from an hour before T0.
  const minutesKnown = 60 + 8 * 60 - 1;
  const day = poller.functions(now - 24 * HOUR, now)[0]?.metrics;
  assert.equal(day?.invocations, 3 * minutesKnown);
  assert.equal(day?.throttles, 2 * minutesKnown);
  // Errors are read with the details, from the second cycle on (the first one scans for activity).
  assert.equal(day?.errors, minutesKnown - 1);
  assert.equal(day?.durationAvgMs, 250);
  assert.equal(day?.durationMaxMs, 4_000, 'the spike, 7.5 h old, is in the day');
  assert.equal(day?.concurrentExecutionsMax, 9);
  // A window across the per-minute span's edge (3 h back) counts each minute once.
  const middle = poller.functions(T0 + 2 * HOUR, T0 + 6 * HOUR)[0]?.metrics;
  assert.equal(middle?.invocations, 3 * 4 * 60);
  assert.equal(middle?.throttles, 2 * 4 * 60);
  const lastHour = poller.functions(T0 + 7 * HOUR, T0 + 8 * HOUR)[0]?.metrics;
  assert.equal(lastHour?.invocations, 3 * 59);
  assert.equal(lastHour?.durationMaxMs, 250);
});

function series(metric: MetricQuery['metric'], stat: MetricQuery['stat'], points: Array<{ time: number; value: number }>): MetricSeries {
  return { query: { functionName: 'f', metric, stat }, points };
}

test('a re-read minute replaces its value, before and after it moved to a five-minute period; nothing older than a day is shown', () => {
  const history = new MetricHistory({ fineMs: 3 * HOUR + 15 * MINUTE, keepMs: 24 * HOUR });
  const minute = (i: number): number => T0 + i * MINUTE;
  // 30 h of polling, a read a minute, each re-reading the last 15 minutes; a minute's first
  // answer is 1 invocation, revised to 4 by the later reads (late data arriving).
  for (let i = 0; i < 30 * 60; i++) {
    const points = [];
    for (let j = Math.max(0, i - 15); j < i; j++) points.push({ time: minute(j), value: j === i - 1 ? 1 : 4 });
    history.record(series('Invocations', 'Sum', points), minute(i));
  }
  const now = minute(30 * 60);
  // The last read (a minute ago) knew the minute before it once, each earlier one four times.
  assert.equal(history.totals(now - HOUR, now).invocations, 4 * 58 + 1);
  assert.equal(history.totals(now - 24 * HOUR, now - 20 * HOUR).invocations, 4 * 4 * 60, 'revisions counted once, in five-minute periods');
  const day = history.totals(now - 24 * HOUR, now).invocations;
  assert.equal(day, 4 * (24 * 60 - 2) + 1);
  // The first six hours are gone (a few minutes past the day may linger in a partly reused period).
  const all = history.totals(Number.NEGATIVE_INFINITY, now).invocations;
  assert.ok(all >= day && all <= day + 4 * 10, `all held: ${all}, the day: ${day}`);
  assert.equal(history.totals(T0, T0 + 5 * HOUR).invocations, 0);
  assert.equal(history.lastInvocationAt(), minute(30 * 60 - 2));
});

test('a function idle for hours: activity is found from its last minutes, its old periods kept and later dropped', () => {
  const history = new MetricHistory({ fineMs: 3 * HOUR + 15 * MINUTE, keepMs: 24 * HOUR });
  history.record(series('Throttles', 'Sum', [{ time: T0, value: 7 }, { time: T0 + MINUTE, value: 3 }]), T0 + 2 * MINUTE);
  history.record(series('Duration', 'Maximum', [{ time: T0, value: 900 }, { time: T0 + MINUTE, value: 1_200 }]), T0 + 2 * MINUTE);
  assert.equal(history.lastRequestAt(), T0 + MINUTE);
  // Ten hours later, one read: the old minutes are now one five-minute period.
  history.record(series('Throttles', 'Sum', [{ time: T0 + 10 * HOUR, value: 1 }]), T0 + 10 * HOUR + MINUTE);
  assert.equal(history.lastRequestAt(), T0 + 10 * HOUR);
  const day = history.totals(T0 + 10 * HOUR - 24 * HOUR, T0 + 10 * HOUR + MINUTE);
  assert.equal(day.throttles, 11);
  assert.equal(day.durationMaxMs, 1_200);
  // Thirty hours in: the first period is past the retention, the ten-hour minute is not.
  history.record(series('Throttles', 'Sum', [{ time: T0 + 30 * HOUR, value: 2 }]), T0 + 30 * HOUR + MINUTE);
  assert.equal(history.totals(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY).throttles, 3);
});
