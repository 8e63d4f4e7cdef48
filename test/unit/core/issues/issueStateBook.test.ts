import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { accountOf, IssueStateBook, issueKey } from '../../../../src/core/issues/issueStateBook';
import { parseIssueStates, serializeIssueStates } from '../../../../src/core/issues/issueStateFile';
import { TrafficGenerator } from '../../../../src/demo/trafficGenerator';
import { DEMO_FUNCTIONS } from '../../../../src/demo/scenarios';

const T0 = Date.UTC(2026, 10, 26, 9);
const MIN = 60_000;
const place = { owner: '123456789012', region: 'us-east-1', functionName: 'checkout-api' };

/** The demo's checkout-api over [T0, T0 + minutes), fed into one analyzer in steps. */
function traffic(minutes: number) {
  const fn = DEMO_FUNCTIONS[0];
  assert.ok(fn);
  const events = [...new TrafficGenerator({ seed: 11, start: T0, durationMs: minutes * MIN, functions: [fn] })];
  const analyzer = new Analyzer();
  let fed = 0;
  return {
    analyzer,
    /** Feed the events up to `minute` and settle: what a poll at that time would have seen. */
    until(minute: number) {
      const end = T0 + minute * MIN;
      while (fed < events.length && (events[fed]?.timestamp ?? 0) < end) analyzer.ingest(events[fed++] as (typeof events)[number]);
      analyzer.settle(end);
      return analyzer.functions()[0]?.issues.all() ?? [];
    },
  };
}

test('the account of a function from its ARN', () => {
  assert.equal(accountOf('arn:aws:lambda:us-east-1:123456789012:function:checkout-api'), '123456789012');
  assert.equal(accountOf('arn:aws:lambda:us-east-1:alias:function:x'), undefined);
  assert.equal(accountOf(undefined), undefined);
});

test('the demo over time: new issues open once, a resolved one regresses when it occurs again, a muted one stays quiet', () => {
  const t = traffic(60);
  const book = new IssueStateBook();
  const first = book.sync(place, t.until(20), T0 + 20 * MIN);
  const issues = t.analyzer.functions()[0]?.issues.all() ?? [];
  assert.ok(issues.length >= 3, `${issues.length} issues in the first 20 minutes`);
  assert.equal(first.length, issues.length, 'each new issue is one change');
  assert.ok(first.every((c) => c.from === undefined && c.to === 'open'));
  assert.deepEqual(book.sync(place, t.until(20), T0 + 20 * MIN), [], 'the same poll again changes nothing');

  const frequent = [...issues].sort((a, b) => b.count - a.count);
  const resolved = frequent[0];
  const muted = frequent[1];
  assert.ok(resolved && muted);
  const resolvedKey = issueKey(place, resolved.fingerprint);
  const mutedKey = issueKey(place, muted.fingerprint);
  book.resolve(resolvedKey, 'Ada', T0 + 20 * MIN);
  book.mute(mutedKey, 'Grace', T0 + 20 * MIN, { until: T0 + 45 * MIN });
  assert.equal(book.isActive(resolvedKey), false);
  assert.equal(book.isActive(mutedKey), false);

  const later = book.sync(place, t.until(40), T0 + 40 * MIN);
  const regression = later.find((c) => c.key === resolvedKey);
  assert.equal(regression?.to, 'regressed', 'the most frequent issue occurred again after its resolution');
  assert.ok(!later.some((c) => c.key === mutedKey), 'a muted issue never produces a change');
  assert.equal(book.stateOf(mutedKey), 'muted');
  assert.ok((book.get(mutedKey)?.lastSeen ?? 0) > T0 + 20 * MIN, 'its occurrences are still recorded');
  book.sync(place, t.until(50), T0 + 50 * MIN);
  assert.equal(book.stateOf(mutedKey), 'open', 'the mute expired at 45 min');

  // Saved and read back after a "restart": the same logs read again change nothing.
  const saved = serializeIssueStates(book.takeDirty());
  const parsed = parseIssueStates(saved);
  assert.ok(parsed.ok);
  const restarted = new IssueStateBook();
  restarted.load(parsed.entries);
  const fresh = traffic(60);
  assert.deepEqual(restarted.sync(place, fresh.until(50), T0 + 50 * MIN), [], 'no issue is new or regressed again after a restart');
  assert.equal(restarted.stateOf(resolvedKey), 'regressed');
  assert.deepEqual(restarted.takeDirty().map((e) => e.key).sort(), [], 'nothing to save');
});

