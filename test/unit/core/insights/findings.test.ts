import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FunctionReport } from '../../../../src/core/analysis/analysisReport';
import { findingsFor, type FindingInput } from '../../../../src/core/insights/findings';

function report(over: Partial<FunctionReport> = {}): FunctionReport {
  const durations = { p50: 80, p90: 150, p95: 200, p99: 300, max: 600, min: 10, mean: 95, count: 1000 };
  return { invocations: 1000, coldStartRate: 0.01, maxMemoryUsedMb: 300, durationMs: durations, initDurationMs: { ...durations, p99: 400 }, ...over } as FunctionReport;
}

function input(over: Partial<FindingInput> = {}): FindingInput {
  return { report: report(), memoryMb: 512, timeoutSeconds: 6, architecture: 'arm64', ...over };
}

const ids = (i: FindingInput) => findingsFor(i).map((f) => f.id);

test('a healthy, well-sized function has no finding', () => {
  assert.deepEqual(ids(input()), []);
});

test('memory: over-provisioned (with the size to set) and near the limit; each with its negative case', () => {
  const over = findingsFor(input({ memoryMb: 2048 }));
  assert.deepEqual(over.map((f) => [f.id, f.recommended]), [['memory.overProvisioned', 448]]);
  assert.match(over[0]?.evidence ?? '', /300 MB used at most of 2048 MB \(15%\)/);
  assert.deepEqual(ids(input({ memoryMb: 256, report: report({ maxMemoryUsedMb: 60 }) })), [], 'small functions are left alone');
  const near = findingsFor(input({ report: report({ maxMemoryUsedMb: 480 }) }));
  assert.deepEqual(near.map((f) => [f.id, f.recommended]), [['memory.nearLimit', 768]]);
  assert.deepEqual(ids(input({ report: report({ maxMemoryUsedMb: 400 }) })), [], '78% is fine');
});

test('timeout: too tight for the measured latency, or far above it; each with its negative case', () => {
  const slow = report();
  const tight = findingsFor(input({ timeoutSeconds: 1, report: { ...slow, durationMs: { ...(slow.durationMs as NonNullable<FunctionReport['durationMs']>), max: 900 } } }));
  assert.deepEqual(tight.map((f) => [f.id, f.recommended]), [['timeout.tight', 2]], 'the slowest at 90% of a 1 s timeout');
  assert.match(tight[0]?.evidence ?? '', /p99 300 ms, max 900 ms against a 1 s timeout/);
  const loose = findingsFor(input({ timeoutSeconds: 300 }));
  assert.deepEqual(loose.map((f) => [f.id, f.recommended]), [['timeout.loose', 3]]);
  assert.deepEqual(ids(input({ timeoutSeconds: 10 })), []);
});

test('cold starts matter on latency-sensitive functions; arm64 savings; throttles; rules can be turned off; too few invocations say nothing', () => {
  assert.deepEqual(ids(input({ thresholdMs: 500, report: report({ coldStartRate: 0.12 }) })), ['coldStart.high']);
  assert.deepEqual(ids(input({ report: report({ coldStartRate: 0.12 }) })), [], 'no objective: not latency-sensitive');
  assert.deepEqual(ids(input({ architecture: 'x86_64', arm64SavingsUsd: 4.2 })), ['architecture.arm64']);
  assert.deepEqual(ids(input({ architecture: 'x86_64', arm64SavingsUsd: 0.001 })), [], 'nothing worth saying');
  assert.deepEqual(ids(input({ throttles: 3 })), ['throttles']);
  assert.deepEqual(ids(input({ throttles: 3, memoryMb: 2048, disabled: new Set(['throttles', 'memory.overProvisioned']) })), []);
  assert.deepEqual(ids(input({ timeoutSeconds: 300, memoryMb: 2048, report: report({ invocations: 10 }) })), [], 'ten invocations: no advice');
});
