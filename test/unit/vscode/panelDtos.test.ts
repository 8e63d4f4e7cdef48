import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../src/core/cost/priceTable';
import { issueHistoryModel } from '../../../src/core/issues/issueHistoryModel';
import { buildTimeline } from '../../../src/core/timeline/timelineModel';
import { TrafficGenerator } from '../../../src/demo/trafficGenerator';
import { DEMO_FUNCTIONS } from '../../../src/demo/scenarios';
import { findingsFor } from '../../../src/core/insights/findings';
import { issueHistoryDto, timelineDto, timelineFrameDto } from '../../../src/vscode/panels/panelDtos';

const T0 = Date.UTC(2026, 10, 26, 9);

function demoFunction(architecture?: 'arm64' | 'x86_64') {
  const fn = DEMO_FUNCTIONS[0];
  assert.ok(fn);
  const analyzer = new Analyzer({ thresholdMs: () => 1000 });
  for (const e of new TrafficGenerator({ seed: 2, start: T0, durationMs: 40 * 60_000, functions: [fn], hostileEvery: 20 })) analyzer.ingest(e);
  analyzer.flush();
  const window = { from: T0, to: T0 + 41 * 60_000 };
  const report = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES, window, ...(architecture ? { costConfigOf: () => ({ architecture }) } : {}) }).functions[0];
  const monitor = analyzer.functions()[0];
  assert.ok(report && monitor);
  return { report, monitor, window };
}

test('the timeline the panel receives: header figures are the engine report, JSON-safe, points and histogram complete', () => {
  const { report, monitor, window } = demoFunction();
  const dto = timelineDto(buildTimeline(monitor.timeline.points(), report, window, { thresholdMs: 1000 }), { functionName: 'checkout-api', profile: 'Demo', region: 'us-east-1', report });
  assert.deepEqual(JSON.parse(JSON.stringify(dto)), dto, 'survives postMessage as it is');
  assert.equal(dto.header.invocations, report.invocations);
  assert.equal(dto.header.p99Ms, report.durationMs?.p99);
  assert.equal(dto.header.coldStartRate, report.coldStartRate);
  assert.equal(dto.header.throttles, null, 'no metrics: null, not 0');
  assert.equal(dto.total, report.invocations);
  assert.equal(dto.thresholdMs, 1000);
  assert.ok(dto.points.every((p) => typeof p.requestId === 'string' && Number.isFinite(p.durationMs)));
  assert.equal(dto.points.filter((p) => p.status !== 'success').length, report.errors, 'every failure is drawn');
});

test('the issue the panel receives: frames placed in the workspace become links, the others stay text', () => {
  const { monitor } = demoFunction();
  const issue = monitor.issues.all().find((i) => i.errorType === 'TypeError');
  assert.ok(issue);
  const model = issueHistoryModel(issue);
  const placed = model.frames.map((f) => (f.inApp && f.file?.endsWith('orders.js') ? { file: 'checkout-api/src/orders.ts', line: 63, column: 2 } : undefined));
  const dto = issueHistoryDto(model, placed, { profile: 'Demo', region: 'us-east-1' });
  assert.deepEqual(JSON.parse(JSON.stringify(dto)), dto);
  const linked = dto.frames.filter((f) => f.workspace);
  assert.equal(linked.length, 1);
  assert.deepEqual(linked[0]?.workspace, { file: 'checkout-api/src/orders.ts', line: 64, column: 3 }, 'shown 1-based, as editors number lines');
  assert.ok(dto.frames.some((f) => !f.inApp && !f.workspace), 'runtime frames are text');
  assert.equal(dto.count, issue.count);
  assert.equal(dto.kind, 'error');
});

