// The Issues view's groups: New · Regressed · Open · Muted · Resolved across watched functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issueGroups, seenKey } from '../../../src/vscode/tree/issuesModel';
import type { WatchState } from '../../../src/vscode/watchManager';
import type { IssueReport } from '../../../src/core/analysis/analysisReport';

const T = Date.UTC(2026, 10, 26, 9);

function issue(fingerprint: string, state: IssueReport['state'], lastSeen: number): IssueReport {
  return { fingerprint, title: `Error ${fingerprint}`, errorType: 'Error', kind: 'error', count: 3, firstSeen: T, lastSeen, requestIds: [], state } as unknown as IssueReport;
}

function stateOf(functions: Record<string, IssueReport[]>, profile = 'dev', region = 'us-east-1'): WatchState {
  return {
    loaded: true,
    noProfiles: false,
    problems: [],
    snapshots: [{ profile, region, functions: Object.entries(functions).map(([name, issues]) => ({ name, report: { issues } })) }],
  } as unknown as WatchState;
}

test('issues are grouped by state, open ones split into new and seen, the latest first; empty groups are left out', () => {
  const state = stateOf({
    'checkout-api': [issue('a', 'open', T + 5), issue('b', 'regressed', T + 1), issue('c', 'muted', T + 2)],
    billing: [issue('d', 'open', T + 9), issue('e', 'resolved', T + 3), issue('f', undefined, T + 7)],
  });
  const seen = new Set([seenKey('dev', 'us-east-1', 'a')]);
  const groups = issueGroups(state, seen);
  assert.deepEqual(
    groups.map((g) => [g.group, g.issues.map((i) => i.issue.fingerprint)]),
    [
      ['new', ['d', 'f']],
      ['regressed', ['b']],
      ['open', ['a']],
      ['muted', ['c']],
      ['resolved', ['e']],
    ],
  );
  const d = groups[0]?.issues[0];
  assert.equal(d?.functionName, 'billing');
  assert.equal(d?.named, true, 'the item names its function');
  // Ids are unique across the view.
  const ids = groups.flatMap((g) => [g.id, ...g.issues.map((i) => i.id)]);
  assert.equal(new Set(ids).size, ids.length);
});

test('the same fingerprint seen in another profile or region is not seen here', () => {
  const state = stateOf({ fn: [issue('a', 'open', T)] }, 'prod', 'eu-west-1');
  assert.equal(issueGroups(state, new Set([seenKey('dev', 'eu-west-1', 'a'), seenKey('prod', 'us-east-1', 'a')]))[0]?.group, 'new');
  assert.equal(issueGroups(state, new Set([seenKey('prod', 'eu-west-1', 'a')]))[0]?.group, 'open');
});

test('no issue: no group', () => {
  assert.deepEqual(issueGroups(stateOf({ fn: [] }), new Set()), []);
});
