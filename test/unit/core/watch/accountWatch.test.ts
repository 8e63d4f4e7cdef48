import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../../src/core/clock';
import { AccountWatch, accountSnapshots } from '../../../../src/core/watch/accountWatch';
import { DemoAccount } from '../../../../src/demo/demoAccount';
import { healthDescription } from '../../../../src/core/health/functionHealth';
import { childrenOf, regionNode, rootNodes } from '../../../../src/vscode/tree/treeModel';
import { assembleReport } from '../../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';

const T0 = Date.UTC(2026, 10, 26, 10);
const HOUR = 3_600_000;

async function watchedDemo() {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 42, historyMs: HOUR });
  const watch = new AccountWatch({ profile: 'Demo', region: 'us-east-1', sources: demo, clock, thresholdMs: (name) => (name === 'checkout-api' ? 150 : undefined) });
  const before = watch.snapshot(HOUR);
  await watch.poller.runCycle();
  return { before, after: watch.snapshot(HOUR), watch, demo, clock };
}

test('a watch is loading until its first cycle, then every function has a view with its health', async () => {
  const { before, after } = await watchedDemo();
  assert.equal(before.loading, true);
  assert.equal(before.functions.length, 0);
  assert.equal(after.loading, false);
  assert.equal(after.health.state, 'ok');
  const byName = new Map(after.functions.map((f) => [f.name, f]));
  assert.deepEqual([...byName.keys()].sort(), ['checkout-api', 'image-resizer', 'legacy-cron', 'notifier', 'orders-worker', 'pdf-exporter', 'report-generator']);
  // checkout-api fails (TypeErrors, timeouts) in every hour of demo traffic.
  assert.equal(byName.get('checkout-api')?.health.level, 'failing');
  assert.ok(byName.get('checkout-api')?.health.reasons.some((r) => /failed invocations/.test(r)));
  assert.ok(byName.get('checkout-api')?.health.reasons.some((r) => /over the 150 ms objective/.test(r)), 'its p99 is over the objective');
  assert.equal(byName.get('legacy-cron')?.health.level, 'idle');
  assert.equal(healthDescription(byName.get('legacy-cron')?.report, byName.get('legacy-cron')?.status.metrics), 'idle in this window');
  const checkout = byName.get('checkout-api');
  assert.match(healthDescription(checkout?.report, checkout?.status.metrics), /^p99 \d+(\.\d)? (ms|s) · \d+ issues · \d+(\.\d)?% cold · \$\d+\.\d\d\/mo$/);
  // The window's analysis is the same engine report as the CLI's.
  assert.equal(after.analysis.functions.find((f) => f.name === 'checkout-api')?.invocations, checkout?.report?.invocations);
});

test('the tree model: profiles, then functions failing first, issues and outliers as children, a filter', async () => {
  const { after } = await watchedDemo();
  const state = { snapshots: [after], problems: [{ profile: 'prod', message: "No region for profile 'prod'" }], noProfiles: false, loaded: true };
  const roots = rootNodes(state);
  assert.deepEqual(roots.map((r) => r.profile), ['prod', 'Demo'], 'real profiles first, the demo last');
  const prod = childrenOf(roots[0]!, { isPinned: () => false });
  assert.equal(prod[0]?.kind, 'message');
  // One region: its functions directly under the profile.
  const fns = childrenOf(roots[1]!, { isPinned: (_p, _r, n) => n === 'notifier' });
  assert.equal(fns[0]?.kind, 'function');
  const levels = fns.map((f) => (f.kind === 'function' ? f.view.health.level : 'x'));
  const order = { failing: 0, degraded: 1, ok: 2, idle: 3, x: 4 };
  assert.deepEqual([...levels].sort((a, b) => order[a as keyof typeof order] - order[b as keyof typeof order]), levels, 'sorted by severity');
  assert.equal(levels[levels.length - 1], 'idle');
  const notifier = fns.find((f) => f.kind === 'function' && f.view.name === 'notifier');
  assert.ok(notifier?.kind === 'function' && notifier.pinned);
  const checkout = fns.find((f) => f.kind === 'function' && f.view.name === 'checkout-api');
  assert.ok(checkout);
  const children = childrenOf(checkout, { isPinned: () => false });
  assert.ok(children.filter((c) => c.kind === 'issue').length >= 3);
  assert.ok(children.some((c) => c.kind === 'outliers'));
  const filtered = childrenOf(regionNode(after), { filter: 'RESIZ', isPinned: () => false });
  assert.deepEqual(filtered.map((f) => (f.kind === 'function' ? f.view.name : f.kind)), ['image-resizer']);
  const none = childrenOf(regionNode(after), { filter: 'zzz', isPinned: () => false });
  assert.equal(none[0]?.kind === 'message' && none[0].text, 'No function matches "zzz"');
});

