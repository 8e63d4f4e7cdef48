import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogCursor } from '../../../../src/core/poll/logCursor';
import type { LogEvent } from '../../../../src/core/logEvent';

const T0 = Date.UTC(2026, 10, 26, 12);
const ev = (id: string, offset: number): LogEvent => ({ logGroupName: '/aws/lambda/a', logStreamName: 's', timestamp: T0 + offset, message: `m${id}`, eventId: id });

test('the next window starts one overlap before the last complete read, the first one lookback ago', () => {
  const cursor = new LogCursor('/aws/lambda/a', 30_000);
  assert.deepEqual(cursor.window(T0, 900_000, 10_800_000), { start: T0 - 900_000, end: T0 });
  cursor.pageRead(undefined);
  assert.equal(cursor.completeUpTo, T0);
  assert.deepEqual(cursor.window(T0 + 60_000, 900_000, 10_800_000), { start: T0 - 30_000, end: T0 + 60_000 });
});

test('a window cut short resumes from its page token, and re-read events are recognised', () => {
  const cursor = new LogCursor('/aws/lambda/a', 30_000);
  cursor.window(T0, 60_000, 10_800_000);
  assert.equal(cursor.admit(ev('1', -50_000)), true);
  cursor.pageRead('page-2');
  // The next cycle (after a failure) resumes the same window at page 2.
  assert.deepEqual(cursor.window(T0 + 60_000, 60_000, 10_800_000), { start: T0 - 60_000, end: T0, nextToken: 'page-2' });
  assert.equal(cursor.admit(ev('1', -50_000)), false);
  assert.equal(cursor.admit(ev('2', -10_000)), true);
  cursor.pageRead(undefined);
  assert.equal(cursor.completeUpTo, T0);
  // Only the overlap's events are remembered: event 1 is older than T0 − 30 s.
  assert.equal(cursor.rememberedEvents, 1);
  const next = cursor.window(T0 + 60_000, 60_000, 10_800_000);
  assert.equal(next.start, T0 - 30_000);
  assert.equal(cursor.admit(ev('2', -10_000)), false, 'an event of the overlap read again is skipped');
  assert.equal(cursor.admit(ev('3', 5_000)), true);
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
  assert.equal(cursor.window(later, 60_000, 3_600_000).start, later - 3_600_000);
});
