import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IssueTracker, type Issue, type Occurrence } from '../../../../src/core/issues/issueTracker';
import { issueSignature } from '../../../../src/core/issues/fingerprint';
import { framesFromStackArray } from '../../../../src/core/issues/stackFrames';
import type { ErrorInfo } from '../../../../src/core/logs/parsedLine';

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);

function typeError(prop: string, file = '/var/task/index.js'): ErrorInfo {
  const message = `Cannot read properties of undefined (reading '${prop}')`;
  return { type: 'TypeError', message, frames: framesFromStackArray([`TypeError: ${message}`, `    at handler (${file}:3:3)`]) };
}

function occ(time: number, requestId: string | undefined, error: ErrorInfo, status: Occurrence['status'] = 'error', functionName = 'api'): Occurrence {
  return requestId === undefined ? { functionName, status, error, time } : { functionName, status, error, time, requestId };
}

function recordAll(occurrences: readonly Occurrence[]): IssueTracker {
  const tracker = new IssueTracker();
  for (const o of occurrences) tracker.record(o);
  return tracker;
}

/** A deterministic PRNG (mulberry32) so that failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Everything observable about the tracker's issues, keyed by fingerprint (Map order is arrival order). */
function snapshot(tracker: IssueTracker): unknown[] {
  return tracker
    .all()
    .map((i: Issue) => ({ ...i, requestIds: [...i.requestIds], requestTimes: [...i.requestTimes] }))
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
}

describe('IssueTracker: counting', () => {
  test('occurrences of one bug group into one issue with count, firstSeen, lastSeen and latest', () => {
    const tracker = new IssueTracker();
    const first = typeError('id');
    const middle = typeError('name');
    const last = typeError('email');
    tracker.record(occ(T0 + 5_000, 'r2', middle));
    tracker.record(occ(T0 + 9_000, 'r3', last));
    const issue = tracker.record(occ(T0, 'r1', first));
    assert.ok(issue);
    assert.equal(tracker.all().length, 1);
    assert.equal(issue.count, 3);
    assert.equal(issue.firstSeen, T0);
    assert.equal(issue.lastSeen, T0 + 9_000);
    assert.equal(issue.latest, last);
    assert.equal(issue.latestId, 'r3');
    assert.equal(issue.title, "TypeError: Cannot read properties of undefined (reading '<str>')");
    assert.equal(issue.functionName, 'api');
    assert.equal(issue.kind, 'error');
    assert.equal(issue.culprit, '/var/task/index.js in handler');
    assert.deepEqual(issue.requestIds, ['r1', 'r2', 'r3']);
    assert.deepEqual(issue.requestTimes, [T0, T0 + 5_000, T0 + 9_000]);
    assert.equal(tracker.get(issue.fingerprint), issue);
    assert.equal(issue.fingerprint, issueSignature('api', 'error', first).fingerprint);
  });

  test('different bugs are different issues', () => {
    const tracker = recordAll([
      occ(T0, 'r1', typeError('id', '/var/task/a.js')),
      occ(T0, 'r2', typeError('id', '/var/task/b.js')),
      occ(T0, 'r3', typeError('id', '/var/task/a.js'), 'error', 'other-fn'),
    ]);
    assert.equal(tracker.all().length, 3);
    assert.deepEqual(tracker.all().map((i) => i.count), [1, 1, 1]);
  });

  test('a request id seen twice is kept once, while both occurrences count', () => {
    const tracker = recordAll([occ(T0, 'r1', typeError('a')), occ(T0, 'r1', typeError('b')), occ(T0 + 1, 'r2', typeError('c'))]);
    const [issue] = tracker.all();
    assert.equal(issue?.count, 3);
    assert.deepEqual(issue?.requestIds, ['r1', 'r2']);
    assert.deepEqual(issue?.requestTimes, [T0, T0 + 1]);
  });

  test('occurrences without a request id count but add no id', () => {
    const tracker = recordAll([occ(T0, undefined, typeError('a'), 'initError'), occ(T0 + 1, undefined, typeError('b'), 'initError')]);
    const [issue] = tracker.all();
    assert.equal(issue?.count, 2);
    assert.deepEqual(issue?.requestIds, []);
    assert.equal(issue?.lastSeen, T0 + 1);
  });

  test('request ids are capped at 50, keeping the newest by time, oldest first', () => {
    const all = Array.from({ length: 120 }, (_, i) => occ(T0 + i * 1000, `req-${String(i).padStart(3, '0')}`, typeError(`p${i}`)));
    const expectedIds = Array.from({ length: 50 }, (_, k) => `req-${String(70 + k).padStart(3, '0')}`);
    const expectedTimes = Array.from({ length: 50 }, (_, k) => T0 + (70 + k) * 1000);
    for (const order of [all, [...all].reverse(), shuffled(all, 1), shuffled(all, 2)]) {
      const [issue] = recordAll(order).all();
      assert.equal(issue?.count, 120);
      assert.deepEqual(issue?.requestIds, expectedIds);
      assert.deepEqual(issue?.requestTimes, expectedTimes);
      assert.equal(issue?.firstSeen, T0);
      assert.equal(issue?.lastSeen, T0 + 119_000);
      assert.equal(issue?.latestId, 'req-119');
    }
  });

  test('at the cap, an occurrence older than every kept one is dropped from the ids but counted', () => {
    const tracker = new IssueTracker();
    for (let i = 0; i < 50; i++) tracker.record(occ(T0 + 1000 + i, `new-${i}`, typeError('x')));
    const issue = tracker.record(occ(T0, 'old', typeError('x')));
    assert.equal(issue?.count, 51);
    assert.equal(issue?.requestIds.length, 50);
    assert.equal(issue?.requestIds.includes('old'), false);
    assert.equal(issue?.firstSeen, T0);
  });

  test('more than 1,000 distinct issues overflow instead of growing', () => {
    const tracker = new IssueTracker();
    for (let i = 0; i < 1000; i++) {
      assert.ok(tracker.record(occ(T0, `r${i}`, { type: `Error${i}`, message: 'boom', frames: [] })));
    }
    assert.equal(tracker.record(occ(T0, 'rx', { type: 'ErrorX', message: 'boom', frames: [] })), undefined);
    assert.equal(tracker.overflow, 1);
    assert.equal(tracker.all().length, 1000);
    // An existing issue still records.
    assert.equal(tracker.record(occ(T0 + 1, 'ry', { type: 'Error7', message: 'boom', frames: [] }))?.count, 2);
    assert.equal(tracker.overflow, 1);
  });
});

