import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../../src/core/clock';
import { AccountWatch } from '../../../../src/core/watch/accountWatch';
import { DemoAccount } from '../../../../src/demo/demoAccount';
import { compactCount, regionCost } from '../../../../src/core/cost/costSummary';
import { assembleReport } from '../../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';

const T0 = Date.UTC(2026, 10, 26, 10);
const HOUR = 3_600_000;

test('the cost summary of the demo: dearest first, shares add up, free tier used + left = the free tier, idle functions counted', async () => {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 42, historyMs: HOUR });
  const watch = new AccountWatch({ profile: 'Demo', region: 'us-east-1', sources: demo, clock });
  await watch.poller.runCycle();
  const snapshot = watch.snapshot(HOUR);
  const cost = regionCost(snapshot.analysis, snapshot.functions.length);
  const usd = cost.rows.map((r) => r.cost.projectedMonthUsd);
  assert.deepEqual(usd, [...usd].sort((a, b) => b - a), 'dearest first');
  assert.ok(cost.rows.length >= 5);
  assert.equal(cost.idle, snapshot.functions.length - cost.rows.length);
  assert.ok(cost.idle >= 2, 'legacy-cron and pdf-exporter are idle');
  const shares = cost.rows.reduce((n, r) => n + r.cost.shareOfAccount, 0);
  assert.ok(Math.abs(shares - 1) < 1e-3, `shares ${shares}`);
  const free = snapshot.analysis.cost.freeTier;
  assert.equal(free.gbSeconds.used + free.gbSeconds.left, 400_000);
  assert.equal(free.requests.used + free.requests.left, 1_000_000);
  assert.match(cost.freeTier, /^Free tier: \d+(\.\d)?% of 400,000 GB-s and \d+(\.\d)?% of 1\.0M requests used by the projected month; [\d,]+ GB-s left$/);
  assert.match(cost.description, /^\$\d+\.\d\d\/mo projected · \$\d+\.\d+ this window$/);
  assert.match(cost.rows[0]?.description ?? '', /^\$\d+\.\d\d\/mo · \d+(\.\d)?% · [\d.,kM]+ requests\/mo$/);
  // image-resizer runs on x86_64: arm64 would save; the summary says so.
  assert.ok((cost.rows.find((r) => r.name === 'image-resizer')?.cost.whatIf.arm64?.savingsUsd ?? 0) > 0);
  assert.match(cost.savings ?? '', /on arm64/);
});

test('an account without traffic: no rows, nothing used, no savings line', () => {
  const cost = regionCost(assembleReport([], undefined, { prices: LAMBDA_PRICES }), 3);
  assert.deepEqual(cost.rows, []);
  assert.equal(cost.idle, 3);
  assert.equal(cost.savings, undefined);
  assert.match(cost.freeTier, /0% of 400,000 GB-s/);
  assert.equal(compactCount(1_234_567), '1.2M');
  assert.equal(compactCount(45_600), '46k');
  assert.equal(compactCount(999), '999');
});

test('a region given no part of the shared free tier says so, not that the account has none', () => {
  const clock = new VirtualClock(T0);
  const watch = new AccountWatch({ profile: 'prod', region: 'eu-west-1', sources: new DemoAccount({ clock, seed: 42, historyMs: HOUR }), clock });
  const snapshot = watch.snapshot(HOUR, { requests: 0, gbSeconds: 0 });
  assert.deepEqual(snapshot.analysis.cost.freeTier, { requests: { used: 0, left: 0 }, gbSeconds: { used: 0, left: 0 } });
  assert.equal(regionCost(snapshot.analysis, 0).freeTier, "Free tier: none for this region (shared by the account's regions in proportion to their usage)");
});