test('a paused profile shows why, with a sign-in action when SSO expired', () => {
  const snapshot = { profile: 'dev', region: 'eu-west-1', health: { state: 'paused' as const, reason: 'The SSO session for profile dev has expired: run `aws sso login --profile dev`', since: T0 }, loading: false, window: { from: T0 - HOUR, to: T0 }, functions: [], analysis: assembleReport([], undefined, { prices: LAMBDA_PRICES, region: 'eu-west-1' }) };
  const [root] = rootNodes({ snapshots: [snapshot], problems: [], noProfiles: false, loaded: true });
  const [first] = childrenOf(root!, { isPinned: () => false });
  assert.equal(first?.kind, 'message');
  assert.ok(first?.kind === 'message' && first.fix?.command === 'lambdascope.signIn' && first.fix.arguments?.[0] === 'dev');
});

test('issue states through the watch: new issues reported once, a resolved one comes back regressed, counts leave out resolved and muted issues', async () => {
  const { IssueStateBook, issueKey } = await import('../../../../src/core/issues/issueStateBook');
  const { activeIssues } = await import('../../../../src/core/analysis/analysisReport');
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 42, historyMs: HOUR });
  const book = new IssueStateBook();
  const changes: Array<{ key: string; to: string }> = [];
  const watch = new AccountWatch({ profile: 'Demo', region: 'us-east-1', sources: demo, clock, issueStates: book, onIssueChanges: (c) => changes.push(...c.map((x) => ({ key: x.key, to: x.to }))) });
  // The first cycles catch up with the hour of history (a window of logs at a time).
  const caughtUp = async () => {
    for (let i = 0; i < 12; i++) {
      await watch.poller.runCycle();
      const status = watch.poller.functions(clock.now() - HOUR, clock.now()).find((f) => f.config.name === 'checkout-api');
      if ((status?.logsCompleteUpTo ?? 0) >= clock.now() - 60_000) return;
      clock.advance(5_000);
    }
    assert.fail('the poller did not catch up with the logs');
  };
  await caughtUp();
  const checkout = () => watch.snapshot(HOUR).functions.find((f) => f.name === 'checkout-api');
  const first = checkout()?.report?.issues ?? [];
  assert.ok(first.length > 0 && first.every((i) => i.state === 'open'));
  assert.ok(changes.length >= first.length && changes.every((c) => c.to === 'open'));
  assert.ok(changes.every((c) => c.key.startsWith(`123456789012/us-east-1/`)), 'filed under the account of the ARN');
  const top = [...first].sort((a, b) => b.count - a.count)[0];
  const second = [...first].sort((a, b) => b.count - a.count)[1];
  assert.ok(top && second);
  const place = watch.placeOf('checkout-api');
  book.resolve(issueKey(place, top.fingerprint), 'Ada', clock.now());
  book.mute(issueKey(place, second.fingerprint), 'Grace', clock.now(), { until: clock.now() + 3 * HOUR });
  const quieter = checkout();
  assert.equal(quieter?.report?.issues.find((i) => i.fingerprint === top.fingerprint)?.state, 'resolved');
  assert.equal(activeIssues(quieter?.report?.issues ?? []).length, first.length - 2);
  assert.match(healthDescription(quieter?.report, quieter?.status.metrics), new RegExp(`· ${first.length - 2} issues? ·`));
  changes.length = 0;
  clock.advance(20 * 60_000);
  await caughtUp();
  assert.deepEqual(changes.filter((c) => c.key.endsWith(top.fingerprint)), [{ key: issueKey(place, top.fingerprint), to: 'regressed' }], 'the most frequent issue occurred again: regressed, once');
  assert.ok(!changes.some((c) => c.key.endsWith(second.fingerprint)), 'the muted one stays quiet');
  assert.equal(checkout()?.report?.issues.find((i) => i.fingerprint === top.fingerprint)?.state, 'regressed');
});

