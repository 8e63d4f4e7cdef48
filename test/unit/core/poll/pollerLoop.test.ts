// start()'s loop: a listener that throws must not end polling, and a refresh asked for while a
// cycle runs is not lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { VirtualClock } from '../../../../src/core/clock';
import { AccountPoller } from '../../../../src/core/poll/accountPoller';
import type { AccountSources } from '../../../../src/core/ports';
import { DemoAccount } from '../../../../src/demo/demoAccount';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const MINUTE = 60_000;

test('an onCycle listener that throws does not stop polling, and the error is reported', async () => {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 8, historyMs: 5 * MINUTE });
  let cycles = 0;
  const reported: unknown[] = [];
  const poller = new AccountPoller({
    sources: demo,
    analyzer: new Analyzer(),
    clock,
    onCycleError: (error) => reported.push(error),
    onCycle: () => {
      cycles++;
      if (cycles === 4) poller.stop();
      // A view that failed to refresh, on the second cycle.
      if (cycles === 2) throw new TypeError("Cannot read properties of undefined (reading 'name')");
    },
  });
  await poller.start();
  assert.equal(cycles, 4, 'the cycles after the failing listener ran');
  assert.equal(reported.length, 1);
  assert.match(String(reported[0]), /TypeError: Cannot read properties of undefined/);
  assert.ok(clock.now() - T0 >= 3 * MINUTE, 'still an interval apart');
});

test('resume() while a cycle runs starts the next cycle right after it, not an interval later', async () => {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 8, historyMs: 5 * MINUTE });
  const starts: number[] = [];
  let clicked = false;
  const sources: AccountSources = {
    catalog: demo.catalog,
    metrics: {
      getMetrics: async (queries, window, signal) => {
        // The Refresh click lands while the first cycle is reading metrics.
        if (!clicked) {
          clicked = true;
          poller.resume();
        }
        await clock.sleep(2_000, signal);
        return demo.metrics.getMetrics(queries, window, signal);
      },
    },
    logs: demo.logs,
  };
  const poller: AccountPoller = new AccountPoller({
    sources,
    analyzer: new Analyzer(),
    clock,
    intervalMs: 10 * MINUTE,
    onCycle: (summary) => {
      starts.push(summary.startedAt);
      if (starts.length === 3) poller.stop();
    },
  });
  await poller.start();
  assert.equal(starts.length, 3);
  assert.ok((starts[1] as number) - (starts[0] as number) < MINUTE, `the asked-for cycle followed at once (${((starts[1] as number) - (starts[0] as number)) / 1000} s)`);
  assert.ok((starts[2] as number) - (starts[1] as number) >= 10 * MINUTE, 'one extra cycle, then the interval again');
});