test('an invocation opened from the timeline: report figures, init apart from handler time, its issue and lines as text', async () => {
  const { invocationDetailDto, MAX_DETAIL_LINES } = await import('../../../src/vscode/panels/panelDtos');
  const { monitor } = demoFunction();
  const cold = monitor.timeline.points().find((p) => p.coldStart && p.initDurationMs !== undefined);
  const failed = monitor.timeline.points().find((p) => p.issue !== undefined);
  assert.ok(cold && failed);
  const hostile = '<img src=x onerror=alert(1)> \u202Egnp.exe \u001b[31mred\u001b[0m';
  const lines = [
    { logGroupName: '/aws/lambda/checkout-api', logStreamName: cold.logStream, timestamp: cold.time, message: `START RequestId: ${cold.requestId} Version: $LATEST` },
    { logGroupName: '/aws/lambda/checkout-api', logStreamName: cold.logStream, timestamp: cold.time + 1, message: hostile },
  ];
  const dto = invocationDetailDto({ functionName: 'checkout-api', requestId: cold.requestId, point: cold, lines });
  assert.equal(dto.initDurationMs, cold.initDurationMs);
  assert.equal(dto.durationMs, cold.durationMs, 'handler time is Lambda\'s Duration, init apart');
  assert.equal(dto.coldStart, true);
  assert.equal(dto.lines[1]?.message, hostile, 'log text travels unchanged: the page renders it as text');
  assert.equal(dto.note, null);
  assert.deepEqual(JSON.parse(JSON.stringify(dto)), dto);

  const issue = monitor.issues.get(failed.issue as string);
  assert.ok(issue);
  const withIssue = invocationDetailDto({ functionName: 'checkout-api', requestId: failed.requestId, point: failed, lines: [], issue: { fingerprint: issue.fingerprint, title: issue.title } });
  assert.equal(withIssue.issue?.fingerprint, failed.issue);
  assert.match(withIssue.note ?? '', /No log lines were found.*retention/);

  const old = invocationDetailDto({ functionName: 'checkout-api', requestId: 'r-gone', time: T0, lines: [] });
  assert.deepEqual([old.status, old.durationMs, old.coldStart, old.time], [null, null, null, T0], 'not in the timeline any more: unknown figures are null');

  const flood = Array.from({ length: MAX_DETAIL_LINES + 5 }, (_, i) => ({ ...lines[1], timestamp: T0 + i, message: `line ${i}` })) as typeof lines;
  const capped = invocationDetailDto({ functionName: 'checkout-api', requestId: cold.requestId, point: cold, lines: flood });
  assert.equal(capped.lines.length, MAX_DETAIL_LINES);
  assert.match(capped.note ?? '', /first 2,000 of 2,005 lines/);
});

test('the issue panel shows the occurrences kept across restarts when there are more than the engine read', () => {
  const { monitor } = demoFunction();
  const issue = monitor.issues.all().find((i) => i.errorType === 'TypeError');
  assert.ok(issue);
  const model = issueHistoryModel(issue);
  const day = Math.floor(issue.lastSeen / 86_400_000);
  const stored = { firstSeen: issue.firstSeen - 10 * 86_400_000, total: issue.count + 500, daily: [[day - 10, 200], [day - 3, 300], [day, issue.count]] as Array<[number, number]> };
  const dto = issueHistoryDto(model, [], { profile: 'Demo', region: 'us-east-1', state: 'regressed', stored });
  assert.equal(dto.count, issue.count + 500);
  assert.equal(dto.firstSeen, stored.firstSeen);
  assert.equal(dto.state, 'regressed');
  assert.deepEqual(dto.perDay.map((d) => d.count), [200, 300, issue.count]);
  assert.equal(dto.perDay[0]?.time, (day - 10) * 86_400_000);
  const live = issueHistoryDto(model, [], { profile: 'Demo', region: 'us-east-1' });
  assert.equal(live.count, issue.count, 'without a record: what the engine read');
});

/** checkout-api as if it ran on x86_64 with provisioned concurrency and 2 GB of ephemeral storage: every cost line has something to say. */
function costlyFunction() {
  const fn = DEMO_FUNCTIONS.find((f) => f.name === 'checkout-api');
  assert.ok(fn);
  const analyzer = new Analyzer({ thresholdMs: () => 1000 });
  for (const e of new TrafficGenerator({ seed: 2, start: T0, durationMs: 40 * 60_000, functions: [fn], hostileEvery: 20 })) analyzer.ingest(e);
  analyzer.flush();
  const window = { from: T0, to: T0 + 41 * 60_000 };
  const costConfig = { architecture: 'x86_64' as const, memoryMb: fn.memorySizeMb, ephemeralStorageMb: 2048, provisionedConcurrency: 2 };
  const report = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES, window, costConfigOf: () => costConfig }).functions[0];
  const monitor = analyzer.functions()[0];
  assert.ok(report && monitor);
  const config = { memoryMb: fn.memorySizeMb, timeoutSeconds: fn.timeoutSeconds, architecture: 'x86_64' as const, runtime: fn.runtime, tracing: 'PassThrough' as const };
  const findings = findingsFor({ report, config, thresholdMs: 1000, arm64SavingsUsd: report.cost.whatIf.arm64?.savingsUsd, now: window.to });
  return { report, monitor, window, findings };
}