test('the demo snapshot carries findings (report-generator over-provisioned) and rules turned off are left out; the tree lists them under the function', async () => {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 42, historyMs: HOUR });
  let disabled: ReadonlySet<string> = new Set();
  const watch = new AccountWatch({ profile: 'Demo', region: 'us-east-1', sources: demo, clock, findingsDisabled: () => disabled });
  await watch.poller.runCycle();
  const report = watch.snapshot(HOUR).functions.find((f) => f.name === 'report-generator');
  const over = report?.findings.find((f) => f.id === 'memory.overProvisioned');
  assert.ok(over, `findings: ${report?.findings.map((f) => f.id).join(', ')}`);
  assert.equal(over.property, 'memory');
  const used = report?.report?.maxMemoryUsedMb ?? 0;
  assert.equal(over.recommended, Math.ceil((used * 1.3) / 64) * 64, 'the smallest 64 MB step with 30% headroom over the most used');
  assert.ok(typeof over.recommended === 'number' && over.recommended < 2048);
  // The what-if agrees with the finding's size.
  assert.equal(report?.report?.cost.whatIf.memory?.memoryMb, over.recommended);
  assert.ok((report?.report?.cost.whatIf.memory?.savingsUsd ?? 0) > 0);
  const fnNode = childrenOf(regionNode(watch.snapshot(HOUR)), { isPinned: () => false }).find((n) => n.kind === 'function' && n.view.name === 'report-generator');
  const children = fnNode ? childrenOf(fnNode, { isPinned: () => false }) : [];
  assert.ok(children.some((n) => n.kind === 'finding' && n.finding.id === 'memory.overProvisioned'));
  disabled = new Set(['memory.overProvisioned']);
  assert.equal(watch.snapshot(HOUR).functions.find((f) => f.name === 'report-generator')?.findings.some((f) => f.id === 'memory.overProvisioned'), false);
});

test('an account watched in two regions shares one free tier between them, in proportion to their usage', async () => {
  const clock = new VirtualClock(T0);
  // The same demo account in two regions (the ARNs carry one account id), and the same traffic in both.
  const watches = ['us-east-1', 'eu-west-1'].map((region) => new AccountWatch({ profile: 'prod', region, sources: new DemoAccount({ clock, seed: 42, historyMs: HOUR }), clock }));
  for (const w of watches) await w.poller.runCycle();
  assert.match(watches[0]?.account ?? '', /^\d{12}$/);
  assert.equal(watches[1]?.account, watches[0]?.account, 'one account');
  const alone = watches.map((w) => w.snapshot(HOUR));
  const shared = accountSnapshots(watches, HOUR);
  const free = LAMBDA_PRICES.freeTier;
  // Together the two regions are given the free tier once; alone, each had all of it.
  const given = (s: (typeof shared)[number]) => ({ requests: s.analysis.cost.freeTier.requests.used + s.analysis.cost.freeTier.requests.left, gbSeconds: s.analysis.cost.freeTier.gbSeconds.used + s.analysis.cost.freeTier.gbSeconds.left });
  for (const s of alone) assert.deepEqual(given(s), free);
  const [a, b] = shared.map(given) as [{ requests: number; gbSeconds: number }, { requests: number; gbSeconds: number }];
  assert.ok(Math.abs(a.requests + b.requests - free.requests) <= 1, `${a.requests} + ${b.requests}`);
  assert.ok(Math.abs(a.gbSeconds + b.gbSeconds - free.gbSeconds) <= 0.02, `${a.gbSeconds} + ${b.gbSeconds}`);
  // The month's requests are far beyond the free tier: each region now pays for the half it lost.
  const requests = alone[0]!.analysis.cost.month.requests;
  assert.ok(requests > free.requests, `${requests} requests a month`);
  for (let i = 0; i < 2; i++) {
    const lost = free.requests - given(shared[i]!).requests;
    const paid = shared[i]!.analysis.cost.month.requestUsd - alone[i]!.analysis.cost.month.requestUsd;
    assert.ok(Math.abs(paid - (lost * 0.2) / 1e6) < 1e-3, `region ${i}: paid ${paid} more for ${lost} requests`);
    assert.ok(shared[i]!.analysis.cost.projectedMonthUsd > alone[i]!.analysis.cost.projectedMonthUsd);
    assert.match(shared[i]!.analysis.cost.assumptions[0] ?? '', /share of the account's free tier/);
  }
  // A region alone in its account keeps it all.
  const single = accountSnapshots([watches[0]!], HOUR);
  assert.deepEqual(given(single[0]!), free);
});
