import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';
import { InvocationLog, type InvocationPoint } from '../../../../src/core/timeline/invocationLog';
import { buildTimeline, displayPoints, durationHistogram } from '../../../../src/core/timeline/timelineModel';
import type { Invocation } from '../../../../src/core/invocation';
import { TrafficGenerator } from '../../../../src/demo/trafficGenerator';
import { DEMO_FUNCTIONS } from '../../../../src/demo/scenarios';

const T0 = Date.UTC(2026, 10, 26, 9);

function invocation(i: number, over: Partial<Invocation> = {}): Invocation {
  return { requestId: `r-${i}`, functionName: 'f', logStream: 's', startTime: T0 + i * 1000, endTime: T0 + i * 1000 + 50, durationMs: 50 + (i % 7), coldStart: false, snapStartRestore: false, status: 'success', handledErrors: [], reported: true, ...over };
}

test('the invocation log keeps the most recent invocations, in start order, with what the chart needs', () => {
  const log = new InvocationLog(100);
  for (let i = 0; i < 250; i++) log.add(invocation(i, i % 50 === 0 ? { coldStart: true, initDurationMs: 300, status: 'timeout', version: '7' } : {}), i % 50 === 0 ? 'fp-timeout' : undefined);
  assert.equal(log.size, 100);
  const points = log.points();
  assert.deepEqual([points[0]?.requestId, points[99]?.requestId], ['r-150', 'r-249']);
  const cold = points.find((p) => p.requestId === 'r-200');
  assert.deepEqual(cold, { requestId: 'r-200', logStream: 's', time: T0 + 200_000, durationMs: 50 + (200 % 7), initDurationMs: 300, coldStart: true, status: 'timeout', version: '7', issue: 'fp-timeout' });
  assert.equal(log.points(T0 + 240_000, T0 + 245_000).length, 5);
  assert.equal(log.find('r-249')?.durationMs, 50 + (249 % 7));
  assert.equal(log.find('r-10'), undefined, 'older than the ring');
  const none = new InvocationLog(0);
  none.add(invocation(1));
  assert.equal(none.size, 0);
});

test('the analyzer logs every reported invocation of the demo with its issue, bounded per function', () => {
  const analyzer = new Analyzer({ timelineCapacity: 2000 });
  const generator = new TrafficGenerator({ seed: 4, start: T0, durationMs: 20 * 60_000 });
  for (const e of generator) analyzer.ingest(e);
  analyzer.flush();
  for (const monitor of analyzer.functions()) {
    const truth = generator.truth.get(monitor.name);
    assert.ok(truth);
    const points = monitor.timeline.points();
    assert.equal(points.length, Math.min(2000, truth.invocations), monitor.name);
    const failed = points.filter((p) => p.status !== 'success');
    for (const p of failed) assert.ok(p.issue, `${monitor.name}: a failed invocation names its issue`);
    if (truth.invocations <= 2000) assert.equal(failed.length, truth.failures, `${monitor.name} failures`);
  }
});

test('10,000 invocations drawn as a few thousand points: every failure and cold start kept, and the slowest', () => {
  const points: InvocationPoint[] = Array.from({ length: 10_000 }, (_, i) => ({
    requestId: `r-${i}`,
    logStream: 's',
    time: T0 + i * 360,
    durationMs: i === 7777 ? 9000 : 20 + (i % 97),
    coldStart: i % 500 === 0,
    status: i % 333 === 0 ? 'error' : 'success',
  }));
  const shown = displayPoints(points, 3000, T0, T0 + 3_600_000);
  assert.ok(shown.length <= 3000 + 100, `${shown.length} points`);
  assert.ok(shown.length >= 1000);
  for (const p of points) if (p.status !== 'success' || p.coldStart) assert.ok(shown.includes(p), `kept ${p.requestId}`);
  assert.ok(shown.some((p) => p.requestId === 'r-7777'), 'the slowest invocation is drawn');
  assert.deepEqual(shown, [...shown].sort((a, b) => a.time - b.time));
  assert.equal(displayPoints(points.slice(0, 10), 3000, T0, T0 + 3_600_000).length, 10);
});

