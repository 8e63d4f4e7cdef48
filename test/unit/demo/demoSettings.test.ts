// The demo account's settings spread is there to be found: polled like any account, its functions
// must show the findings the demo promises, and no others of the settings kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../../src/core/analysis/analysisReport';
import { VirtualClock } from '../../../src/core/clock';
import { LAMBDA_PRICES } from '../../../src/core/cost/priceTable';
import { findingsFor, type FindingId } from '../../../src/core/insights/findings';
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
  const reports = new Map(buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES }).functions.map((f) => [f.name, f]));
  const thresholds = new Map(DEMO_FUNCTIONS.map((f) => [f.name, f.thresholdMs]));
  const found = new Map<string, FindingId[]>();
  for (const status of poller.functions(NOW - 30 * MINUTE, clock.now())) {
    assert.ok(status.settings, `${status.config.name}: settings read`);
    const report = reports.get(status.config.name);
    const thresholdMs = thresholds.get(status.config.name);
    found.set(status.config.name, findingsFor({ config: status.config, settings: status.settings, throttles: status.metrics.throttles, now: NOW, ...(report ? { report } : {}), ...(thresholdMs ? { thresholdMs } : {}) }).map((f) => f.id));
  }
  const has = (name: string, id: FindingId): boolean => found.get(name)?.includes(id) ?? false;

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
