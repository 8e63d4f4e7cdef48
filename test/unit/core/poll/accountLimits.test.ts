// Two profiles reaching one account and region (an admin and a read-only role, say) share its rate
// limits: AWS's FilterLogEvents quota (5/s, not adjustable) is per account and Region, not per
// profile. Each watch still counts its own calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { VirtualClock } from '../../../../src/core/clock';
import { AccountLimits, accountOfArn, catalogTellingAccount } from '../../../../src/core/poll/accountLimits';
import { AccountPoller } from '../../../../src/core/poll/accountPoller';
import type { AccountSources, FunctionConfig, MetricQuery, MetricWindow } from '../../../../src/core/ports';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const MINUTE = 60_000;

function config(name: string, account: string): FunctionConfig {
  return { name, arn: `arn:aws:lambda:us-east-1:${account}:function:${name}`, memoryMb: 256, timeoutSeconds: 30, architecture: 'arm64', version: '$LATEST', logGroup: `/aws/lambda/${name}`, logFormat: 'Text' };
}

/** An account of 12 functions, each invoked every minute; the times of every FilterLogEvents call land in `calls`. */
function account(clock: VirtualClock, id: string, calls: number[]): AccountSources {
  const functions = Array.from({ length: 12 }, (_, i) => config(`orders-${String(i).padStart(2, '0')}`, id));
  return {
    catalog: { listFunctions: async () => functions, tagsOf: async () => ({ tags: {} }) },
    metrics: {
      getMetrics: async (queries: readonly MetricQuery[], window: MetricWindow) =>
        queries.map((query) => {
          const points = [];
          for (let t = Math.ceil(window.start / MINUTE) * MINUTE; t + MINUTE <= clock.now(); t += MINUTE) points.push({ time: t, value: 4 });
          return { query, points };
        }),
    },
    logs: {
      filterPage: async () => {
        calls.push(clock.now());
        return { events: [], bytes: 10 };
      },
    },
  };
}

/** The most calls within any one second (a call and those in the second before it). */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(...sorted.map((t) => sorted.filter((u) => u > t - 1_000 && u <= t).length));
}

/** A watch as the extension opens it: its catalog tells the account, which the limits then join. */
function watch(limits: AccountLimits, profile: string, sources: AccountSources, clock: VirtualClock, roleArn?: string): AccountPoller {
  const own = limits.forWatch(profile, 'us-east-1', accountOfArn(roleArn));
  const catalog = catalogTellingAccount(sources.catalog, (id) => limits.join(own, id, 'us-east-1'));
  return new AccountPoller({ sources: { ...sources, catalog }, analyzer: new Analyzer(), clock, limits: own });
}

test('two profiles of one account poll together within the account quota of 5 FilterLogEvents a second; each counts its own calls', async () => {
  const clock = new VirtualClock(T0);
  const calls: number[] = [];
  const shared = new AccountLimits(clock);
  // Static keys: the account is learnt from the functions' ARNs at the first listing.
  const admin = watch(shared, 'prod-admin', account(clock, '123456789012', calls), clock);
  const readOnly = watch(shared, 'prod-readonly', account(clock, '123456789012', calls), clock);
  for (let cycle = 0; cycle < 3; cycle++) {
    const [a, b] = await Promise.all([admin.runCycle(), readOnly.runCycle()]);
    assert.equal(a.calls.FilterLogEvents, 12, "the admin profile's cycle counts its own 12 reads");
    assert.equal(b.calls.FilterLogEvents, 12);
    clock.advance(MINUTE);
  }
  assert.equal(calls.length, 72);
  assert.ok(busiestSecond(calls) <= 5, `${busiestSecond(calls)} calls within one second`);
});

test('profiles of different accounts, or before the account is known, keep their own limits; a role profile shares from the start', () => {
  const clock = new VirtualClock(T0);
  const shared = new AccountLimits(clock);
  const a = shared.forWatch('prod-admin', 'us-east-1');
  const b = shared.forWatch('prod-readonly', 'us-east-1');
  assert.notEqual(a.rateBuckets, b.rateBuckets, 'accounts unknown: each profile alone');
  shared.join(a, '123456789012', 'us-east-1');
  shared.join(b, '123456789012', 'us-east-1');
  assert.equal(a.rateBuckets, b.rateBuckets);
  const role = shared.forWatch('prod-deploy', 'us-east-1', accountOfArn('arn:aws:iam::123456789012:role/Deployer'));
  assert.equal(role.rateBuckets, a.rateBuckets, 'the role ARN names the account before any call');
  const staging = shared.forWatch('staging', 'us-east-1');
  shared.join(staging, '210987654321', 'us-east-1');
  assert.notEqual(staging.rateBuckets, a.rateBuckets, 'another account');
  const europe = shared.forWatch('prod-admin', 'eu-west-1');
  shared.join(europe, '123456789012', 'eu-west-1');
  assert.notEqual(europe.rateBuckets, a.rateBuckets, 'another region');
  assert.equal(accountOfArn('arn:aws:lambda:us-east-1:not-an-id:function:x'), undefined);
});
