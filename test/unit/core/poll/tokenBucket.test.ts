import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../../src/core/clock';
import { TokenBucket } from '../../../../src/core/poll/tokenBucket';
import { fullJitterDelay, DEFAULT_BACKOFF } from '../../../../src/core/poll/backoff';

const T0 = Date.UTC(2026, 10, 26, 12);

test('a token bucket never lets more than its rate through after the burst', async () => {
  const clock = new VirtualClock(T0);
  const bucket = new TokenBucket(3, 3, clock);
  const times: number[] = [];
  await Promise.all(Array.from({ length: 30 }, async () => {
    await bucket.take();
    times.push(clock.now() - T0);
  }));
  assert.equal(times.length, 30);
  // 3 at once, then one every 333 ms: the 30th after 27 more tokens ≈ 9 s.
  assert.equal(times.filter((t) => t === 0).length, 3);
  assert.ok(Math.abs((times[29] as number) - 9000) <= 10, `last token at ${times[29]} ms`);
  // In any one-second window no more than burst + rate calls.
  for (const t of times) assert.ok(times.filter((u) => u >= t && u < t + 1000).length <= 6);
});

test('waiters are served in arrival order and an aborted waiter does not block the others', async () => {
  const clock = new VirtualClock(T0);
  const bucket = new TokenBucket(1, 1, clock);
  const order: string[] = [];
  const controller = new AbortController();
  await bucket.take();
  const a = bucket.take(controller.signal).then(() => order.push('a'), () => order.push('a aborted'));
  const b = bucket.take().then(() => order.push('b'));
  controller.abort();
  await Promise.all([a, b]);
  assert.deepEqual(order, ['a aborted', 'b']);
});

test('a bucket refuses nonsense rates', () => {
  assert.throws(() => new TokenBucket(0, 1, new VirtualClock(T0)), RangeError);
});

test('full jitter stays between 0 and the capped exponential ceiling', () => {
  for (let attempt = 1; attempt < 40; attempt++) {
    const ceiling = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** attempt);
    assert.equal(fullJitterDelay(attempt, DEFAULT_BACKOFF, () => 0), 0);
    const high = fullJitterDelay(attempt, DEFAULT_BACKOFF, () => 0.999999);
    assert.ok(high < ceiling && high >= ceiling - 1, `attempt ${attempt}: ${high} vs ${ceiling}`);
  }
});

test('a clock stepped back an hour costs one refill interval, not the hour', async () => {
  const clock = new VirtualClock(T0);
  const bucket = new TokenBucket(3, 3, clock);
  for (let i = 0; i < 3; i++) await bucket.take();
  clock.advance(-3_600_000);
  const before = clock.now();
  await bucket.take();
  assert.ok(clock.now() - before <= 334, `waited ${clock.now() - before} ms`);
  // And the rate holds afterwards: three more tokens take a second.
  for (let i = 0; i < 3; i++) await bucket.take();
  assert.ok(Math.abs(clock.now() - before - 1334) <= 2, `four tokens after the step in ${clock.now() - before} ms`);
});
