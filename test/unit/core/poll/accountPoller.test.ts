import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../../../src/core/analysis/analysisReport';
import { VirtualClock } from '../../../../src/core/clock';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';
import { AccountPoller } from '../../../../src/core/poll/accountPoller';
import { SourceError, type AccountSources, type SourceErrorKind } from '../../../../src/core/ports';
import { DemoAccount } from '../../../../src/demo/demoAccount';
import { Random } from '../../../../src/demo/random';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const MINUTE = 60_000;

/**
 * The account behind an unreliable network: a share of calls fail before reaching it, and as many
 * fail after it answered (the answer is lost), which is what makes "counted twice" possible.
 */
function unreliable(inner: AccountSources, failureRate: number, seed: number, kinds: SourceErrorKind[] = ['throttled', 'unavailable']): AccountSources & { failures: number } {
  const random = new Random(seed);
  const state = { failures: 0 };
  const maybeFail = (operation: string): void => {
    if (random.next() < failureRate) {
      state.failures++;
      const kind = kinds[random.int(kinds.length)] as SourceErrorKind;
      throw new SourceError(kind, `${operation}: injected ${kind}`, { operation });
    }
  };
  const wrap = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
    const before = random.next() < 0.5;
    if (before) maybeFail(operation);
    const result = await call();
    if (!before) maybeFail(operation);
    return result;
  };
  return {
    catalog: { listFunctions: (s) => wrap('ListFunctions', () => inner.catalog.listFunctions(s)), tagsOf: (f, s) => inner.catalog.tagsOf(f, s) },
    metrics: { getMetrics: (q, w, s) => wrap('GetMetricData', () => inner.metrics.getMetrics(q, w, s)) },
    logs: { filterPage: (r, s) => wrap('FilterLogEvents', () => inner.logs.filterPage(r, s)) },
    get failures() {
      return state.failures;
    },
  };
}

function reportOf(analyzer: Analyzer) {
  analyzer.flush();
  return buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES });
}

/** Poll every minute for `minutes`, then two more so that the last events are visible and settled. */
async function pollFor(poller: AccountPoller, clock: VirtualClock, minutes: number): Promise<void> {
  for (let i = 0; i < minutes + 2; i++) {
    await poller.runCycle();
    clock.advance(MINUTE);
  }
  await poller.runCycle();
}

async function livePolling(failureRate: number) {
  const clock = new VirtualClock(T0);
  // 20 minutes of live traffic starting now; the poller watches it happen.
  const demo = new DemoAccount({ clock, seed: 11, historyMs: 0, trafficMs: 20 * MINUTE });
  const sources = failureRate > 0 ? unreliable(demo, failureRate, 5) : demo;
  const analyzer = new Analyzer();
  const poller = new AccountPoller({ sources, analyzer, clock, random: new Random(3).next.bind(new Random(3)), maxPagesPerGroup: 50 });
  await pollFor(poller, clock, 20);
  return { report: reportOf(analyzer), truth: demo.truth(), poller, failures: 'failures' in sources ? (sources as { failures: number }).failures : 0 };
}

function assertMatchesTruth(report: ReturnType<typeof reportOf>, truth: ReturnType<DemoAccount['truth']>): void {
  for (const [name, t] of truth) {
    const fn = report.functions.find((f) => f.name === name);
    assert.ok(fn, `${name} is in the report`);
    assert.equal(fn.invocations, t.invocations, `${name} invocations`);
    assert.equal(fn.errors, t.failures, `${name} errors`);
    assert.equal(fn.timeouts, t.timeouts, `${name} timeouts`);
    assert.equal(fn.outOfMemory, t.outOfMemory, `${name} out of memory`);
    assert.equal(fn.coldStarts, t.coldStarts, `${name} cold starts`);
    const issueTotal = fn.issues.reduce((sum, issue) => sum + issue.count, 0);
    const truthTotal = [...t.issues.values()].reduce((sum, issue) => sum + issue.count, 0);
    assert.equal(issueTotal, truthTotal, `${name} issue occurrences`);
  }
}

test('live polling of the demo account finds exactly what the simulation did', async () => {
  const { report, truth, poller } = await livePolling(0);
  assert.ok([...truth.values()].reduce((s, t) => s + t.invocations, 0) > 1000);
  assertMatchesTruth(report, truth);
  assert.equal(poller.health.state, 'ok');
  // Throttles never reach the logs: they come from the metrics.
  const statuses = poller.functions(T0, T0 + 25 * MINUTE);
  const orders = statuses.find((s) => s.config.name === 'orders-worker');
  assert.ok(orders && orders.metrics.throttles > 0, 'orders-worker shows throttles from metrics');
  assert.ok(statuses.find((s) => s.config.name === 'legacy-cron')?.active === false, 'an idle function is not read');
});

test('with 30% of calls failing (before or after AWS answered), nothing is lost and nothing counted twice', async () => {
  const { report, truth, failures } = await livePolling(0.3);
  assert.ok(failures > 20, `faults were injected (${failures})`);
  assertMatchesTruth(report, truth);
});

