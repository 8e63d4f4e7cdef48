import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEPRECATION_NOTICE_DAYS, knownRuntimeLifecycles, runtimeLifecycle } from '../../../../src/core/insights/runtimeSupport';

const TODAY = '2026-11-26';
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDay(day: string): boolean {
  return ISO_DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
}

// Rows from Lambda's earlier two-phase policy, where the page itself puts the block dates before the deprecation date.
const BLOCKED_BEFORE_DEPRECATION = new Set(['nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'dotnetcore2.0']);

test('every entry: unique id, real ISO days, deprecation <= block create <= block update', () => {
  const all = knownRuntimeLifecycles();
  assert.equal(new Set(all.map((r) => r.id)).size, all.length, 'ids are unique');
  for (const r of all) {
    for (const day of [r.deprecation, r.blockCreate, r.blockUpdate]) {
      if (day !== undefined) assert.ok(isIsoDay(day), `${r.id}: ${day} is an ISO day`);
    }
    assert.equal(r.blockCreate === undefined, r.blockUpdate === undefined, `${r.id}: both block dates or neither`);
    if (r.blockCreate !== undefined && r.blockUpdate !== undefined) {
      assert.ok(r.blockCreate <= r.blockUpdate, `${r.id}: block create ${r.blockCreate} <= block update ${r.blockUpdate}`);
      if (!BLOCKED_BEFORE_DEPRECATION.has(r.id)) assert.ok(r.deprecation <= r.blockCreate, `${r.id}: deprecation ${r.deprecation} <= block create ${r.blockCreate}`);
    }
  }
  const misordered = all.filter((r) => r.blockCreate !== undefined && r.blockCreate < r.deprecation).map((r) => r.id);
  assert.deepEqual(new Set(misordered), BLOCKED_BEFORE_DEPRECATION, 'only the legacy rows are exempt');
});

test('every successor is in the table, not deprecated today, and the newest of its family has none', () => {
  for (const r of knownRuntimeLifecycles()) {
    if (r.successor === undefined) {
      assert.ok(r.deprecation > TODAY, `${r.id} without a successor is still supported`);
      continue;
    }
    const next = runtimeLifecycle(r.successor);
    assert.ok(next, `${r.id}: successor ${r.successor} is in the table`);
    assert.ok(next.deprecation > TODAY, `${r.id}: successor ${r.successor} is not deprecated on ${TODAY}`);
    assert.equal(next.successor, undefined, `${r.id}: successor ${r.successor} is the newest of its family`);
    assert.notEqual(r.successor, r.id);
  }
  assert.deepEqual(
    ['nodejs18.x', 'python3.9', 'java8', 'dotnet6', 'ruby2.7', 'provided', 'go1.x'].map((id) => runtimeLifecycle(id)?.successor),
    ['nodejs24.x', 'python3.14', 'java25', 'dotnet10', 'ruby4.0', 'provided.al2023', 'provided.al2023'],
  );
});

test('unknown, custom or missing runtimes have no lifecycle', () => {
  for (const runtime of [undefined, '', 'custom', 'nodejs99.x', 'NODEJS18.X', 'java17.al2023']) assert.equal(runtimeLifecycle(runtime), undefined, String(runtime));
});

test('spot checks against the AWS Lambda runtimes page', () => {
  const dates = (id: string) => {
    const r = runtimeLifecycle(id);
    return r && [r.deprecation, r.blockCreate, r.blockUpdate];
  };
  assert.deepEqual(dates('nodejs22.x'), ['2027-04-30', '2027-06-01', '2027-07-01']);
  assert.deepEqual(dates('nodejs24.x'), ['2028-04-30', '2028-06-01', '2028-07-01']);
  assert.deepEqual(dates('nodejs18.x'), ['2025-09-01', '2027-02-01', '2027-03-03']);
  assert.deepEqual(dates('python3.8'), ['2024-10-14', '2027-02-01', '2027-03-03']);
  assert.deepEqual(dates('python3.12'), ['2028-10-31', '2028-11-30', '2029-01-10']);
  assert.deepEqual(dates('java17'), ['2027-06-30', '2027-07-31', '2027-08-31']);
  assert.deepEqual(dates('dotnet10'), ['2028-11-14', '2028-12-14', '2029-01-15']);
  assert.deepEqual(dates('dotnet9'), ['2026-11-10', undefined, undefined]);
  assert.deepEqual(dates('ruby3.3'), ['2027-03-31', '2027-04-30', '2027-05-31']);
  assert.deepEqual(dates('go1.x'), ['2024-01-08', '2024-02-08', '2027-03-03']);
  assert.deepEqual(dates('provided.al2023'), ['2029-06-30', '2029-07-31', '2029-08-31']);
  assert.equal(DEPRECATION_NOTICE_DAYS, 180);
});
