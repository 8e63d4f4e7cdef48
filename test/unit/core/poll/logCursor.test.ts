import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogCursor, MAX_WINDOW_MS } from '../../../../src/core/poll/logCursor';
import type { LogEvent } from '../../../../src/core/logEvent';

const T0 = Date.UTC(2026, 10, 26, 12);
/** Fixed margins: a 30 s overlap, logs complete at each read's end. */
const FIXED = { overlapMs: 30_000, lagMs: 0 };
const ev = (id: string, offset: number): LogEvent => ({ logGroupName: '/aws/lambda/a', logStreamName: 's', timestamp: T0 + offset, message: `m${id}`, eventId: id });

test('the next window starts one overlap before the last complete read, the first one lookback ago', () => {
  const cursor = new LogCursor('/aws/lambda/a', FIXED);
  assert.deepEqual(cursor.window(T0, 5 * 60_000, 10_800_000), { start: T0 - 5 * 60_000, end: T0, catchingUp: true });
  cursor.pageRead(undefined);
  assert.equal(cursor.completeUpTo, T0);
  assert.ok(cursor.caughtUp(T0));
  assert.deepEqual(cursor.window(T0 + 60_000, 900_000, 10_800_000), { start: T0 - 30_000, end: T0 + 60_000, catchingUp: false });
});

test('a window cut short resumes from its page token, and re-read events are recognised', () => {
  const cursor = new LogCursor('/aws/lambda/a', FIXED);
  cursor.window(T0, 60_000, 10_800_000);
  assert.equal(cursor.admit(ev('1', -50_000)), true);
  cursor.pageRead('page-2');
  assert.equal(cursor.caughtUp(T0), false);
  // The next cycle (after a failure) resumes the same window at page 2.
  assert.deepEqual(cursor.window(T0 + 60_000, 60_000, 10_800_000), { start: T0 - 60_000, end: T0, nextToken: 'page-2', catchingUp: true });
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
  const cursor = new LogCursor('/aws/lambda/a', FIXED);
  cursor.window(T0, 120_000, 10_800_000);
  for (const id of ['1', '2', '3']) assert.equal(cursor.admit(ev(id, -100_000 + Number(id))), true);
  cursor.pageRead('stale-token');
  cursor.restartWindow();
  assert.deepEqual(cursor.window(T0 + 86_400_000, 120_000, 10_800_000), { start: T0 - 120_000, end: T0, catchingUp: true });
  for (const id of ['1', '2', '3']) assert.equal(cursor.admit(ev(id, -100_000 + Number(id))), false);
  assert.equal(cursor.admit(ev('4', -1_000)), true);
});

test('a long catch-up is read in windows of at most fifteen minutes, so memory stays bounded', () => {
  const cursor = new LogCursor('/aws/lambda/a', FIXED);
  const now = T0 + 3 * 3_600_000;
  let windows = 0;
  cursor.window(T0, 60_000, 10_800_000);
  cursor.pageRead(undefined);
  while (!cursor.caughtUp(now)) {
    const w = cursor.window(now, 60_000, 4 * 3_600_000);
    // Fifteen minutes of new time, plus the overlap re-read (which may be widened past fifteen
    // minutes itself: a window capped whole would then never reach the present).
    assert.ok(w && w.end - w.start <= MAX_WINDOW_MS + FIXED.overlapMs);
    for (let i = 0; i < 100; i++) cursor.admit(ev(`${windows}-${i}`, w.start - T0 + i * 6000));
    cursor.pageRead(undefined);
    assert.ok(cursor.rememberedEvents <= 200, `remembered ${cursor.rememberedEvents}`);
    windows++;
  }
  assert.ok(windows >= 12 && windows <= 14, `${windows} windows`);
});

test('a clock that steps back never moves the cursor back, and asks for nothing', () => {
  const cursor = new LogCursor('/aws/lambda/a', FIXED);
  cursor.window(T0, 60_000, 10_800_000);
  cursor.pageRead(undefined);
  assert.equal(cursor.window(T0 - 5 * 60_000, 60_000, 10_800_000), undefined);
  assert.equal(cursor.completeUpTo, T0);
});

test('a denied group drops its window: the next read starts afresh', () => {
  const cursor = new LogCursor('/aws/lambda/a', FIXED);
  cursor.window(T0, 60_000, 10_800_000);
  cursor.pageRead('p2');
  cursor.dropWindow();
  assert.equal(cursor.hasPendingWindow, false);
  assert.deepEqual(cursor.window(T0 + 60_000, 60_000, 10_800_000), { start: T0, end: T0 + 60_000, catchingUp: true });
});

test('events without an eventId are told apart by stream, time and text', () => {
  const cursor = new LogCursor('/aws/lambda/a', FIXED);
  const a: LogEvent = { logGroupName: 'g', logStreamName: 's', timestamp: T0, message: 'x' };
  assert.equal(cursor.admit(a), true);
  assert.equal(cursor.admit({ ...a }), false);
  assert.equal(cursor.admit({ ...a, message: 'y' }), true);
  assert.equal(cursor.admit({ ...a, logStreamName: 't' }), true);
});

