// Every regression alerts, the second in a session too: resolved, occurred again → alert;
// resolved again, occurred again → alert again. The same change delivered twice alerts once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertEngine, type IssueEvent } from '../../../../src/core/alerts/alertEngine';
import { DEFAULT_RULE } from '../../../../src/core/alerts/alertRules';
import { IssueTracker } from '../../../../src/core/issues/issueTracker';
import { IssueStateBook, issueKey } from '../../../../src/core/issues/issueStateBook';
import type { StateChange } from '../../../../src/core/issues/issueStates';

const T0 = Date.UTC(2026, 10, 26, 9);
const MIN = 60_000;
const place = { owner: '123456789012', region: 'us-east-1', functionName: 'checkout-api' };
const error = { type: 'TypeError', message: "Cannot read properties of undefined (reading 'total')", frames: [{ file: '/var/task/index.js', function: 'handler', line: 12, column: 7, inApp: true, raw: 'at handler (/var/task/index.js:12:7)' }] };

test('resolve, regress, alert; resolve again, regress again, alert again', () => {
  const tracker = new IssueTracker();
  const book = new IssueStateBook();
  const engine = new AlertEngine({ rules: () => [DEFAULT_RULE] });
  let n = 0;
  const occur = (time: number) => tracker.record({ functionName: 'checkout-api', status: 'error', error, time, requestId: `7c0e6f2a-0000-4000-8000-${String(++n).padStart(12, '0')}` });
  // The events as the alert dispatcher makes them from a poll's changes: the engine's figures of the issue.
  const events = (changes: readonly StateChange[]): IssueEvent[] =>
    changes.map((c) => {
      const issue = tracker.all()[0];
      assert.ok(issue);
      return { key: c.key, to: c.to, from: c.from, profile: 'prod', region: 'us-east-1', functionName: 'checkout-api', fingerprint: issue.fingerprint, title: issue.title, kind: issue.kind, count: issue.count, firstSeen: issue.firstSeen, lastSeen: issue.lastSeen };
    });
  const poll = (now: number) => {
    const changes = book.sync(place, tracker.all(), now);
    return { changes, alerts: engine.issueAlerts(events(changes), now) };
  };

  occur(T0);
  assert.deepEqual(poll(T0 + MIN).alerts.map((a) => a.kind), ['newIssue']);
  const key = issueKey(place, tracker.all()[0]?.fingerprint ?? '');
  for (const round of [1, 2, 3]) {
    const at = T0 + round * 10 * MIN;
    book.resolve(key, 'Ada', at);
    occur(at + 2 * MIN);
    const { changes, alerts } = poll(at + 3 * MIN);
    assert.deepEqual(changes.map((c) => c.to), ['regressed'], `round ${round}`);
    assert.deepEqual(alerts.map((a) => a.kind), ['regression'], `regression ${round} alerts`);
    assert.match(alerts[0]?.detail ?? '', new RegExp(`\\(${round + 1}× in all\\)`));
    assert.deepEqual(engine.issueAlerts(events(changes), at + 4 * MIN), [], 'the same regression delivered again: no second alert');
  }
  // A new issue is news once, whatever comes after.
  assert.deepEqual(engine.issueAlerts(events([{ key, from: undefined, to: 'open', transition: { at: T0, by: 'Lambdascope', to: 'open' } }]), T0 + 60 * MIN), []);
});
