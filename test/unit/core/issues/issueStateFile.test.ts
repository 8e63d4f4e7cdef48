import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIssueStates, serializeIssueStates } from '../../../../src/core/issues/issueStateFile';
import { mute, newIssueState, observe, resolve, type IssueStateEntry } from '../../../../src/core/issues/issueStates';

const T0 = Date.UTC(2026, 10, 26, 9);
const MIN = 60_000;
const key = (fn: string, fp: string): string => `123456789012/us-east-1/${fn}/${fp}`;

function sample(): IssueStateEntry[] {
  const a = resolve(newIssueState(key('checkout-api', 'aa11'), T0), 'Ada Lovelace', T0 + MIN);
  const b = mute(newIssueState(key('orders-worker', 'bb22'), T0), 'Grace', T0 + 2 * MIN, { until: T0 + 60 * MIN, remaining: 10 });
  const c = observe(resolve(newIssueState(key('checkout-api', '0c33'), T0), 'Ada', T0 + MIN), [T0 + 5 * MIN], T0 + 6 * MIN).entry;
  return [a, b, c];
}

test('the file round-trips: what is written is read back the same, whatever the order it was given in', () => {
  const entries = sample();
  const text = serializeIssueStates(entries);
  const parsed = parseIssueStates(text);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.problems, []);
  const byKey = (list: IssueStateEntry[]) => [...list].sort((x, y) => (x.key < y.key ? -1 : 1));
  assert.deepEqual(byKey(parsed.entries), byKey(entries));
  assert.equal(serializeIssueStates([...entries].reverse()), text, 'stable text');
  assert.equal(parsed.entries.find((e) => e.key.endsWith('0c33'))?.state, 'regressed');
});

test('one issue per line: changing, adding or removing an issue touches only its own line (git merges branches cleanly)', () => {
  const entries = sample();
  const before = serializeIssueStates(entries).split('\n');
  const changed = entries.map((e) => (e.key.endsWith('aa11') ? resolve(e, 'Grace', T0 + 9 * MIN) : e));
  const added = [...entries, newIssueState(key('zz-last', 'ff99'), T0)];
  const removed = entries.filter((e) => !e.key.endsWith('bb22'));
  const diffLines = (after: string[]) => {
    const a = new Set(before);
    const b = new Set(after);
    return { gone: before.filter((l) => !b.has(l)), new: after.filter((l) => !a.has(l)) };
  };
  const c = diffLines(serializeIssueStates(changed).split('\n'));
  assert.equal(c.gone.length, 1);
  assert.equal(c.new.length, 1);
  assert.ok(c.gone[0]?.includes('aa11') && c.new[0]?.includes('aa11'));
  const a = diffLines(serializeIssueStates(added).split('\n'));
  assert.deepEqual(a.gone, [], 'adding the last issue does not touch the line before it');
  assert.equal(a.new.length, 1);
  const r = diffLines(serializeIssueStates(removed).split('\n'));
  assert.equal(r.gone.length, 1);
  assert.deepEqual(r.new, []);
  // Two branches, each with one of those edits, merged line by line, read back as both edits.
  const merged = serializeIssueStates([...changed.filter((e) => !e.key.endsWith('bb22')), newIssueState(key('zz-last', 'ff99'), T0)]);
  const parsed = parseIssueStates(merged);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.entries.map((e) => e.key.split('/').pop()).sort(), ['0c33', 'aa11', 'ff99']);
});

test('a file that is not ours, not JSON, or of another version is refused whole, with the reason', () => {
  for (const [text, reason] of [
    ['', /not valid JSON/],
    ['{"format":"lambdascope.issues","version":1\n,"a":{"state":"open"', /not valid JSON/],
    ['<<<<<<< HEAD\n{"format":"lambdascope.issues","version":1}\n=======\n>>>>>>> theirs', /not valid JSON/],
    ['[]', /not a Lambdascope issue-state file/],
    ['{"issues":[]}', /not a Lambdascope issue-state file/],
    ['{"format":"lambdascope.issues","version":7}', /version 7/],
  ] as const) {
    const parsed = parseIssueStates(text);
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) assert.match(parsed.problem, reason);
  }
});

test('a hand-edited entry that does not check out is left out and named; the others are kept', () => {
  const good = serializeIssueStates(sample()).split('\n');
  const bad = [
    ',"123/us-east-1/f/bad-state":{"state":"fixed","lastSeen":1,"transitions":[]}',
    ',"123/us-east-1/f/bad-time":{"state":"open","lastSeen":"yesterday","transitions":[]}',
    ',"123/us-east-1/f/bad-transition":{"state":"open","lastSeen":1,"transitions":[{"at":1,"by":"","to":"open"}]}',
    ',"123/us-east-1/f/bad-mute":{"state":"muted","mute":{"remaining":-3},"lastSeen":1,"transitions":[]}',
    ',"123/us-east-1/f/\\u0000":{"state":"open","lastSeen":1,"transitions":[]}',
    ',"__proto__":{"state":"open","lastSeen":1,"transitions":[]}',
    ',"123/us-east-1/f/bad-history":{"state":"open","lastSeen":1,"transitions":[],"history":{"firstSeen":1,"total":-1,"daily":[]}}',
    ',"123/us-east-1/f/bad-day":{"state":"open","lastSeen":1,"transitions":[],"history":{"firstSeen":1,"total":3,"daily":[[20000,"3"]]}}',
  ];
  const text = [good[0], ...bad, ...good.slice(1)].join('\n');
  const parsed = parseIssueStates(text);
  assert.ok(parsed.ok);
  assert.equal(parsed.entries.length, 4, 'the three good ones, and __proto__ read as a plain key');
  assert.equal(parsed.problems.length, 7);
  assert.ok(parsed.problems.some((p) => p.includes('bad-state')));
  assert.equal(({} as Record<string, unknown>).state, undefined, 'no prototype was polluted');
});
