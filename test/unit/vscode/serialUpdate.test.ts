import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { SerialUpdate } from '../../../src/vscode/editor/serialUpdate';

test('requests within the delay are coalesced into one run', async () => {
  let runs = 0;
  const u = new SerialUpdate(async () => {
    runs++;
  });
  for (let i = 0; i < 5; i++) u.schedule(20);
  await sleep(80);
  assert.equal(runs, 1);
  u.dispose();
});

test('one run at a time; a request during a run runs it once more after', async () => {
  let running = 0;
  let most = 0;
  let runs = 0;
  const u = new SerialUpdate(async () => {
    running++;
    most = Math.max(most, running);
    runs++;
    await sleep(30);
    running--;
  });
  const first = u.now();
  await u.now();
  await u.now();
  await first;
  assert.equal(runs, 1, 'the requests during the run wait for it');
  await sleep(600);
  assert.equal(runs, 2, 'then one more run, not two');
  assert.equal(most, 1);
  u.dispose();
});

test('nothing runs after dispose, and a failing run does not stop the next', async () => {
  let runs = 0;
  const u = new SerialUpdate(async () => {
    runs++;
    if (runs === 1) throw new Error('boom');
  });
  await assert.rejects(u.now(), /boom/);
  await u.now();
  assert.equal(runs, 2);
  u.schedule(10);
  u.dispose();
  await sleep(40);
  await u.now();
  assert.equal(runs, 2);
});
