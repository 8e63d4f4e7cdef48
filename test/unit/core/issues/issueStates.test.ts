import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../../src/core/clock';
import { AUTOMATIC, expire, isActive, MAX_TRANSITIONS, mergeEntries, mute, newIssueState, observe, reopen, resolve, type IssueStateEntry } from '../../../../src/core/issues/issueStates';

const T0 = Date.UTC(2026, 10, 26, 9);
const MIN = 60_000;
const KEY = '123456789012/us-east-1/checkout-api/3f2a9c0d1e';

test('a new issue is open; resolving stamps who and when; it stays resolved while nothing occurs', () => {
  const clock = new VirtualClock(T0);
  let e = newIssueState(KEY, T0 - MIN);
  assert.equal(e.state, 'open');
  assert.ok(isActive(e.state));
  clock.advance(5 * MIN);
  e = resolve(e, 'Ada Lovelace', clock.now());
  assert.equal(e.state, 'resolved');
  assert.equal(isActive(e.state), false);
  assert.deepEqual(e.transitions.at(-1), { at: T0 + 5 * MIN, by: 'Ada Lovelace', to: 'resolved' });
  // Occurrences from before the fix (read late, or again after a restart) are not a regression.
  const late = observe(e, [T0 + 4 * MIN, T0 + 2 * MIN], clock.now());
  assert.equal(late.entry.state, 'resolved');
  assert.equal(late.change, undefined);
  assert.equal(late.entry.lastSeen, T0 + 4 * MIN);
});

test('a resolved issue that occurs again comes back as regressed, once, with the time it came back', () => {
  const clock = new VirtualClock(T0);
  let e = resolve(newIssueState(KEY, T0), 'Ada', T0 + MIN);
  clock.advance(10 * MIN);
  const again = observe(e, [T0 + 9 * MIN, T0 + 8 * MIN], clock.now());
  assert.equal(again.entry.state, 'regressed');
  assert.ok(isActive(again.entry.state));
  assert.deepEqual(again.change && { from: again.change.from, to: again.change.to, by: again.change.transition.by }, { from: 'resolved', to: 'regressed', by: AUTOMATIC });
  assert.match(again.change?.transition.reason ?? '', /occurred again at 2026-11-26T09:08:00.000Z/);
  e = again.entry;
  // The same occurrences seen again (a re-read after a restart) change nothing.
  const repeat = observe(e, [T0 + 9 * MIN], clock.now());
  assert.equal(repeat.change, undefined);
  assert.equal(repeat.entry, e);
  // Reopened by hand: open, the resolution forgotten.
  const reopened = reopen(e, 'Grace', clock.now());
  assert.equal(reopened.state, 'open');
  assert.equal(reopened.resolvedAt, undefined);
});

test('a mute until a time: quiet while it lasts (occurrences still counted), open again when it expires', () => {
  const clock = new VirtualClock(T0);
  let e = mute(newIssueState(KEY, T0), 'Ada', T0, { until: T0 + 60 * MIN });
  assert.equal(e.state, 'muted');
  assert.equal(isActive(e.state), false);
  clock.advance(30 * MIN);
  const seen = observe(e, [T0 + 29 * MIN], clock.now());
  assert.equal(seen.change, undefined, 'a muted issue never alerts');
  assert.equal(seen.entry.lastSeen, T0 + 29 * MIN, 'but its occurrences are still recorded');
  e = expire(seen.entry, clock.now());
  assert.equal(e.state, 'muted', 'not yet');
  clock.advance(31 * MIN);
  e = expire(e, clock.now());
  assert.equal(e.state, 'open');
  assert.equal(e.mute, undefined);
  assert.deepEqual(e.transitions.at(-1), { at: T0 + 60 * MIN, by: AUTOMATIC, to: 'open', reason: 'mute expired' });
});

test('a mute for N more occurrences counts them down, then the issue is open again and says so', () => {
  let e = mute(newIssueState(KEY, T0), 'Ada', T0, { remaining: 3 });
  let r = observe(e, [T0 + MIN, T0 + 2 * MIN], T0 + 3 * MIN);
  assert.equal(r.entry.state, 'muted');
  assert.equal(r.entry.mute?.remaining, 1);
  assert.equal(r.change, undefined);
  e = r.entry;
  r = observe(e, [T0 + 4 * MIN], T0 + 5 * MIN);
  assert.equal(r.entry.state, 'open');
  assert.equal(r.change?.from, 'muted');
  assert.equal(r.change?.to, 'open');
  // Nonsense mutes are not kept as such: a time in the past, zero or fractional counts.
  const odd = mute(newIssueState(KEY, T0), 'Ada', T0, { until: T0 - 1, remaining: 0.5 });
  assert.deepEqual(odd.mute, {});
});

test('transitions are capped; the newest are kept', () => {
  let e: IssueStateEntry = newIssueState(KEY, T0);
  for (let i = 1; i <= 50; i++) e = i % 2 ? resolve(e, 'Ada', T0 + i * MIN) : reopen(e, 'Ada', T0 + i * MIN);
  assert.equal(e.transitions.length, MAX_TRANSITIONS);
  assert.equal(e.transitions.at(-1)?.at, T0 + 50 * MIN);
});

test('two writers merge: the newer decision wins, transitions are united, the newest occurrence kept', () => {
  const base = newIssueState(KEY, T0);
  const a = resolve(base, 'Ada', T0 + 10 * MIN);
  const b = observe(mute(base, 'Grace', T0 + 5 * MIN, { until: T0 + 120 * MIN }), [T0 + 7 * MIN], T0 + 8 * MIN).entry;
  const ab = mergeEntries(a, b);
  const ba = mergeEntries(b, a);
  assert.deepEqual(ab, ba, 'the order of merging does not matter');
  assert.equal(ab.state, 'resolved');
  assert.equal(ab.lastSeen, T0 + 7 * MIN);
  assert.deepEqual(ab.transitions.map((t) => t.to), ['open', 'muted', 'resolved']);
  assert.deepEqual(mergeEntries(a, a), a, 'merging with itself changes nothing');
});

test('a resolve made in another window, merged with this window\'s later occurrence: the occurrence still regresses the issue', () => {
  // Window A: the issue seen at T0, resolved at T0 + 10 min.
  const a = resolve(observe(newIssueState(KEY, T0), [T0], T0).entry, 'Ada Lovelace', T0 + 10 * MIN);
  // Window B never heard of the resolve; it saw the issue occur again at T0 + 12 min.
  const b = observe(newIssueState(KEY, T0), [T0, T0 + 12 * MIN], T0 + 13 * MIN).entry;
  for (const merged of [mergeEntries(a, b), mergeEntries(b, a)]) {
    assert.equal(merged.state, 'resolved');
    assert.ok(merged.lastSeen <= T0 + 10 * MIN, `the occurrence after the resolve counts as seen (lastSeen ${(merged.lastSeen - T0) / MIN} min)`);
    const { entry, change } = observe(merged, [T0, T0 + 12 * MIN], T0 + 14 * MIN);
    assert.equal(entry.state, 'regressed');
    assert.equal(change?.to, 'regressed');
  }
  // Occurrences seen by the other side before the decision stay seen: no false regression.
  const before = observe(newIssueState(KEY, T0), [T0, T0 + 8 * MIN], T0 + 9 * MIN).entry;
  const merged = mergeEntries(a, before);
  assert.equal(merged.lastSeen, T0 + 8 * MIN);
  assert.equal(observe(merged, [T0, T0 + 8 * MIN], T0 + 14 * MIN).change, undefined);
});
