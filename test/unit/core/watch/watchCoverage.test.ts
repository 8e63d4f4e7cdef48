// A watch reads back only its lookback when it starts: its wider windows are projected to a month
// from what it read, not as if the rest of the window had been idle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../../src/core/clock';
import { AccountWatch, accountSnapshots, type WatchSnapshot } from '../../../../src/core/watch/accountWatch';
import { DemoAccount } from '../../../../src/demo/demoAccount';

const T0 = Date.UTC(2026, 10, 26, 10);
const HOUR = 3_600_000;

/** The demo account watched from T0 (reading its last hour back), polled until its logs are read up to now. */
async function caughtUpWatch() {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 42, historyMs: 6 * HOUR });
  const watch = new AccountWatch({ profile: 'Demo', region: 'us-east-1', sources: demo, clock, initialLookbackMs: HOUR });
  for (let i = 0; i < 12; i++) {
    await watch.poller.runCycle();
    const behind = watch.poller.functions(clock.now() - HOUR, clock.now()).some((f) => f.logsCompleteUpTo !== undefined && f.logsCompleteUpTo < clock.now() - 60_000);
    if (!behind) return { watch, clock };
    clock.advance(5_000);
  }
  assert.fail('the poller did not catch up with the logs');
}

test('a 24 h window of a watch that read 1 h is projected from that hour: the month of the 1 h window, not a 24th of it', async () => {
  const { watch, clock } = await caughtUpWatch();
  const [day, hour] = [24 * HOUR, HOUR].map((windowMs) => accountSnapshots([watch], windowMs)[0]) as [WatchSnapshot, WatchSnapshot];
  const busy = day.functions.filter((f) => (f.report?.invocations ?? 0) > 100);
  assert.ok(busy.length >= 3, `${busy.length} busy functions`);
  for (const f of busy) {
    const inHour = hour.functions.find((h) => h.name === f.name)?.report;
    assert.ok(f.report && inHour);
    // Traffic more than an hour old was never read: the 24 h window holds the same invocations…
    assert.equal(f.report.invocations, inHour.invocations, f.name);
    // …and, projected over what was read (the hour and the few seconds since), the same month.
    const ratio = f.report.cost.month.requests / inHour.cost.month.requests;
    assert.ok(ratio > 0.97 && ratio <= 1, `${f.name}: ${f.report.cost.month.requests} vs ${inHour.cost.month.requests} requests a month`);
  }
  const ratio = day.analysis.cost.month.gbSeconds / hour.analysis.cost.month.gbSeconds;
  assert.ok(ratio > 0.97 && ratio <= 1, `account GB-s: ${day.analysis.cost.month.gbSeconds} vs ${hour.analysis.cost.month.gbSeconds}`);
  // The what-ifs and the arm64 finding follow the month.
  const arm = (s: WatchSnapshot) => s.functions.reduce((n, f) => n + (f.report?.cost.whatIf.arm64?.savingsUsd ?? 0), 0);
  assert.ok(arm(day) > 0.97 * arm(hour), `arm64 savings ${arm(day)} vs ${arm(hour)}`);
  const armFindings = (s: WatchSnapshot) => s.functions.filter((f) => f.findings.some((x) => x.id === 'architecture.arm64')).map((f) => f.name);
  assert.deepEqual(armFindings(day), armFindings(hour));
  // What the projection is from, for the UI to say.
  const now = clock.now();
  assert.equal(watch.logsFrom(), T0 - HOUR, 'the first cycle read back its lookback');
  assert.deepEqual(day.analysis.cost.coverage, { from: T0 - HOUR, to: now, ms: now - (T0 - HOUR) });
  assert.match(day.analysis.cost.assumptions[0] ?? '', /the 1 h( \d+ min)? of logs read \(from 2026-11-26 09:00 UTC; the window is 24 h\)/);
});

test('before its first cycle has ended, a watch takes its logs to begin at the first event read', () => {
  const clock = new VirtualClock(T0);
  const watch = new AccountWatch({ profile: 'Demo', region: 'us-east-1', sources: new DemoAccount({ clock, seed: 42, historyMs: HOUR }), clock });
  assert.equal(watch.logsFrom(), undefined);
  watch.analyzer.ingestFor('orders-worker', 's', T0 - 20 * 60_000, 'START RequestId: 6a1b2c3d-0000-4000-8000-000000000001 Version: $LATEST\n');
  assert.equal(watch.logsFrom(), T0 - 20 * 60_000);
});
