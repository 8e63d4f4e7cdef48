import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachLimited } from '../../../src/core/concurrency';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('every item once, in order of start, never more than the limit at a time', async () => {
  const started: number[] = [];
  let running = 0;
  let most = 0;
  await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    started.push(n);
    most = Math.max(most, ++running);
    for (let i = 0; i < n % 3; i++) await tick();
    running--;
  });
  assert.deepEqual(started, [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(most, 3);
});

test('no item is started once stop() is true; an empty list and a limit of 0 are fine', async () => {
  const done: number[] = [];
  await forEachLimited([1, 2, 3, 4, 5], 2, async (n) => {
    await tick();
    done.push(n);
  }, () => done.length >= 1);
  // 1 and 2 start together; once 1 is done, nothing more starts.
  assert.deepEqual(done, [1, 2]);
  await forEachLimited([], 4, async () => assert.fail('no item'));
  const one: number[] = [];
  await forEachLimited([9], 0, async (n) => void one.push(n));
  assert.deepEqual(one, [9]);
});

test('a task that throws rejects the whole', async () => {
  await assert.rejects(forEachLimited([1, 2, 3], 2, async (n) => {
    if (n === 2) throw new Error('denied');
  }), /denied/);
});