test('one cycle reads logs only for active functions, within the call budget', async () => {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 2, historyMs: 30 * MINUTE });
  const poller = new AccountPoller({ sources: demo, analyzer: new Analyzer(), clock });
  const first = await poller.runCycle();
  assert.equal(first.calls.ListFunctions, 1);
  assert.equal(first.calls.GetMetricData, 1);
  // Five demo functions have traffic; the two idle ones cost no log reads.
  assert.equal(first.logGroupsRead, 5);
  assert.equal(first.activeFunctions, 5);
  assert.ok(first.complete);
  clock.advance(MINUTE);
  const second = await poller.runCycle();
  assert.equal(second.calls.ListFunctions, undefined, 'the catalog is not re-read every cycle');
  assert.ok((second.calls.FilterLogEvents ?? 0) <= 5);
  assert.ok(second.eventsRepeated > 0, 'the overlap re-reads some events, recognised and skipped');
});

test('expired credentials pause the profile with the reason; fixing them resumes, nothing computed is lost', async () => {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 4, historyMs: 10 * MINUTE });
  let expired = false;
  const sources: AccountSources = {
    catalog: demo.catalog,
    metrics: {
      getMetrics: (q, w, s) => {
        if (expired) throw new SourceError('credentials', 'The SSO session for profile dev has expired: run `aws sso login --profile dev`');
        return demo.metrics.getMetrics(q, w, s);
      },
    },
    logs: demo.logs,
  };
  const analyzer = new Analyzer();
  const poller = new AccountPoller({ sources, analyzer, clock });
  await poller.runCycle();
  const before = reportOf(analyzer).functions.reduce((s, f) => s + f.invocations, 0);
  assert.ok(before > 0);
  expired = true;
  clock.advance(MINUTE);
  const paused = await poller.runCycle();
  assert.equal(paused.health.state, 'paused');
  assert.match(paused.health.reason ?? '', /aws sso login --profile dev/);
  assert.ok(reportOf(analyzer).functions.reduce((s, f) => s + f.invocations, 0) >= before, 'nothing computed is lost');
  expired = false;
  clock.advance(MINUTE);
  assert.equal((await poller.runCycle()).health.state, 'ok');
});

test("one function's AccessDenied marks that function with the permission and the others carry on", async () => {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 6, historyMs: 10 * MINUTE });
  const denied = '/aws/lambda/notifier';
  const sources: AccountSources = {
    catalog: demo.catalog,
    metrics: demo.metrics,
    logs: {
      filterPage: (r, s) => {
        if (r.logGroup === denied) {
          throw new SourceError('accessDenied', `Access denied: the profile cannot call logs:FilterLogEvents on ${denied}.`, { permission: 'logs:FilterLogEvents', operation: 'FilterLogEvents' });
        }
        return demo.logs.filterPage(r, s);
      },
    },
  };
  const analyzer = new Analyzer();
  const poller = new AccountPoller({ sources, analyzer, clock });
  const summary = await poller.runCycle();
  assert.equal(summary.health.state, 'degraded');
  assert.match(summary.health.reason ?? '', /notifier/);
  const notifier = poller.functions(T0 - 10 * MINUTE, T0).find((f) => f.config.name === 'notifier');
  assert.equal(notifier?.problem?.kind, 'accessDenied');
  assert.equal(notifier?.problem?.permission, 'logs:FilterLogEvents');
  const report = reportOf(analyzer);
  assert.equal(report.functions.some((f) => f.name === 'notifier'), false);
  assert.ok(report.functions.find((f) => f.name === 'checkout-api')?.invocations, 'the other functions are read');
});

test('start() polls every interval until stop(); a pending sleep ends at once on stop', async () => {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 8, historyMs: 5 * MINUTE });
  let cycles = 0;
  const poller = new AccountPoller({ sources: demo, analyzer: new Analyzer(), clock, intervalMs: 30_000, onCycle: () => {
    cycles++;
    if (cycles === 4) poller.stop();
  } });
  await poller.start();
  assert.equal(cycles, 4);
  assert.ok(clock.now() - T0 >= 90_000, 'cycles are an interval apart');
});

test('memory stays bounded over hours of polling: overlap memory, streams and buckets do not grow with time', async () => {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 12, historyMs: 0, rateScale: 0.2, retentionMs: 20 * MINUTE });
  const analyzer = new Analyzer({ retention: { minutes: 60, hours: 24, days: 7 } });
  const poller = new AccountPoller({ sources: demo, analyzer, clock, maxLookbackMs: 20 * MINUTE });
  const samples: Array<{ remembered: number; streams: number; buckets: number }> = [];
  for (let minute = 0; minute < 6 * 60; minute++) {
    await poller.runCycle();
    clock.advance(MINUTE);
    if (minute % 60 === 59) {
      const monitors = analyzer.functions();
      samples.push({
        remembered: poller.memoryFigures().rememberedEvents,
        streams: monitors.reduce((s, m) => s + m.streamCount, 0),
        buckets: monitors.reduce((s, m) => s + m.series.bucketCount, 0),
      });
    }
  }
  const first = samples[1];
  const last = samples[samples.length - 1];
  assert.ok(first && last);
  // The overlap holds three minutes of events (the least overlap: the demo is never late), whatever the hour.
  assert.ok(last.remembered < 2 * first.remembered + 100, `remembered events ${first.remembered} → ${last.remembered}`);
  // Quiet streams are finalised and forgotten; minute buckets roll up into hours.
  assert.ok(last.streams <= first.streams * 2 + 20, `streams ${first.streams} → ${last.streams}`);
  assert.ok(last.buckets <= 5 * (60 + 24 + 7), `buckets ${last.buckets}`);
});

