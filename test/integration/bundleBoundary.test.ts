// The AWS side ships as its own bundle (dist/aws.js), loaded by the extension's services.js and
// by the CLI, each of which bundles its own copy of src/core. An error classified in aws.js must
// still be a SourceError on the other side, or throttling is not retried and every message turns
// into "failed unexpectedly". This test loads aws.js built as shipped and drives it from this
// process's own copy of src/core (the sources), against moto behind the fault proxy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { AwsAccount } from '../../src/aws/awsAccount';
import type * as AwsRuntime from '../../src/awsRuntime';
import { systemClock } from '../../src/core/clock';
import { isSourceError, SourceError } from '../../src/core/ports';
import { ApiLimits } from '../../src/core/poll/apiLimits';
import { asSourceError, retryingCall } from '../../src/core/poll/retryingCall';
import { startFaultProxy, type FaultProxy } from './support/faultProxy';
import { startMoto, type MotoServer } from './support/motoServer';
import { buildShippedBundles } from './support/shippedBundles';

const REGION = 'ap-south-2';
const DENIED_GROUP = '/aws/lambda/denied';

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  assert.fail('the call succeeded');
}

describe('aws.js as bundled, seen from another bundle', () => {
  let moto: MotoServer;
  let proxy: FaultProxy;
  let runtime: typeof AwsRuntime;
  let account: AwsAccount;

  before(async () => {
    moto = await startMoto();
    proxy = await startFaultProxy(moto.url, {});
    const outdir = await buildShippedBundles(['aws.js']);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    runtime = require(join(outdir, 'aws.js')) as typeof AwsRuntime;
    account = await runtime.openAwsAccount({
      region: REGION,
      endpointUrl: proxy.url,
      profiles: [],
      env: { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing-secret' },
    });
  });

  after(async () => {
    account?.sources.dispose?.();
    await proxy?.close();
    await moto?.stop();
  });

  test('the bundle holds its own SourceError class, and a call through it works', async () => {
    proxy.setPlan({});
    assert.deepEqual(await account.sources.catalog.listFunctions(), []);
  });

  test('an access-denied log group: a SourceError here, with its kind and message', async () => {
    proxy.setPlan({ accessDeniedLogGroups: [DENIED_GROUP] });
    const error = await failureOf(account.sources.logs.filterPage({ logGroup: DENIED_GROUP, start: Date.now() - 60_000, end: Date.now() }));
    assert.ok(isSourceError(error), String(error));
    assert.ok(error instanceof SourceError);
    assert.equal(error.kind, 'accessDenied');
    assert.equal(error.details.permission, 'logs:FilterLogEvents');
    assert.equal(asSourceError(error, 'FilterLogEvents'), error, 'kept as it is, not turned into "failed unexpectedly"');
    assert.equal(error.retryable, false);
  });

  test('expired credentials are a credentials error here', async () => {
    proxy.setPlan({ expiredToken: true });
    const error = await failureOf(account.sources.catalog.listFunctions());
    assert.ok(error instanceof SourceError, String(error));
    assert.equal(error.kind, 'credentials');
  });

  test('throttling is retried by this side\'s retryingCall, then succeeds', async () => {
    proxy.setPlan({ rules: [{ operation: 'ListFunctions', fault: 'throttle', times: 2 }] });
    proxy.resetStats();
    const retries: string[] = [];
    const functions = await retryingCall('ListFunctions', () => account.sources.catalog.listFunctions(), {
      limits: new ApiLimits(systemClock),
      clock: systemClock,
      random: () => 0.5,
      backoff: { baseMs: 5, capMs: 20, maxAttempts: 4 },
      onRetry: (_operation, error) => retries.push(error.kind),
    });
    assert.deepEqual(functions, []);
    assert.deepEqual(retries, ['throttled', 'throttled']);
    assert.equal(proxy.stats.byKind.throttle, 2);
  });
});
