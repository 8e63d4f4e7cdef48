// "Mute for N occurrences" ends after N occurrences: each counted once, however the engine
// reports them (its newest among its recent ones, or without a request id, or more at once
// than the recent ones it keeps).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IssueTracker } from '../../../../src/core/issues/issueTracker';
import { IssueStateBook, issueKey } from '../../../../src/core/issues/issueStateBook';

const T0 = Date.UTC(2026, 10, 26, 9);
const place = { owner: '123456789012', region: 'us-east-1', functionName: 'checkout-api' };
const error = { type: 'TypeError', message: "Cannot read properties of undefined (reading 'total')", frames: [{ file: '/var/task/index.js', function: 'handler', line: 12, column: 7, inApp: true, raw: 'at handler (/var/task/index.js:12:7)' }] };

function muted(remaining: number) {
  const tracker = new IssueTracker();
  const book = new IssueStateBook();
  let n = 0;
  const occur = (time: number, withId = true) => tracker.record({ functionName: 'checkout-api', status: 'error', error, time, ...(withId ? { requestId: `7c0e6f2a-0000-4000-8000-${String(++n).padStart(12, '0')}` } : {}) });
  occur(T0);
  assert.deepEqual(book.sync(place, tracker.all(), T0 + 1_000).map((c) => c.to), ['open']);
  const key = issueKey(place, tracker.all()[0]?.fingerprint ?? '');
  book.mute(key, 'Grace', T0 + 2_000, { remaining });
  return { tracker, book, key, occur, sync: (now: number) => book.sync(place, tracker.all(), now) };
}

test('muted for 3 occurrences: still muted after 1 and 2, open again (and said) after the 3rd', () => {
  const m = muted(3);
  for (const i of [1, 2]) {
    m.occur(T0 + i * 10_000);
    assert.deepEqual(m.sync(T0 + i * 10_000 + 500), []);
    assert.equal(m.book.stateOf(m.key), 'muted', `after occurrence ${i}`);
    assert.equal(m.book.get(m.key)?.mute?.remaining, 3 - i);
  }
  m.occur(T0 + 30_000);
  assert.deepEqual(m.sync(T0 + 30_500).map((c) => [c.from, c.to]), [['muted', 'open']]);
  assert.equal(m.book.stateOf(m.key), 'open');
});

test('an occurrence without a request id (an init failure) counts once', () => {
  const m = muted(2);
  m.occur(T0 + 10_000, false);
  m.sync(T0 + 10_500);
  assert.equal(m.book.get(m.key)?.mute?.remaining, 1);
});

test('55 occurrences in one poll count 55, though the engine keeps the newest 50 request ids', () => {
  const m = muted(60);
  for (let i = 1; i <= 55; i++) m.occur(T0 + i * 1_000);
  assert.deepEqual(m.sync(T0 + 60_000), []);
  assert.equal(m.book.get(m.key)?.mute?.remaining, 5);
});