/** A tiny account whose logs are scripted page by page. */
function scriptedAccount(configs: Array<{ name: string; logGroup: string }>, pages: (request: { logGroup: string; nextToken?: string }, call: number) => { events: Array<{ stream: string; offset: number; message: string; id: string }>; nextToken?: string }, activeNames: string[]): AccountSources {
  let calls = 0;
  return {
    catalog: {
      listFunctions: async () => configs.map((c) => ({ name: c.name, arn: `arn:aws:lambda:us-east-1:1:function:${c.name}`, memoryMb: 128, timeoutSeconds: 3, architecture: 'x86_64' as const, version: '$LATEST', logGroup: c.logGroup, logFormat: 'Text' as const })),
      tagsOf: async () => ({ tags: {} }),
    },
    metrics: {
      getMetrics: async (queries, window) =>
        queries.map((query) => ({ query, points: query.metric === 'Invocations' && activeNames.includes(query.functionName) ? [{ time: Math.floor((window.end - MINUTE) / MINUTE) * MINUTE, value: 1 }] : [] })),
    },
    logs: {
      filterPage: async (request) => {
        const page = pages(request, ++calls);
        return { events: page.events.map((e) => ({ logGroupName: request.logGroup, logStreamName: e.stream, timestamp: T0 - 5 * MINUTE + e.offset, message: e.message, eventId: e.id })), nextToken: page.nextToken, bytes: 100 };
      },
    },
  };
}

const RID_A = '11111111-1111-4111-8111-111111111111';
const RID_B = '22222222-2222-4222-8222-222222222222';
const invocationLines = (rid: string, offset: number, stream: string, idPrefix: string) => [
  { stream, offset, message: `START RequestId: ${rid} Version: $LATEST\n`, id: `${idPrefix}1` },
  { stream, offset: offset + 20, message: `END RequestId: ${rid}\n`, id: `${idPrefix}2` },
  { stream, offset: offset + 20, message: `REPORT RequestId: ${rid}\tDuration: 20.00 ms\tBilled Duration: 20 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`, id: `${idPrefix}3` },
];

test('a log group shared by two functions: each event goes to the function its stream names, even when only one is active', async () => {
  const clock = new VirtualClock(T0);
  const sources = scriptedAccount(
    [{ name: 'alpha', logGroup: '/shared/app' }, { name: 'beta', logGroup: '/shared/app' }],
    () => ({ events: [...invocationLines(RID_A, 0, '2026/11/26/alpha[$LATEST]aaaa', 'a'), ...invocationLines(RID_B, 1000, '2026/11/26/beta[$LATEST]bbbb', 'b')] }),
    ['alpha'],
  );
  const analyzer = new Analyzer();
  await new AccountPoller({ sources, analyzer, clock }).runCycle();
  const report = reportOf(analyzer);
  assert.deepEqual(report.functions.map((f) => [f.name, f.invocations]), [['alpha', 1], ['beta', 1]]);
});

test('a window cut short by failures is not settled: the timeout line on its next page still counts', async () => {
  const clock = new VirtualClock(T0);
  const stream = '2026/11/26/[$LATEST]cccc';
  let failures = 0;
  const sources = scriptedAccount([{ name: 'slow', logGroup: '/aws/lambda/slow' }], (request) => {
    if (request.nextToken === undefined) return { events: invocationLines(RID_A, 0, stream, 'x'), nextToken: 'p2' };
    if (failures++ < 6) throw new SourceError('unavailable', 'FilterLogEvents: HTTP 500');
    return { events: [{ stream, offset: 30, message: `2026-11-26T11:55:00.030Z ${RID_A} Task timed out after 3.00 seconds\n`, id: 'x4' }] };
  }, ['slow']);
  const analyzer = new Analyzer();
  const poller = new AccountPoller({ sources, analyzer, clock, backoff: { baseMs: 10, capMs: 20, maxAttempts: 3 } });
  const first = await poller.runCycle();
  assert.equal(first.complete, false);
  clock.advance(MINUTE);
  await poller.runCycle();
  clock.advance(MINUTE);
  await poller.runCycle();
  const fn = reportOf(analyzer).functions.find((f) => f.name === 'slow');
  assert.equal(fn?.invocations, 1);
  assert.equal(fn?.timeouts, 1, 'the timeout on the page that failed at first is not lost');
});