describe('IssueTracker: handled flag', () => {
  const e = typeError('id');

  test('true while every occurrence was handled', () => {
    const tracker = recordAll([occ(T0, 'a', e, 'handled'), occ(T0 + 1, 'b', e, 'handled')]);
    assert.equal(tracker.all()[0]?.handled, true);
  });

  test('false as soon as one occurrence was not handled, in any order', () => {
    const occurrences = [occ(T0, 'a', e, 'handled'), occ(T0 + 1, 'b', e, 'error'), occ(T0 + 2, 'c', e, 'handled')];
    for (let seed = 0; seed < 6; seed++) {
      const tracker = recordAll(shuffled(occurrences, seed));
      assert.equal(tracker.all().length, 1);
      assert.equal(tracker.all()[0]?.handled, false, `seed ${seed}`);
    }
  });

  test('an unhandled first occurrence stays unhandled', () => {
    assert.equal(recordAll([occ(T0, 'a', e, 'error')]).all()[0]?.handled, false);
  });
});

describe('IssueTracker: order independence', () => {
  function corpus(): Occurrence[] {
    const out: Occurrence[] = [];
    const random = rng(42);
    for (let i = 0; i < 300; i++) {
      // Coarse times so that ties on time happen (ids break them); timeouts, whose titles differ
      // within the issue, get distinct times (a tie on their title is the todo test below).
      const time = T0 + Math.floor(random() * 40) * 1000;
      const id = `req-${String(i).padStart(4, '0')}`;
      const pick = i % 6;
      if (pick === 0) out.push(occ(time, id, typeError(`f${i}`), random() < 0.5 ? 'handled' : 'error'));
      else if (pick === 1) out.push(occ(time, id, typeError(`g${i}`, '/var/task/b.js'), 'handled'));
      else if (pick === 2) out.push(occ(time + i, id, { type: 'Sandbox.Timedout', message: `Task timed out after ${3 + (i % 3) * 3}.00 seconds`, frames: [] }, 'timeout'));
      else if (pick === 3) out.push(occ(time, id, { type: 'Error', message: `getaddrinfo ENOTFOUND api${Math.floor(i / 6) % 2}.stripe.com`, frames: [] }, 'error'));
      else if (pick === 4) out.push(occ(time, id, { type: 'Error', message: `connect ECONNREFUSED 10.0.0.12:5432`, frames: [] }, 'handled'));
      else out.push(occ(time, id, typeError(`h${i}`), 'error', 'other-fn'));
    }
    return out;
  }

  test('the same occurrences in any order give the same issues', () => {
    const occurrences = corpus();
    const reference = snapshot(recordAll(occurrences));
    assert.equal(reference.length, 7);
    for (let seed = 1; seed <= 25; seed++) {
      assert.deepEqual(snapshot(recordAll(shuffled(occurrences, seed))), reference, `seed ${seed}`);
    }
    assert.deepEqual(snapshot(recordAll([...occurrences].reverse())), reference);
  });

  test('ties on time: latest is the occurrence with the greatest request id', () => {
    const a = typeError('a');
    const b = typeError('b');
    for (const order of [[occ(T0, 'r1', a), occ(T0, 'r2', b)], [occ(T0, 'r2', b), occ(T0, 'r1', a)]]) {
      const [issue] = recordAll(order).all();
      assert.equal(issue?.latest, b);
      assert.equal(issue?.latestId, 'r2');
      assert.deepEqual(issue?.requestIds, ['r1', 'r2']);
    }
  });

  test('the title is read from the earliest occurrence', () => {
    const t = (s: string): ErrorInfo => ({ type: 'Sandbox.Timedout', message: `Task timed out after ${s} seconds`, frames: [] });
    for (const order of [[occ(T0, 'a', t('3.00'), 'timeout'), occ(T0 + 1, 'b', t('6.00'), 'timeout')], [occ(T0 + 1, 'b', t('6.00'), 'timeout'), occ(T0, 'a', t('3.00'), 'timeout')]]) {
      const issues = recordAll(order).all();
      assert.equal(issues.length, 1);
      assert.equal(issues[0]?.title, 'Task timed out after 3.00 seconds');
      assert.equal(issues[0]?.count, 2);
    }
  });

  test(
    'ties on time: the title does not depend on arrival order',
    () => {
      const t = (s: string): ErrorInfo => ({ type: 'Sandbox.Timedout', message: `Task timed out after ${s} seconds`, frames: [] });
      const one = recordAll([occ(T0, 'a', t('3.00'), 'timeout'), occ(T0, 'b', t('6.00'), 'timeout')]).all()[0];
      const two = recordAll([occ(T0, 'b', t('6.00'), 'timeout'), occ(T0, 'a', t('3.00'), 'timeout')]).all()[0];
      assert.equal(one?.title, two?.title);
    },
  );

  test(
    'an issue whose occurrences name different hosts reports the same dependency in any order',
    () => {
      const refused = (host: string): ErrorInfo => ({ type: 'Error', message: `connect ECONNREFUSED ${host}`, frames: [] });
      const a = occ(T0, 'r1', refused('10.0.0.12:5432'));
      const b = occ(T0 + 1000, 'r2', refused('10.0.0.13:5432'));
      const forward = recordAll([a, b]).all();
      const backward = recordAll([b, a]).all();
      assert.equal(forward.length, 1);
      assert.equal(backward.length, 1);
      assert.equal(forward[0]?.dependency, backward[0]?.dependency);
    },
  );

  test(
    'one error recorded with statuses of different kinds reports the same kind in any order',
    () => {
      const exit: ErrorInfo = { type: 'Runtime.ExitError', message: 'Runtime exited with error: exit status 1', frames: [] };
      const a = occ(T0, undefined, exit, 'initError');
      const b = occ(T0 + 1000, 'r2', exit, 'crash');
      const forward = recordAll([a, b]).all();
      const backward = recordAll([b, a]).all();
      assert.equal(forward.length, 1);
      assert.equal(backward.length, 1);
      assert.equal(forward[0]?.kind, backward[0]?.kind);
    },
  );

  test(
    'a request id seen at two times is placed by its most recent time, in any order',
    () => {
      const e = typeError('x');
      const forward = recordAll([occ(T0 + 1, 'X', e), occ(T0 + 3, 'Y', e), occ(T0 + 5, 'X', e)]).all()[0];
      const backward = recordAll([occ(T0 + 5, 'X', e), occ(T0 + 3, 'Y', e), occ(T0 + 1, 'X', e)]).all()[0];
      assert.deepEqual(forward?.requestIds, ['Y', 'X']);
      assert.deepEqual(forward?.requestTimes, [T0 + 3, T0 + 5]);
      assert.deepEqual(backward?.requestIds, ['Y', 'X']);
      assert.deepEqual(backward?.requestTimes, [T0 + 3, T0 + 5]);
    },
  );
});
