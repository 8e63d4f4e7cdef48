// The demo account's settings spread is there to be found: polled like any account, its functions
// must show the findings the demo promises, and no others of the settings kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../src/core/analysis/analyzer';
import { buildAnalysisReport, costConfigOf, type CostConfig } from '../../../src/core/analysis/analysisReport';
import { VirtualClock } from '../../../src/core/clock';
import { LAMBDA_PRICES } from '../../../src/core/cost/priceTable';
import { FINDING_IDS, findingsFor, type FindingId } from '../../../src/core/insights/findings';
import { AccountPoller } from '../../../src/core/poll/accountPoller';
import { DemoAccount } from '../../../src/demo/demoAccount';
import { DEMO_FUNCTIONS } from '../../../src/demo/scenarios';

const NOW = Date.UTC(2026, 10, 26, 12);
const MINUTE = 60_000;

test('demo: settings and configuration give each function its findings', async () => {
  const clock = new VirtualClock(NOW);
  const demo = new DemoAccount({ clock, seed: 42, historyMs: 30 * MINUTE });
  const analyzer = new Analyzer();
  const poller = new AccountPoller({ sources: demo, analyzer, clock, initialLookbackMs: 30 * MINUTE });
  for (let cycle = 0; cycle < 3; cycle++) {
    await poller.runCycle();
    clock.advance(Math.max(0, NOW + (cycle + 1) * MINUTE - clock.now()));
  }
  analyzer.flush();
  const statuses = poller.functions(NOW - 30 * MINUTE, clock.now());
  const byName = new Map(statuses.map((s) => [s.config.name, s]));
  // Costs with each function's own architecture and memory, as the watch prices them (the arm64 what-if).
  const costConfig = (name: string): CostConfig | undefined => {
    const status = byName.get(name);
    return status ? costConfigOf(status.config, status.settings) : undefined;
  };
  const reports = new Map(buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES, costConfigOf: costConfig }).functions.map((f) => [f.name, f]));
  const thresholds = new Map(DEMO_FUNCTIONS.map((f) => [f.name, f.thresholdMs]));
  const found = new Map<string, FindingId[]>();
  for (const status of statuses) {
    assert.ok(status.settings, `${status.config.name}: settings read`);
    const report = reports.get(status.config.name);
    const thresholdMs = thresholds.get(status.config.name);
    const arm64SavingsUsd = report?.cost.whatIf.arm64?.savingsUsd;
    found.set(status.config.name, findingsFor({ config: status.config, settings: status.settings, throttles: status.metrics.throttles, now: NOW, ...(report ? { report } : {}), ...(thresholdMs ? { thresholdMs } : {}), ...(arm64SavingsUsd !== undefined ? { arm64SavingsUsd } : {}) }).map((f) => f.id));
  }
  const has = (name: string, id: FindingId): boolean => found.get(name)?.includes(id) ?? false;

  // The five functions with traffic and the two idle ones (legacy-cron, pdf-exporter).
  assert.deepEqual([...found.keys()].sort(), ['checkout-api', 'image-resizer', 'legacy-cron', 'notifier', 'orders-worker', 'pdf-exporter', 'report-generator']);
  // Every rule, and the demo functions it fires on, from src/demo (scenarios.ts: runtime,
  // architecture, memory, timeout, latencies, failures, objective; demoSettings.ts: tracing,
  // concurrency, destinations, invokers, retention; demoAccount.ts: idle functions, throttles).
  const expected: Record<FindingId, string[]> = {
    // Most memory used is the base + up to 23 MB: checkout-api 183 of 512 MB (36%, 256 MB would
    // do), report-generator 623 of 2048 MB (30%). orders-worker (256 MB) and notifier (128 MB)
    // are too small to be told; image-resizer's out-of-memory kills use all of its 1024 MB.
    'memory.overProvisioned': ['checkout-api', 'report-generator'],
    'memory.nearLimit': ['image-resizer'],
    // Runs cut at the timeout: checkout-api's 6 s (0.3%) and report-generator's 60 s (1%).
    'timeout.tight': ['checkout-api', 'report-generator'],
    // The only 30 s-or-more timeouts: report-generator (tight) and image-resizer (30 s, runs of
    // several seconds, more than a tenth of it).
    'timeout.loose': [],
    // With an objective: image-resizer (init median 1.1 s) and report-generator (3.2 s) have init
    // p99 over 1 s; checkout-api's init (420 ms) and cold start rate stay under.
    'coldStart.high': ['image-resizer', 'report-generator'],
    // x86_64 with traffic (an idle function saves nothing).
    'architecture.arm64': ['image-resizer', 'orders-worker', 'report-generator'],
    'logs.noRetention': ['orders-worker'],
    // SNS-invoked without a destination or DLQ; image-resizer (EventBridge) has a destination.
    'async.noFailureDestination': ['notifier'],
    // nodejs16.x (2024-06-12) and nodejs20.x (2026-04-30); python3.12, java21 and nodejs24.x are not within 180 days.
    'runtime.deprecated': ['legacy-cron', 'orders-worker'],
    // Only orders-worker is throttled, and it has reserved concurrency (5).
    'throttles.noReservedConcurrency': [],
    'concurrency.zero': [],
    // Every function with traffic but checkout-api (Active) has tracing off and slow outliers.
    'tracing.disabled': ['image-resizer', 'notifier', 'orders-worker', 'report-generator'],
  };
  const firesOn = (id: FindingId): string[] => [...found].filter(([, ids]) => ids.includes(id)).map(([name]) => name).sort();
  for (const id of FINDING_IDS) assert.deepEqual(firesOn(id), expected[id], `${id}: ${JSON.stringify(Object.fromEntries(found))}`);

  assert.ok(has('report-generator', 'memory.overProvisioned'), String(found.get('report-generator')));
  assert.ok(has('notifier', 'async.noFailureDestination'), 'SNS-invoked, no destination, no DLQ');
  assert.ok(!has('image-resizer', 'async.noFailureDestination'), 'EventBridge-invoked with an on-failure destination');
  assert.deepEqual([...found].filter(([, ids]) => ids.includes('logs.noRetention')).map(([name]) => name), ['orders-worker']);
  assert.deepEqual([...found].filter(([, ids]) => ids.includes('runtime.deprecated')).map(([name]) => name).sort(), ['legacy-cron', 'orders-worker']);
  assert.ok(!has('checkout-api', 'tracing.disabled'), 'checkout-api traces');
  assert.equal(poller.configOf('checkout-api')?.runtime, 'nodejs24.x');
  assert.equal(poller.configOf('checkout-api')?.tracing, 'Active');
  assert.equal(poller.functions(NOW, clock.now()).find((s) => s.config.name === 'checkout-api')?.settings?.reservedConcurrency, 100);
  assert.equal(poller.configOf('notifier')?.tracing, 'PassThrough');
  assert.equal(poller.configOf('notifier')?.deadLetterTargetArn, undefined);
});
