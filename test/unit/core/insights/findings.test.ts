import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FunctionReport } from '../../../../src/core/analysis/analysisReport';
import { FINDING_IDS, findingsFor, type FindingInput } from '../../../../src/core/insights/findings';

const NOW = Date.parse('2026-11-26T12:00:00Z');

function report(over: Partial<FunctionReport> = {}): FunctionReport {
  const durations = { p50: 80, p90: 150, p95: 200, p99: 300, max: 600, min: 10, mean: 95, count: 1000 };
  return { invocations: 1000, coldStartRate: 0.01, maxMemoryUsedMb: 300, durationMs: durations, initDurationMs: { ...durations, p99: 400 }, latency: { outliers: [], objectiveBudgetShare: 0.01 }, ...over } as FunctionReport;
}

function input(over: Omit<Partial<FindingInput>, 'config'> & { config?: Partial<FindingInput['config']> } = {}): FindingInput {
  const { config, ...rest } = over;
  return {
    report: report(),
    now: NOW,
    settings: { reservedConcurrency: null, provisionedConcurrency: 0, onFailureDestination: null, invokedBy: [], logRetentionDays: 30, readAt: NOW },
    ...rest,
    config: { memoryMb: 512, timeoutSeconds: 6, architecture: 'arm64', runtime: 'nodejs24.x', tracing: 'PassThrough', ...config },
  };
}

const ids = (i: FindingInput) => findingsFor(i).map((f) => f.id);

test('a healthy, well-sized function has no finding', () => {
  assert.deepEqual(ids(input()), []);
});

test('memory: over-provisioned (with the size to set) and near the limit; each with its negative case', () => {
  const over = findingsFor(input({ config: { memoryMb: 2048 } }));
  assert.deepEqual(over.map((f) => [f.id, f.property, f.recommended]), [['memory.overProvisioned', 'memory', 448]]);
  assert.match(over[0]?.evidence ?? '', /300 MB used at most of 2048 MB \(15%\) over 1,000 invocations/);
  assert.equal(over[0]?.title, 'Memory over-provisioned: 2048 MB, 300 MB used');
  assert.deepEqual(ids(input({ config: { memoryMb: 256 }, report: report({ maxMemoryUsedMb: 60 }) })), [], 'small functions are left alone');
  const near = findingsFor(input({ report: report({ maxMemoryUsedMb: 480 }) }));
  assert.deepEqual(near.map((f) => [f.id, f.recommended]), [['memory.nearLimit', 768]]);
  assert.deepEqual(ids(input({ report: report({ maxMemoryUsedMb: 400 }) })), [], '78% is fine');
});

test('timeout: too tight for the measured latency, or far above it; each with its negative case', () => {
  const slow = report();
  const tight = findingsFor(input({ config: { timeoutSeconds: 1 }, report: { ...slow, durationMs: { ...(slow.durationMs as NonNullable<FunctionReport['durationMs']>), max: 900 } } }));
  assert.deepEqual(tight.map((f) => [f.id, f.property, f.recommended]), [['timeout.tight', 'timeout', 3]], 'the slowest at 90% of a 1 s timeout: the next round value over twice 900 ms');
  const hit = findingsFor(input({ config: { timeoutSeconds: 60 }, report: { ...slow, durationMs: { ...(slow.durationMs as NonNullable<FunctionReport['durationMs']>), p99: 12_200, max: 60_000 } } }));
  assert.deepEqual(hit.map((f) => [f.id, f.recommended]), [['timeout.tight', 90]], 'runs cut at the timeout: twice the p99 (24.4 s), but more than the 60 s now');
  assert.match(tight[0]?.evidence ?? '', /p99 300 ms, max 900 ms against a 1 s timeout/);
  const loose = findingsFor(input({ config: { timeoutSeconds: 300 } }));
  assert.deepEqual(loose.map((f) => [f.id, f.recommended]), [['timeout.loose', 3]]);
  assert.deepEqual(ids(input({ config: { timeoutSeconds: 10 } })), []);
});

test('cold starts matter on latency-sensitive functions; arm64 savings; each with its negative case', () => {
  assert.deepEqual(ids(input({ thresholdMs: 500, report: report({ coldStartRate: 0.12 }) })), ['coldStart.high']);
  assert.deepEqual(ids(input({ report: report({ coldStartRate: 0.12 }) })), [], 'no objective: not latency-sensitive');
  const arm = findingsFor(input({ config: { architecture: 'x86_64' }, arm64SavingsUsd: 4.2 }));
  assert.deepEqual(arm.map((f) => [f.id, f.property, f.recommended, f.title]), [['architecture.arm64', 'architecture', 'arm64', 'arm64 would save $4.20/month']]);
  assert.deepEqual(ids(input({ config: { architecture: 'x86_64' }, arm64SavingsUsd: 0.001 })), [], 'nothing worth saying');
});

