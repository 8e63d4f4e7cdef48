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
import { SourceError, type AccountSources, type FunctionConfig } from '../../../../src/core/ports';
import { DemoAccount } from '../../../../src/demo/demoAccount';
import { functionConfig, minuteMetrics } from './pollFixtures';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const MINUTE = 60_000;

const config = functionConfig;

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
  const poller = new AccountPoller({ sources, analyzer: new Analyzer(), clock, logGroupsInTurn: budget, logConcurrency: 3 });
  const idlePerCycle: number[] = [];
  for (let m = 0; m < 8; m++) {
    const before = new Set(readGroups);
    readGroups.clear();
    await poller.runCycle();
    idlePerCycle.push([...readGroups].filter((g) => idle.some((name) => g.endsWith(`/${name}`))).length);
    for (const g of before) readGroups.add(g);
    clock.advance(MINUTE);
  }
  const total = poller.configs().length;
  assert.equal(readGroups.size, total, `every one of the ${total} log groups was read (${readGroups.size})`);
  assert.ok(idlePerCycle.slice(1).every((n) => n <= budget), `idle groups read per cycle ${idlePerCycle.join(' ')}`);
});

test('without metrics, the reads of many logging functions do not use up the share of those read in turn', async () => {
  const clock = new VirtualClock(T0);
  const busy = Array.from({ length: 40 }, (_, i) => `busy-${String(i).padStart(2, '0')}`);
  const late = 'late-starter';
  const startsAt = T0 + 10 * MINUTE;
  const reads = new Map<string, number>();
  const config = (name: string): FunctionConfig => ({ name, arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, runtime: 'nodejs20.x', memoryMb: 256, timeoutSeconds: 30, architecture: 'arm64', logGroup: `/aws/lambda/${name}` }) as FunctionConfig;
  const sources: AccountSources = {
    catalog: { listFunctions: async () => [...busy, late].map(config), tagsOf: async () => ({ tags: {} }) },
    metrics: {
      getMetrics: async () => {
        throw new SourceError('accessDenied', 'Access denied: the profile cannot call cloudwatch:GetMetricData.', { permission: 'cloudwatch:GetMetricData' });
      },
    },
    logs: {
      filterPage: async (request) => {
        reads.set(request.logGroup, (reads.get(request.logGroup) ?? 0) + 1);
        const name = request.logGroup.slice('/aws/lambda/'.length);
        if (name === late && clock.now() < startsAt) return { events: [], bytes: 2 };
        const t = Math.max(request.start, request.end - 30_000);
        return { events: [{ logGroupName: request.logGroup, logStreamName: '2026/11/26/[$LATEST]0a1b2c', timestamp: t, message: `START RequestId: ${name}-${t} Version: $LATEST\n`, eventId: `${t}${name}`, ingestionTime: t + 2_000 }], bytes: 120 };
      },
    },
  };
  const poller = new AccountPoller({ sources, analyzer: new Analyzer(), clock, logGroupsInTurn: 5 });
  let noticedAt: number | undefined;
  for (let m = 0; m < 20; m++) {
    await poller.runCycle();
    if (noticedAt === undefined && poller.functions(clock.now() - 15 * MINUTE, clock.now()).find((f) => f.config.name === late)?.active) noticedAt = clock.now();
    clock.advance(MINUTE);
  }
  // Found in turn (5 groups a cycle: 41 take 9 cycles), then read every cycle as logging functions.
  for (const name of busy) assert.ok((reads.get(`/aws/lambda/${name}`) ?? 0) >= 11, `${name} read ${reads.get(`/aws/lambda/${name}`) ?? 0} times in 20 cycles`);
  assert.ok(noticedAt !== undefined && noticedAt - startsAt <= 3 * MINUTE, `the late starter was noticed ${noticedAt === undefined ? 'never' : `${(noticedAt - startsAt) / MINUTE} min after it started`}`);
});

test('without metrics, in a log group shared by two functions, only the one whose streams log is active', async () => {
  const clock = new VirtualClock(T0);
  const shared = '/aws/lambda-shared/orders';
  const configOf = (name: string): FunctionConfig => ({ ...functionConfig(name), logGroup: shared });
  const sources: AccountSources = {
    catalog: { listFunctions: async () => [configOf('orders-api'), configOf('orders-worker')], tagsOf: async () => ({ tags: {} }) },
    metrics: {
      getMetrics: async () => {
        throw new SourceError('accessDenied', 'Access denied: the profile cannot call cloudwatch:GetMetricData.', { permission: 'cloudwatch:GetMetricData' });
      },
    },
    logs: {
      filterPage: async (request) => {
        const t = Math.max(request.start, request.end - 20_000);
        // Lambda names a shared group's streams after the function: date/function[version]instance.
        return { events: [{ logGroupName: shared, logStreamName: '2026/11/26/orders-api[$LATEST]4f1e2d3c', timestamp: t, message: `START RequestId: r-${t} Version: $LATEST\n`, eventId: `${t}01`, ingestionTime: t + 2_000 }], bytes: 120 };
      },
    },
  };
  const poller = new AccountPoller({ sources, analyzer: new Analyzer(), clock });
  for (let m = 0; m < 3; m++) {
    await poller.runCycle();
    clock.advance(MINUTE);
  }
  const active = poller.functions(clock.now() - 15 * MINUTE, clock.now()).filter((f) => f.active).map((f) => f.config.name);
  assert.deepEqual(active, ['orders-api']);
});