test('occurrence history survives restarts: counted once, per day, 90 days kept', async () => {
  const { addOccurrences, HISTORY_DAYS } = await import('../../../../src/core/issues/issueStates');
  const t = traffic(60);
  const book = new IssueStateBook();
  book.sync(place, t.until(30), T0 + 30 * MIN);
  book.sync(place, t.until(45), T0 + 45 * MIN);
  const issues = t.analyzer.functions()[0]?.issues.all() ?? [];
  for (const issue of issues) {
    const h = book.get(issueKey(place, issue.fingerprint))?.history;
    assert.equal(h?.total, issue.count, `${issue.title}: the stored total is the engine's count`);
    assert.equal(h?.daily.reduce((n, [, c]) => n + c, 0), issue.count);
    assert.equal(h?.firstSeen, issue.firstSeen);
  }
  // Saved; restarted; the engine re-reads the same 45 minutes, then 15 more: nothing counted twice.
  const parsed = parseIssueStates(serializeIssueStates(book.takeDirty()));
  assert.ok(parsed.ok);
  const restarted = new IssueStateBook();
  restarted.load(parsed.entries);
  const again = traffic(60);
  restarted.sync(place, again.until(45), T0 + 45 * MIN);
  const after45 = new Map(issues.map((i) => [i.fingerprint, restarted.get(issueKey(place, i.fingerprint))?.history?.total]));
  assert.deepEqual([...after45.values()], issues.map((i) => i.count), 'the re-read lookback is not counted again');
  restarted.sync(place, again.until(60), T0 + 60 * MIN);
  for (const issue of again.analyzer.functions()[0]?.issues.all() ?? []) {
    const stored = restarted.get(issueKey(place, issue.fingerprint))?.history?.total;
    assert.equal(stored, issue.count, `${issue.title}: the 15 new minutes are added once`);
  }

  // Days beyond 90 are dropped; the total keeps counting.
  let record = addOccurrences(undefined, 2, T0, T0);
  for (let day = 1; day <= 120; day++) record = addOccurrences(record, 1, T0 + day * 86_400_000, T0);
  assert.equal(record.daily.length, HISTORY_DAYS);
  assert.equal(record.total, 122);
  assert.equal(record.daily[0]?.[0], Math.floor((T0 + 31 * 86_400_000) / 86_400_000));
});

test('the recent occurrences are kept with the history: each request once, newest first, capped, read back from the file', async () => {
  const { MAX_RECENT, mergeRecent } = await import('../../../../src/core/issues/issueStates');
  const t = traffic(60);
  const book = new IssueStateBook();
  book.sync(place, t.until(50), T0 + 50 * MIN);
  const issue = [...(t.analyzer.functions()[0]?.issues.all() ?? [])].sort((a, b) => b.count - a.count)[0];
  assert.ok(issue && issue.requestIds.length > MAX_RECENT);
  const recent = book.get(issueKey(place, issue.fingerprint))?.history?.recent ?? [];
  assert.equal(recent.length, MAX_RECENT);
  assert.equal(recent[0]?.[1], issue.requestIds.at(-1), 'newest first');
  const parsed = parseIssueStates(serializeIssueStates(book.takeDirty()));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.entries.find((e) => e.key.endsWith(issue.fingerprint))?.history?.recent, recent);
  assert.deepEqual(mergeRecent([[5, 'a'], [3, 'b']], [7, 1], ['b', 'c']), [[7, 'b'], [5, 'a'], [1, 'c']], 'a request seen again moves to its latest time');
});
