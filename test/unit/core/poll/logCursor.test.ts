import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogCursor, MAX_WINDOW_MS } from '../../../../src/core/poll/logCursor';
import type { LogEvent } from '../../../../src/core/logEvent';

const T0 = Date.UTC(2026, 10, 26, 12);
const ev = (id: string, offset: number): LogEvent => ({ logGroupName: '/aws/lambda/a', logStreamName: 's', timestamp: T0 + offset, message: `m${id}`, eventId: id });

test('the next window starts one overlap before the last complete read, the first one lookback ago', () => {
  const cursor = new LogCursor('/aws/lambda/a', 30_000);
  assert.deepEqual(cursor.window(T0, 5 * 60_000, 10_800_000), { start: T0 - 5 * 60_000, end: T0 });
  cursor.pageRead(undefined);
  assert.equal(cursor.completeUpTo, T0);
  assert.ok(cursor.caughtUp(T0));
  assert.deepEqual(cursor.window(T0 + 60_000, 900_000, 10_800_000), { start: T0 - 30_000, end: T0 + 60_000 });
});

test('a window cut short resumes from its page token, and re-read events are recognised', () => {
  const cursor = new LogCursor('/aws/lambda/a', 30_000);
  cursor.window(T0, 60_000, 10_800_000);
  assert.equal(cursor.admit(ev('1', -50_000)), true);
  cursor.pageRead('page-2');
  assert.equal(cursor.caughtUp(T0), false);
  // The next cycle (after a failure) resumes the same window at page 2.
  assert.deepEqual(cursor.window(T0 + 60_000, 60_000, 10_800_000), { start: T0 - 60_000, end: T0, nextToken: 'page-2' });
  assert.equal(cursor.admit(ev('1', -50_000)), false);
  assert.equal(cursor.admit(ev('2', -10_000)), true);
  cursor.pageRead(undefined);
  assert.equal(cursor.completeUpTo, T0);
  // Only the overlap's events are remembered: event 1 is older than T0 − 30 s.
  assert.equal(cursor.rememberedEvents, 1);
  const next = cursor.window(T0 + 60_000, 60_000, 10_800_000);
  assert.equal(next?.start, T0 - 30_000);
  assert.equal(cursor.admit(ev('2', -10_000)), false, 'an event of the overlap read again is skipped');
  assert.equal(cursor.admit(ev('3', 5_000)), true);
});

test('a window whose page token expired is read again from its start; what was delivered is recognised', () => {
  const cursor = new LogCursor('/aws/lambda/a', 30_000);
  cursor.window(T0, 120_000, 10_800_000);
  for (const id of ['1', '2', '3']) assert.equal(cursor.admit(ev(id, -100_000 + Number(id))), true);
  cursor.pageRead('stale-token');
  cursor.restartWindow();
  assert.deepEqual(cursor.window(T0 + 86_400_000, 120_000, 10_800_000), { start: T0 - 120_000, end: T0 });
  for (const id of ['1', '2', '3']) assert.equal(cursor.admit(ev(id, -100_000 + Number(id))), false);
  assert.equal(cursor.admit(ev('4', -1_000)), true);
});

test('a long catch-up is read in windows of at most fifteen minutes, so memory stays bounded', () => {
  const cursor = new LogCursor('/aws/lambda/a', 30_000);
  const now = T0 + 3 * 3_600_000;
  let windows = 0;
  cursor.window(T0, 60_000, 10_800_000);
  cursor.pageRead(undefined);
  while (!cursor.caughtUp(now)) {
    const w = cursor.window(now, 60_000, 4 * 3_600_000);
    assert.ok(w && w.end - w.start <= MAX_WINDOW_MS);
    for (let i = 0; i < 100; i++) cursor.admit(ev(`${windows}-${i}`, w.start - T0 + i * 6000));
    cursor.pageRead(undefined);
    assert.ok(cursor.rememberedEvents <= 200, `remembered ${cursor.rememberedEvents}`);
    windows++;
  }
  assert.ok(windows >= 12 && windows <= 14, `${windows} windows`);
});

test('a clock that steps back never moves the cursor back, and asks for nothing', () => {
  const cursor = new LogCursor('/aws/lambda/a', 30_000);
  cursor.window(T0, 60_000, 10_800_000);
  cursor.pageRead(undefined);
  assert.equal(cursor.window(T0 - 5 * 60_000, 60_000, 10_800_000), undefined);
  assert.equal(cursor.completeUpTo, T0);
});

test('a denied group drops its window: the next read starts afresh', () => {
  const cursor = new LogCursor('/aws/lambda/a', 30_000);
  cursor.window(T0, 60_000, 10_800_000);
  cursor.pageRead('p2');
  cursor.dropWindow();
  assert.equal(cursor.hasPendingWindow, false);
  assert.deepEqual(cursor.window(T0 + 60_000, 60_000, 10_800_000), { start: T0, end: T0 + 60_000 });
});

test('events without an eventId are told apart by stream, time and text', () => {
  const cursor = new LogCursor('/aws/lambda/a', 30_000);
  const a: LogEvent = { logGroupName: 'g', logStreamName: 's', timestamp: T0, message: 'x' };
  assert.equal(cursor.admit(a), true);
  assert.equal(cursor.admit({ ...a }), false);
  assert.equal(cursor.admit({ ...a, message: 'y' }), true);
  assert.equal(cursor.admit({ ...a, logStreamName: 't' }), true);
});

test('a function back from a long idle period is read from the maximum lookback, not from its old cursor', () => {
  const cursor = new LogCursor('/aws/lambda/a', 30_000);
  cursor.window(T0, 60_000, 3_600_000);
  cursor.pageRead(undefined);
  const later = T0 + 24 * 3_600_000;
  assert.equal(cursor.window(later, 60_000, 3_600_000)?.start, later - 3_600_000);
});