test('log retention: a group that never expires is a finding, one with retention or not yet read is not', () => {
  const base = input();
  assert.deepEqual(ids({ ...base, settings: { ...base.settings!, logRetentionDays: null } }), ['logs.noRetention']);
  assert.deepEqual(ids({ ...base, settings: { ...base.settings!, logRetentionDays: 14 } }), []);
  assert.deepEqual(ids({ ...base, settings: { readAt: NOW } }), [], 'unknown (denied or not read) says nothing');
});

test('asynchronous invocation without an on-failure destination or a dead-letter queue', () => {
  const base = input();
  const s3 = { ...base.settings!, invokedBy: ['s3.amazonaws.com'] };
  const lost = findingsFor({ ...base, settings: s3 });
  assert.deepEqual(lost.map((f) => f.id), ['async.noFailureDestination']);
  assert.match(lost[0]?.evidence ?? '', /s3\.amazonaws\.com/);
  assert.deepEqual(ids({ ...base, settings: { ...s3, onFailureDestination: 'arn:aws:sqs:us-east-1:123456789012:failed' } }), [], 'a destination');
  assert.deepEqual(ids({ ...input({ config: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' } }), settings: s3 }), [], 'a dead-letter queue');
  assert.deepEqual(ids({ ...base, settings: { ...base.settings!, invokedBy: ['apigateway.amazonaws.com'] } }), [], 'API Gateway invokes synchronously');
  assert.deepEqual(ids({ ...base, settings: { ...s3, onFailureDestination: undefined } }), [], 'destination unknown: nothing said');
});

test('deprecated runtimes: past deprecation is a warning with the successor, an upcoming one a notice, a current one nothing', () => {
  const old = findingsFor(input({ config: { runtime: 'nodejs18.x' } }));
  assert.deepEqual(old.map((f) => [f.id, f.severity, f.property, f.recommended]), [['runtime.deprecated', 'warning', 'runtime', 'nodejs24.x']]);
  assert.match(old[0]?.title ?? '', /nodejs18\.x is deprecated \(since 2025-09-01\)/);
  const soon = findingsFor(input({ config: { runtime: 'nodejs22.x' } }));
  assert.deepEqual(soon.map((f) => [f.id, f.severity, f.recommended]), [['runtime.deprecated', 'info', 'nodejs24.x']], 'within 180 days of its date (2027-04-30)');
  assert.match(soon[0]?.title ?? '', /nodejs22\.x is deprecated on 2027-04-30/);
  assert.deepEqual(ids(input({ config: { runtime: 'nodejs22.x' }, now: Date.parse('2026-06-01T00:00:00Z') })), [], 'more than 180 days ahead');
  assert.deepEqual(ids(input({ config: { runtime: 'provided.al2023' } })), [], 'supported until 2029');
  assert.deepEqual(ids(input({ config: { runtime: 'custom-runtime' } })), [], 'not in the table');
});

test('throttles without reserved concurrency; reserved concurrency of 0', () => {
  const base = input();
  assert.deepEqual(ids({ ...base, throttles: 12 }), ['throttles.noReservedConcurrency']);
  assert.deepEqual(ids({ ...base, throttles: 12, settings: { ...base.settings!, reservedConcurrency: 50 } }), [], 'concurrency reserved');
  assert.deepEqual(ids({ ...base, throttles: 0 }), []);
  const zero = findingsFor({ ...base, settings: { ...base.settings!, reservedConcurrency: 0 } });
  assert.deepEqual(zero.map((f) => [f.id, f.severity, f.property]), [['concurrency.zero', 'warning', 'reservedConcurrency']]);
  assert.deepEqual(ids({ ...base, settings: { ...base.settings!, reservedConcurrency: 5 } }), []);
});

test('tracing off on a function with latency outliers', () => {
  const outlier = { requestId: 'r1', time: NOW, durationMs: 2500, coldStart: false, logStream: 's', reason: 'aboveP99' as const };
  const withOutliers = report({ latency: { outliers: [outlier], objectiveBudgetShare: 0.01 } });
  const off = findingsFor(input({ report: withOutliers }));
  assert.deepEqual(off.map((f) => [f.id, f.property, f.recommended]), [['tracing.disabled', 'tracing', 'Active']]);
  assert.deepEqual(ids(input({ report: withOutliers, config: { tracing: 'Active' } })), [], 'tracing on');
  assert.deepEqual(ids(input({ report: withOutliers, config: { tracing: undefined } })), [], 'tracing unknown');
  assert.deepEqual(ids(input()), [], 'no outliers');
});

/**
 * Two functions on which every rule fires, each rule on at least one of them: the pairs of rules
 * that exclude each other (memory near the limit / over-provisioned, timeout tight / loose,
 * reserved concurrency 0 / throttles without reserved concurrency) are split between the two.
 */
function firingEverywhere(): Array<{ input: FindingInput; fires: readonly string[] }> {
  const outlier = { requestId: 'r1', time: NOW, durationMs: 2500, coldStart: false, logStream: 's', reason: 'aboveP99' as const };
  const shared = { thresholdMs: 500, arm64SavingsUsd: 3 };
  const latency = { outliers: [outlier], objectiveBudgetShare: 0.01 };
  const settings = { reservedConcurrency: null, provisionedConcurrency: 0, onFailureDestination: null, invokedBy: ['sns.amazonaws.com'], logRetentionDays: null, readAt: NOW };
  const big = input({
    ...shared,
    config: { memoryMb: 2048, timeoutSeconds: 300, architecture: 'x86_64', runtime: 'nodejs18.x', tracing: 'PassThrough' },
    report: report({ coldStartRate: 0.12, latency }),
    throttles: 4,
    settings,
  });
  const tight = report();
  const small = input({
    ...shared,
    config: { memoryMb: 512, timeoutSeconds: 1, architecture: 'x86_64', runtime: 'nodejs18.x', tracing: 'PassThrough' },
    report: { ...tight, maxMemoryUsedMb: 480, coldStartRate: 0.12, latency, durationMs: { ...(tight.durationMs as NonNullable<FunctionReport['durationMs']>), max: 900 } },
    throttles: 4,
    settings: { ...settings, reservedConcurrency: 0 },
  });
  return [
    // The order findingsFor adds them in.
    { input: big, fires: ['memory.overProvisioned', 'timeout.loose', 'coldStart.high', 'architecture.arm64', 'logs.noRetention', 'async.noFailureDestination', 'runtime.deprecated', 'throttles.noReservedConcurrency', 'tracing.disabled'] },
    { input: small, fires: ['memory.nearLimit', 'timeout.tight', 'coldStart.high', 'architecture.arm64', 'logs.noRetention', 'async.noFailureDestination', 'runtime.deprecated', 'concurrency.zero', 'tracing.disabled'] },
  ];
}

test('the inputs for the on/off test: each rule fires on at least one of them', () => {
  const cases = firingEverywhere();
  for (const { input: i, fires } of cases) assert.deepEqual(ids(i), fires);
  assert.deepEqual([...new Set(cases.flatMap((c) => c.fires))].sort(), [...FINDING_IDS].sort(), 'every rule is covered');
});

for (const id of FINDING_IDS) {
  test(`rule ${id} is turned off by its id alone: its findings go, the other rules' stay unchanged`, () => {
    const cases = firingEverywhere();
    assert.ok(cases.some((c) => c.fires.includes(id)), `${id} fires on one of the inputs`);
    for (const { input: i } of cases) {
      const all = findingsFor(i);
      const off = findingsFor({ ...i, disabled: new Set([id]) });
      assert.deepEqual(off, all.filter((f) => f.id !== id));
      assert.equal(off.length, all.length - all.filter((f) => f.id === id).length);
    }
  });
}

test('every rule can be turned off by id; too few invocations say nothing about sizing', () => {
  const everything = input({
    config: { memoryMb: 2048, architecture: 'x86_64', runtime: 'nodejs18.x' },
    arm64SavingsUsd: 3,
    throttles: 4,
    settings: { reservedConcurrency: null, onFailureDestination: null, invokedBy: ['sns.amazonaws.com'], logRetentionDays: null, readAt: NOW },
  });
  assert.ok(findingsFor(everything).length >= 5);
  assert.deepEqual(ids({ ...everything, disabled: new Set(FINDING_IDS) }), []);
  for (const { input: i } of firingEverywhere()) assert.deepEqual(ids({ ...i, disabled: new Set(FINDING_IDS) }), []);
  assert.deepEqual(ids(input({ config: { timeoutSeconds: 300, memoryMb: 2048 }, report: report({ invocations: 10 }) })), [], 'ten invocations: no advice');
  assert.deepEqual(ids(input({ report: undefined })), [], 'idle');
});