test('a function back from a long idle period is read from the maximum lookback, not from its old cursor', () => {
  const cursor = new LogCursor('/aws/lambda/a', FIXED);
  cursor.window(T0, 60_000, 3_600_000);
  cursor.pageRead(undefined);
  const later = T0 + 24 * 3_600_000;
  assert.equal(cursor.window(later, 60_000, 3_600_000)?.start, later - 3_600_000);
});

test('logs are complete up to the read end less the lag with which events still arrive', () => {
  const margins = { overlapMs: 180_000, lagMs: 45_000 };
  const cursor = new LogCursor('/aws/lambda/a', margins);
  cursor.window(T0, 60_000, 10_800_000);
  cursor.pageRead(undefined);
  assert.equal(cursor.completeUpTo, T0 - 45_000);
  assert.ok(cursor.caughtUp(T0), 'caught up with the clock all the same: nothing more to ask for now');
  margins.lagMs = 90_000;
  assert.equal(cursor.completeUpTo, T0 - 90_000, 'the lag is read at the time of asking');
});

test('an overlap widened after events were forgotten reaches back only as far as they are remembered', () => {
  const margins = { overlapMs: 60_000, lagMs: 0 };
  const cursor = new LogCursor('/aws/lambda/a', margins);
  cursor.window(T0, 600_000, 10_800_000);
  for (let i = 0; i < 10; i++) cursor.admit(ev(`${i}`, -i * 30_000 - 1));
  cursor.pageRead(undefined);
  // Events more than a minute before the newest are forgotten; a wider overlap must not re-deliver them.
  assert.equal(cursor.rememberedEvents, 2);
  margins.overlapMs = 5 * 60_000;
  const w = cursor.window(T0 + 60_000, 600_000, 10_800_000);
  assert.equal(w?.start, T0 - 60_000);
  for (let i = 0; i < 2; i++) assert.equal(cursor.admit(ev(`${i}`, -i * 30_000 - 1)), false, `event ${i} is still remembered`);
  cursor.pageRead(undefined);
  assert.equal(cursor.window(T0 + 5 * 60_000, 600_000, 10_800_000)?.start, T0 - 60_000, 'still no further back than remembered');
  cursor.pageRead(undefined);
  // Once the wider overlap no longer reaches what was forgotten, it is kept in full.
  assert.equal(cursor.window(T0 + 8 * 60_000, 600_000, 10_800_000)?.start, T0);
});

test('events are remembered for an overlap before the newest one, not before a read end a fast clock put in the future', () => {
  const margins = { overlapMs: 60_000, lagMs: 0 };
  const cursor = new LogCursor('/aws/lambda/a', margins);
  // The local clock is 10 minutes ahead: the newest event is 10 minutes before the read's end.
  cursor.window(T0 + 600_000, 900_000, 10_800_000);
  for (let i = 0; i < 5; i++) cursor.admit(ev(`${i}`, -i * 20_000));
  cursor.pageRead(undefined);
  assert.equal(cursor.rememberedEvents, 3, 'the events of the minute up to the newest');
  // The clock found ahead widens the overlap: the read starts where the events are remembered.
  margins.overlapMs = 22 * 60_000;
  assert.equal(cursor.window(T0 + 660_000, 900_000, 10_800_000)?.start, T0 + 1 - 60_000);
});

test('events of one millisecond are told apart by id (or, without one, by stream and text); each is delivered once', () => {
  const cursor = new LogCursor('/aws/lambda/a', FIXED);
  cursor.window(T0, 60_000, 10_800_000);
  const ids = Array.from({ length: 50 }, (_, i) => `3799${String(i).padStart(52, '0')}`);
  for (const id of ids) assert.equal(cursor.admit(ev(id, -1_000)), true, id);
  for (const id of ids) assert.equal(cursor.admit(ev(id, -1_000)), false, `${id} again`);
  const bare = (stream: string, message: string): LogEvent => ({ logGroupName: '/aws/lambda/a', logStreamName: stream, timestamp: T0 - 1_000, message });
  assert.equal(cursor.admit(bare('s1', 'START RequestId: a')), true);
  assert.equal(cursor.admit(bare('s2', 'START RequestId: a')), true, 'the same text in another stream');
  assert.equal(cursor.admit(bare('s1', 'START RequestId: a')), false);
  assert.equal(cursor.rememberedEvents, 52);
  cursor.pageRead(undefined);
  assert.equal(cursor.rememberedEvents, 52, 'all within the overlap');
  cursor.window(T0 + 120_000, 60_000, 10_800_000);
  assert.equal(cursor.admit(ev('later', 100_000)), true);
  cursor.pageRead(undefined);
  assert.equal(cursor.rememberedEvents, 1, 'forgotten once older than the overlap before the newest event');
});
