// How the poller tells which functions are active: a function whose every request is throttled
// (no invocations at all) is active, not idle; and with GetMetricData refused, activity is told
// from the logs, every function's logs read in turn within a FilterLogEvents budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../../../src/core/analysis/analysisReport';
import { VirtualClock } from '../../../../src/core/clock';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';
import { AccountPoller } from '../../../../src/core/poll/accountPoller';
import { SourceError, type AccountSources, type FunctionConfig, type MetricQuery, type MetricWindow } from '../../../../src/core/ports';
import { DemoAccount } from '../../../../src/demo/demoAccount';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const MINUTE = 60_000;

function config(name: string): FunctionConfig {
  return { name, arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, memoryMb: 256, timeoutSeconds: 30, architecture: 'arm64', version: '$LATEST', logGroup: `/aws/lambda/${name}`, logFormat: 'Text' };
}

/** Per-minute metric values, published once the minute is over, as CloudWatch does. */
function minuteMetrics(clock: VirtualClock, valueOf: (query: MetricQuery, minute: number) => number) {
  return async (queries: readonly MetricQuery[], window: MetricWindow) =>
    queries.map((query) => {
      const points: Array<{ time: number; value: number }> = [];
      for (let minute = Math.ceil(window.start / MINUTE) * MINUTE; minute < window.end && minute + MINUTE <= clock.now(); minute += MINUTE) {
        const value = valueOf(query, minute);
        if (value > 0) points.push({ time: minute, value });
      }
      return { query, points };
    });
}

test('a function whose every request is throttled is active, its throttles counted, its empty logs not read', async () => {
  const clock = new VirtualClock(T0);
  const logGroupsRead = new Set<string>();
  // orders-worker's reserved concurrency is 0: 100 requests a minute, every one throttled.
  const sources: AccountSources = {
    catalog: { listFunctions: async () => [config('orders-worker'), config('checkout-api'), config('legacy-cron')], tagsOf: async () => ({ tags: {} }) },
    metrics: {
      getMetrics: minuteMetrics(clock, (q) => {
        if (q.functionName === 'orders-worker') return q.metric === 'Throttles' ? 100 : 0;
        if (q.functionName === 'checkout-api') return q.metric === 'Invocations' ? 40 : 0;
        return 0;
      }),
    },
    logs: {
      filterPage: async (request) => {
        logGroupsRead.add(request.logGroup);
        return { events: [], bytes: 2 };
      },
    },
  };
  const poller = new AccountPoller({ sources, analyzer: new Analyzer(), clock });
  for (let m = 0; m < 20; m++) {
    await poller.runCycle();
    clock.advance(MINUTE);
  }
  const now = clock.now();
  const statuses = poller.functions(now - 15 * MINUTE, now);
  const orders = statuses.find((s) => s.config.name === 'orders-worker');
  // Minutes published by the last read (it ran a minute ago): the 14 of the window that were over.
  assert.equal(orders?.metrics.throttles, 14 * 100);
  assert.equal(orders?.active, true);
  assert.equal(statuses.find((s) => s.config.name === 'legacy-cron')?.active, false, 'a function with no requests at all is still idle');
  assert.deepEqual([...logGroupsRead], ['/aws/lambda/checkout-api'], 'throttled requests write no logs: none are read for them');
});

test('with GetMetricData denied, the logs of every function are read in turn and activity is told from them', async () => {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 11, historyMs: 0, trafficMs: 20 * MINUTE });
  const sources: AccountSources = {
    catalog: demo.catalog,
    metrics: {
      getMetrics: async () => {
        throw new SourceError('accessDenied', 'Access denied: the profile cannot call cloudwatch:GetMetricData. Grant it in the IAM policy.', { operation: 'GetMetricData', permission: 'cloudwatch:GetMetricData' });
      },
    },
    logs: demo.logs,
  };
  const analyzer = new Analyzer();
  const poller = new AccountPoller({ sources, analyzer, clock, maxPagesPerGroup: 50 });
  let summary;
  for (let m = 0; m < 23; m++) {
    summary = await poller.runCycle();
    clock.advance(MINUTE);
  }
  assert.equal(summary?.health.state, 'degraded');
  assert.match(summary?.health.reason ?? '', /cloudwatch:GetMetricData.*reading the functions' logs in turn instead/);
  analyzer.flush();
  const report = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES });
  for (const [name, truth] of demo.truth()) {
    assert.equal(report.functions.find((f) => f.name === name)?.invocations, truth.invocations, `${name}: every invocation read from its logs`);
  }
  // Traffic stopped 3 minutes ago: the functions that ran are active, those that never did are not.
  const active = poller.functions(clock.now() - 30 * MINUTE, clock.now()).filter((f) => f.active).map((f) => f.config.name);
  assert.deepEqual(active.sort(), [...demo.truth().keys()].sort());
});

test('without metrics, a large account is read in turn within the cycle budget, every function reached', async () => {
  const clock = new VirtualClock(T0);
  const idle = Array.from({ length: 55 }, (_, i) => `batch-job-${String(i).padStart(2, '0')}`);
  const demo = new DemoAccount({ clock, seed: 5, historyMs: 10 * MINUTE, idleFunctions: idle });
  const readGroups = new Set<string>();
  const sources: AccountSources = {
    catalog: demo.catalog,
    metrics: {
      getMetrics: async () => {
        throw new SourceError('accessDenied', 'Access denied: the profile cannot call cloudwatch:GetMetricData.', { permission: 'cloudwatch:GetMetricData' });
      },
    },
    logs: {
      filterPage: (request, signal) => {
        readGroups.add(request.logGroup);
        return demo.logs.filterPage(request, signal);
      },
    },
  };
  const budget = 12;
  const poller = new AccountPoller({ sources, analyzer: new Analyzer(), clock, logCallsWithoutMetrics: budget, logConcurrency: 3 });
  const calls: number[] = [];
  for (let m = 0; m < 8; m++) {
    calls.push((await poller.runCycle()).calls.FilterLogEvents ?? 0);
    clock.advance(MINUTE);
  }
  const total = poller.configs().length;
  assert.equal(readGroups.size, total, `every one of the ${total} log groups was read (${readGroups.size})`);
  // The budget is checked as each group starts: up to logConcurrency reads may be under way past it.
  assert.ok(calls.slice(1).every((n) => n <= budget + 3), `calls per cycle ${calls.join(' ')}`);
});