test('the duration histogram counts every invocation once, warm and cold apart, on a log scale', () => {
  const points = [0.5, 3, 12, 120, 999, 1000, 45_000].map((d, i): InvocationPoint => ({ requestId: `r${i}`, logStream: 's', time: T0, durationMs: d, coldStart: i === 4, status: 'success' }));
  const h = durationHistogram(points);
  assert.equal(h.warm.reduce((a, b) => a + b, 0) + h.cold.reduce((a, b) => a + b, 0), points.length);
  assert.equal(h.cold.reduce((a, b) => a + b, 0), 1);
  assert.equal(h.edges.length, h.warm.length + 1);
  for (let i = 1; i < h.edges.length; i++) assert.ok((h.edges[i] as number) > (h.edges[i - 1] as number));
  points.forEach((p) => {
    const i = h.edges.findIndex((e, k) => p.durationMs >= e && p.durationMs < (h.edges[k + 1] ?? Number.POSITIVE_INFINITY));
    assert.ok(i >= 0, `${p.durationMs} has a bucket`);
  });
});

test('the timeline of a demo function: the window, its p99 and objective, every invocation counted', () => {
  const fn = DEMO_FUNCTIONS[0];
  assert.ok(fn);
  const analyzer = new Analyzer({ thresholdMs: () => 1000 });
  for (const e of new TrafficGenerator({ seed: 9, start: T0, durationMs: 30 * 60_000, functions: [fn] })) analyzer.ingest(e);
  analyzer.flush();
  const window = { from: T0, to: T0 + 31 * 60_000 };
  const report = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES, window }).functions[0];
  const monitor = analyzer.functions()[0];
  assert.ok(report && monitor);
  const model = buildTimeline(monitor.timeline.points(), report, window, { thresholdMs: 1000, maxPoints: 2000 });
  assert.equal(model.total, report.invocations);
  assert.equal(model.p99Ms, report.durationMs?.p99);
  assert.equal(model.thresholdMs, 1000);
  assert.ok(model.points.length <= model.total);
  assert.equal(model.histogram.warm.reduce((a, b) => a + b, 0) + model.histogram.cold.reduce((a, b) => a + b, 0), report.invocations);
  assert.equal(model.histogram.cold.reduce((a, b) => a + b, 0), report.coldStarts);
});