test('the cost tile: projected month, share of the account, the split by what is billed and the what-ifs with their assumptions, from the report', () => {
  const { report, monitor, window, findings } = costlyFunction();
  const c = report.cost;
  assert.ok(c.whatIf.arm64 && c.whatIf.memory && c.month.provisionedUsd > 0 && c.month.ephemeralUsd > 0, 'the scenario has every cost line');
  const dto = timelineDto(buildTimeline(monitor.timeline.points(), report, window, { thresholdMs: 1000 }), { functionName: 'checkout-api', profile: 'Demo', region: 'us-east-1', report, findings });
  assert.deepEqual(JSON.parse(JSON.stringify(dto)), dto, 'survives postMessage as it is');
  const h = dto.header;
  assert.equal(h.projectedMonthUsd, c.projectedMonthUsd);
  assert.equal(h.costUsd, c.windowUsd);
  assert.equal(h.shareOfAccount, c.shareOfAccount);
  assert.deepEqual(h.monthSplit, { requestUsd: c.month.requestUsd, computeUsd: c.month.computeUsd, provisionedUsd: c.month.provisionedUsd, ephemeralUsd: c.month.ephemeralUsd });
  assert.deepEqual(h.whatIfArm64, { usd: c.whatIf.arm64.usd, savingsUsd: c.whatIf.arm64.savingsUsd, assumption: c.whatIf.arm64.assumption });
  assert.deepEqual(h.whatIfMemory, { usd: c.whatIf.memory.usd, savingsUsd: c.whatIf.memory.savingsUsd, assumption: c.whatIf.memory.assumption, memoryMb: c.whatIf.memory.memoryMb });
  assert.ok(h.whatIfMemory && h.whatIfMemory.memoryMb < 512 && h.whatIfMemory.savingsUsd > 0, 'checkout-api uses far less than its 512 MB');
});

test('the cost tile when the engine knows nothing: nulls, never zeros', () => {
  const { report, monitor, window } = demoFunction('arm64');
  const none = timelineDto(buildTimeline([], undefined, window, {}), { functionName: 'checkout-api', profile: 'Demo', region: 'us-east-1' });
  assert.deepEqual([none.header.projectedMonthUsd, none.header.shareOfAccount, none.header.monthSplit, none.header.whatIfArm64, none.header.whatIfMemory], [null, null, null, null, null]);
  assert.deepEqual(none.findings, [], 'no findings given: an empty list');
  // Already on arm64: no arm64 what-if.
  const arm = timelineDto(buildTimeline(monitor.timeline.points(), report, window, {}), { functionName: 'checkout-api', profile: 'Demo', region: 'us-east-1', report });
  assert.equal(report.cost.architecture, 'arm64');
  assert.equal(arm.header.whatIfArm64, null);
  // A function whose month the free tier covers has no share worth telling (0% of the account's cost, or of $0).
  const free = { ...report, cost: { ...report.cost, projectedMonthUsd: 0, shareOfAccount: 0 } };
  assert.equal(timelineDto(buildTimeline([], free, window, {}), { functionName: 'checkout-api', profile: 'Demo', region: 'us-east-1', report: free }).header.shareOfAccount, null);
});

test('the Findings tab: the view\'s findings, warnings first, every text as the engine wrote it', () => {
  const { report, monitor, window, findings } = costlyFunction();
  assert.ok(findings.some((f) => f.severity === 'warning') && findings.some((f) => f.severity === 'info'), 'the scenario has both severities');
  assert.notEqual(findings[0]?.severity, 'warning', 'the engine\'s own order does not put warnings first here');
  const model = buildTimeline(monitor.timeline.points(), report, window, { thresholdMs: 1000 });
  const frame = timelineFrameDto(model, { report, findings });
  assert.deepEqual(frame.findings.map((f) => f.severity), [...findings.filter((f) => f.severity === 'warning'), ...findings.filter((f) => f.severity === 'info')].map((f) => f.severity));
  assert.deepEqual(new Set(frame.findings.map((f) => f.id)), new Set(findings.map((f) => f.id)));
  for (const dto of frame.findings) {
    const f = findings.find((x) => x.id === dto.id);
    assert.ok(f);
    assert.deepEqual(dto, { id: f.id, severity: f.severity, title: f.title, evidence: f.evidence, why: f.why, fix: f.fix });
  }
  assert.ok(frame.findings.some((f) => f.id === 'memory.overProvisioned') && frame.findings.some((f) => f.id === 'architecture.arm64'));
});
