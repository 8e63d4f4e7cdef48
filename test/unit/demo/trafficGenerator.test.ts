// The demo generator is the ground truth other tests rely on: it must be deterministic and its
// truth must agree with itself and with the events it yields.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../src/core/logEvent';
import { DEMO_FUNCTIONS } from '../../../src/demo/scenarios';
import { TrafficGenerator } from '../../../src/demo/trafficGenerator';

const MINUTE = 60_000;

function take(options: ConstructorParameters<typeof TrafficGenerator>[0]): { events: LogEvent[]; generator: TrafficGenerator } {
  const generator = new TrafficGenerator(options);
  return { events: [...generator], generator };
}

describe('TrafficGenerator', () => {
  test('the same seed gives the same events; another seed gives others', () => {
    const a = take({ seed: 11, maxInvocations: 800 }).events;
    const b = take({ seed: 11, maxInvocations: 800 }).events;
    const c = take({ seed: 12, maxInvocations: 800 }).events;
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.map((e) => e.message), c.map((e) => e.message));
  });

  test('unique event ids; each stream in time order, as Lambda writes it', () => {
    const { events } = take({ seed: 2, durationMs: 10 * MINUTE, hostileEvery: 5 });
    assert.equal(new Set(events.map((e) => e.eventId)).size, events.length, 'event ids unique');
    const newest = new Map<string, number>();
    for (const e of events) {
      const key = `${e.logGroupName} ${e.logStreamName}`;
      assert.ok(e.timestamp >= (newest.get(key) ?? Number.NEGATIVE_INFINITY), `${key}: in time order`);
      newest.set(key, e.timestamp);
    }
    assert.ok(newest.size > 5, 'several streams');
  });

  // Cold starts used to yield INIT_START after later events of other streams (fixed in 249f446).
  test('events come out in time order across streams, as FilterLogEvents returns them', () => {
    const { events } = take({ seed: 2, durationMs: 10 * MINUTE, hostileEvery: 5 });
    for (let i = 1; i < events.length; i++) {
      const e = events[i] as LogEvent;
      const prev = events[i - 1] as LogEvent;
      assert.ok(e.timestamp >= prev.timestamp, `event ${i} (${e.message.slice(0, 40)}) is ${prev.timestamp - e.timestamp} ms before the one yielded ahead of it`);
    }
  });

  test('the truth agrees with itself and with the events yielded', () => {
    const { events, generator } = take({ seed: 9, durationMs: 20 * MINUTE, keepDurations: true, rateScale: 0.5 });
    for (const fn of DEMO_FUNCTIONS) {
      const t = generator.truth.get(fn.name);
      assert.ok(t, fn.name);
      assert.equal(t.failures, t.errors + t.timeouts + t.outOfMemory + t.initErrors + t.crashes, `${fn.name}: failures`);
      const issueCount = [...t.issues.values()].reduce((n, i) => n + i.count, 0);
      assert.equal(issueCount, t.failures + t.handledErrors, `${fn.name}: one issue occurrence per failure or handled error`);
      assert.equal(t.durations.length, t.invocations, `${fn.name}: durations`);
      assert.equal(t.initDurations.length, t.coldStarts, `${fn.name}: init durations`);
      const own = events.filter((e) => e.logGroupName === `/aws/lambda/${fn.name}`);
      assert.equal(own.length, t.events, `${fn.name}: events`);
      // One START (text or JSON platform.start) per invocation.
      const starts = own.filter((e) => e.message.startsWith('START RequestId:') || e.message.includes('"type":"platform.start"')).length;
      assert.equal(starts, t.invocations, `${fn.name}: starts`);
      for (const [id, issue] of t.issues) {
        const scenario = fn.scenarios.find((s) => s.id === id);
        assert.ok(scenario, id);
        assert.equal(issue.title, scenario.expectedTitle);
        assert.equal(issue.kind, scenario.kind);
      }
    }
  });

  test('maxInvocations stops the traffic; without durationMs or maxInvocations it refuses to start', () => {
    const { generator } = take({ seed: 4, maxInvocations: 500 });
    assert.equal([...generator.truth.values()].reduce((n, t) => n + t.invocations, 0), 500);
    assert.throws(() => [...new TrafficGenerator({ seed: 4 })], /durationMs or maxInvocations/);
  });

  test('hostileEvery puts fake platform text inside application lines only', () => {
    const { events } = take({ seed: 5, durationMs: 5 * MINUTE, hostileEvery: 2 });
    const hostile = events.filter((e) => e.message.includes('fake-request') || e.message.includes('00000000-0000-0000-0000-000000000000'));
    assert.ok(hostile.length > 10);
    for (const e of hostile) assert.ok(!e.message.startsWith('START') && !e.message.startsWith('REPORT'), e.message);
  });

  test('scenario kinds match their outcomes where the outcome decides the kind', () => {
    for (const fn of DEMO_FUNCTIONS) {
      for (const s of fn.scenarios) {
        if (s.outcome === 'timeout') assert.equal(s.kind, 'timeout', s.id);
        if (s.outcome === 'outOfMemory') assert.equal(s.kind, 'outOfMemory', s.id);
      }
    }
  });
});