test('request ids survive the compact store: UUIDs as bytes, anything else as text', () => {
  const log = new InvocationLog(4);
  const ids = ['4ce9340a-b765-490f-ad8a-02ab3415e2bf', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-0000-0000-0000-000000000000', 'c0ffee00-1234-4abc-8def-0123456789ab'];
  ids.forEach((requestId, i) => log.add(invocation(i, { requestId })));
  assert.deepEqual(log.points().map((p) => p.requestId), ids.slice(1));
  assert.equal(log.find('c0ffee00-1234-4abc-8def-0123456789ab')?.time, T0 + 4000);
});

test('a retried request (several attempts, one id) is found by the time of the attempt asked for, or not at all', () => {
  const log = new InvocationLog(10);
  const id = 'c0ffee00-1234-4abc-8def-0123456789ab';
  // invocation(i) starts at T0 + 1000·i: attempts at 1 s, 61 s and 181 s, another request between.
  for (const i of [1, 61, 70, 181]) log.add(invocation(i, { requestId: i === 70 ? 'other' : id, status: i === 181 ? 'success' : 'error' }));
  assert.equal(log.find(id)?.time, T0 + 181_000, 'without a time: the latest attempt');
  assert.deepEqual([log.find(id, T0 + 1_000)?.time, log.find(id, T0 + 59_000)?.time, log.find(id, T0 + 61_000)?.time, log.find(id, T0 + 200_000)?.status], [T0 + 1_000, T0 + 1_000, T0 + 61_000, 'success']);
  assert.equal(log.find(id, T0), undefined, 'the attempt asked for is older than any kept');
  assert.equal(log.find('missing', T0 + 100_000), undefined);
});

test("an invocation's log lines, fetched on demand from its stream: from its START to the next request's", async () => {
  const { VirtualClock } = await import('../../../../src/core/clock');
  const { DemoAccount } = await import('../../../../src/demo/demoAccount');
  const { AccountWatch } = await import('../../../../src/core/watch/accountWatch');
  const { ApiLimits } = await import('../../../../src/core/poll/apiLimits');
  const { fetchInvocationLines } = await import('../../../../src/core/timeline/invocationLines');
  const clock = new VirtualClock(T0 + 3_600_000);
  const demo = new DemoAccount({ clock, seed: 5, historyMs: 3_600_000 });
  const watch = new AccountWatch({ profile: 'Demo', region: 'us-east-1', sources: demo, clock });
  await watch.poller.runCycle();
  const monitor = watch.analyzer.functions().find((m) => m.name === 'checkout-api');
  assert.ok(monitor);
  const points = monitor.timeline.points();
  const failed = points.find((p) => p.status === 'error');
  const cold = points.find((p) => p.coldStart && p.status === 'success');
  assert.ok(failed && cold);
  const limits = new ApiLimits(clock);
  for (const point of [failed, cold]) {
    const lines = await fetchInvocationLines(point, { logs: demo.logs, logGroup: '/aws/lambda/checkout-api', clock, limits });
    const text = lines.map((l) => l.message);
    assert.ok(text.some((m) => m.startsWith(`START RequestId: ${point.requestId}`)) || point.coldStart, point.requestId);
    assert.ok(text.some((m) => m.startsWith(`REPORT RequestId: ${point.requestId}`)), 'its REPORT');
    assert.ok(lines.every((l) => l.logStreamName === point.logStream));
    assert.ok(!text.some((m) => m.startsWith('START RequestId: ') && !m.includes(point.requestId)), 'no other request');
    for (let i = 1; i < lines.length; i++) assert.ok((lines[i]?.timestamp ?? 0) >= (lines[i - 1]?.timestamp ?? 0));
  }
  const errorLines = (await fetchInvocationLines(failed, { logs: demo.logs, logGroup: '/aws/lambda/checkout-api', clock, limits })).map((l) => l.message);
  assert.ok(errorLines.some((m) => /ERROR|Task timed out/.test(m)), 'the failure is among its lines');
  const coldLines = (await fetchInvocationLines(cold, { logs: demo.logs, logGroup: '/aws/lambda/checkout-api', clock, limits })).map((l) => l.message);
  assert.ok(coldLines.some((m) => /Init Duration/.test(m)), 'a cold start shows its init');
});

test('a page catches up with what was added since it last heard, even when invocations end out of order', () => {
  const log = new InvocationLog(50);
  for (let i = 0; i < 30; i++) log.add(invocation(i));
  const seen = log.added;
  assert.equal(seen, 30);
  // Invocations are added as they end: a long one that started earlier arrives after later ones.
  log.add(invocation(31));
  log.add(invocation(5, { requestId: 'long-one', durationMs: 9000 }));
  log.add(invocation(32));
  const fresh = log.addedSince(seen);
  assert.deepEqual(fresh.map((p) => p.requestId), ['long-one', 'r-31', 'r-32'], 'in start order');
  assert.deepEqual(log.addedSince(log.added), []);
  for (let i = 100; i < 200; i++) log.add(invocation(i));
  assert.equal(log.addedSince(seen).length, 50, 'no more than the ring keeps: the page then reloads whole');
  const none = new InvocationLog(0);
  none.add(invocation(1));
  assert.equal(none.added, 0);
});

test("an older occurrence's lines found by its request id when it is no longer in the timeline", async () => {
  const { VirtualClock } = await import('../../../../src/core/clock');
  const { DemoAccount } = await import('../../../../src/demo/demoAccount');
  const { AccountWatch } = await import('../../../../src/core/watch/accountWatch');
  const { fetchRequestLines } = await import('../../../../src/core/timeline/invocationLines');
  const { ApiLimits } = await import('../../../../src/core/poll/apiLimits');
  const clock = new VirtualClock(T0 + 3_600_000);
  const demo = new DemoAccount({ clock, seed: 5, historyMs: 3_600_000 });
  const watch = new AccountWatch({ profile: 'Demo', region: 'us-east-1', sources: demo, clock });
  await watch.poller.runCycle();
  const monitor = watch.analyzer.functions().find((m) => m.name === 'checkout-api');
  const failed = monitor?.timeline.points().find((p) => p.status === 'error');
  assert.ok(failed);
  const limits = new ApiLimits(clock);
  const lines = await fetchRequestLines(failed.requestId, failed.time, { logs: demo.logs, logGroup: '/aws/lambda/checkout-api', clock, limits });
  const text = lines.map((l) => l.message);
  assert.ok(text.some((m) => m.startsWith(`REPORT RequestId: ${failed.requestId}`)));
  assert.ok(lines.every((l) => l.logStreamName === failed.logStream), 'its stream only');
  assert.deepEqual(await fetchRequestLines('00000000-0000-4000-8000-000000000000', failed.time, { logs: demo.logs, logGroup: '/aws/lambda/checkout-api', clock, limits }), [], 'an unknown id: nothing, no error');

  // Through the watch: from the timeline when there, by id and time when not, nothing for a function it does not know.
  const viaPoint = await watch.invocation('checkout-api', failed.requestId, undefined);
  assert.equal(viaPoint.point?.requestId, failed.requestId);
  assert.deepEqual(viaPoint.lines.map((l) => l.message), text);
  const unknown = await watch.invocation('no-such-function', failed.requestId, failed.time);
  assert.deepEqual(unknown, { lines: [] });
});

test('a deploy shows on the timeline: from a version change, or from the catalog when the version stays $LATEST; its cold starts follow', () => {
  const fn = DEMO_FUNCTIONS[0];
  assert.ok(fn);
  const deployAt = T0 + 20 * 60_000;
  const generator = new TrafficGenerator({ seed: 4, start: T0, durationMs: 40 * 60_000, functions: [fn], deploys: { [fn.name]: deployAt } });
  const analyzer = new Analyzer();
  for (const e of generator) analyzer.ingest(e);
  analyzer.flush();
  const points = analyzer.functions()[0]?.timeline.points() ?? [];
  const window = { from: T0, to: T0 + 41 * 60_000 };
  // Every environment started before the deploy is replaced: the first requests after it start cold.
  const streamsBefore = new Set(points.filter((p) => p.time < deployAt).map((p) => p.logStream));
  const after = points.filter((p) => p.time >= deployAt);
  assert.equal(after[0]?.coldStart, true, 'the first request after the deploy starts cold');
  assert.ok(after.every((p) => !streamsBefore.has(p.logStream)), 'no environment of the old code serves after the deploy');
  const coldBefore = points.filter((p) => p.coldStart && p.time >= deployAt - 10 * 60_000 && p.time < deployAt).length;
  const coldAfter = points.filter((p) => p.coldStart && p.time >= deployAt && p.time < deployAt + 10 * 60_000).length;
  assert.ok(coldAfter > coldBefore, `more cold starts after the deploy (${coldAfter}) than before (${coldBefore})`);

  const latest = buildTimeline(points, undefined, window, { deployed: { time: deployAt, version: '$LATEST' } });
  assert.deepEqual(latest.deploys, [{ time: deployAt, version: '$LATEST' }]);
  assert.deepEqual(buildTimeline(points, undefined, window, { deployed: { time: T0 - 60_000, version: '$LATEST' } }).deploys, [], 'a deploy before the window is not drawn');

  // Published versions: the change is seen in the invocations; the catalog's time of the same deploy adds nothing.
  const versioned = points.map((p) => ({ ...p, version: p.time < deployAt ? '41' : '42' }));
  const firstOf42 = versioned.find((p) => p.version === '42');
  assert.ok(firstOf42);
  assert.deepEqual(buildTimeline(versioned, undefined, window, { deployed: { time: deployAt, version: '42' } }).deploys, [{ time: firstOf42.time, version: '42' }]);
});

test("the lines of one attempt of a retried request: from its START to the next attempt's", async () => {
  const { attemptAt } = await import('../../../../src/core/timeline/invocationLines');
  const id = 'c0ffee00-1234-4abc-8def-0123456789ab';
  const event = (t: number, message: string) => ({ logGroupName: '/aws/lambda/f', logStreamName: 's', timestamp: T0 + t, message });
  const attempt = (t: number) => [event(t, `START RequestId: ${id} Version: $LATEST\n`), event(t + 20, `${id} boom`), event(t + 40, `REPORT RequestId: ${id}\tDuration: 40.00 ms`)];
  const named = [...attempt(61_000), ...attempt(0), ...attempt(181_000)];
  assert.deepEqual(attemptAt(id, named, T0 + 61_000).map((e) => e.timestamp - T0), [61_000, 61_020, 61_040]);
  assert.deepEqual(attemptAt(id, named, T0 + 5_000).map((e) => e.timestamp - T0), [0, 20, 40], 'a late line of the first attempt: the first');
  assert.deepEqual(attemptAt(id, named, T0 + 999_000).map((e) => e.timestamp - T0), [181_000, 181_020, 181_040]);
  assert.equal(attemptAt(id, attempt(0), T0 + 5_000).length, 3, 'one attempt: all its lines');
});
