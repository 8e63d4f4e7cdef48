// The settings ListFunctions does not return — reserved and provisioned concurrency, the on-failure
// destination, the invoking services, log retention — and the configuration fields it does return
// (ephemeral storage, tracing, dead-letter queue), written with the real SDK into moto and read
// back through openAwsAccount's catalog. moto 5.2.1 gaps seen here are asserted as such, so that a
// moto upgrade that fills them shows up as a failing test rather than silently.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AddPermissionCommand, CreateFunctionCommand, GetFunctionConfigurationCommand, LambdaClient, PutFunctionConcurrencyCommand, PutFunctionEventInvokeConfigCommand } from '@aws-sdk/client-lambda';
import { openAwsAccount, type AwsAccount } from '../../src/aws/awsAccount';
import type { FunctionConfig, SettingsCall } from '../../src/core/ports';
import { startMoto, type MotoServer } from './support/motoServer';
import { clientConfig, ensureRole, SEED_ACCOUNT_ID, zipOneFile } from './support/seedAccount';

const REGION = 'ca-central-1';
const ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', HOME: '/nonexistent-home' };
const DESTINATION = `arn:aws:sqs:${REGION}:${SEED_ACCOUNT_ID}:thumbnails-failed`;
const DLQ = `arn:aws:sqs:${REGION}:${SEED_ACCOUNT_ID}:thumbnails-dlq`;

describe('function settings against moto', () => {
  let moto: MotoServer;
  let account: AwsAccount;
  let functions: Map<string, FunctionConfig>;
  let rawDeadLetter: string | undefined;

  before(async () => {
    moto = await startMoto();
    const config = clientConfig(moto.url, REGION);
    const lambda = new LambdaClient(config);
    const logs = new CloudWatchLogsClient({ ...config, disableHostPrefix: true });
    try {
      const role = await ensureRole(moto.url);
      const zip = zipOneFile('index.js', 'exports.handler = async () => ({});\n');
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'thumbnailer',
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: role,
          Code: { ZipFile: zip },
          EphemeralStorage: { Size: 2048 },
          TracingConfig: { Mode: 'Active' },
          DeadLetterConfig: { TargetArn: DLQ },
        }),
      );
      await lambda.send(new CreateFunctionCommand({ FunctionName: 'bare', Runtime: 'python3.12', Handler: 'app.handler', Role: role, Code: { ZipFile: zip } }));
      await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'thumbnailer', ReservedConcurrentExecutions: 25 }));
      await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'thumbnailer', MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: DESTINATION } } }));
      await lambda.send(new AddPermissionCommand({ FunctionName: 'thumbnailer', StatementId: 's3-uploads', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::uploads' }));
      // An account principal and another action: neither is a service invoking the function.
      await lambda.send(new AddPermissionCommand({ FunctionName: 'thumbnailer', StatementId: 'ops-account', Action: 'lambda:InvokeFunction', Principal: `arn:aws:iam::${SEED_ACCOUNT_ID}:root` }));
      await lambda.send(new AddPermissionCommand({ FunctionName: 'thumbnailer', StatementId: 'url', Action: 'lambda:GetFunction', Principal: 'events.amazonaws.com' }));
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/thumbnailer' }));
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/aws/lambda/thumbnailer', retentionInDays: 14 }));
      // A longer name sharing the prefix comes first in no order: only the exact name counts.
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/thumbnailer-staging' }));
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/bare' }));
      rawDeadLetter = (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'thumbnailer' }))).DeadLetterConfig?.TargetArn;
    } finally {
      lambda.destroy();
      logs.destroy();
    }
    account = await openAwsAccount({ region: REGION, endpointUrl: moto.url, env: ENV });
    functions = new Map((await account.sources.catalog.listFunctions()).map((f) => [f.name, f]));
  });

  after(async () => {
    account?.sources.dispose?.();
    await moto?.stop();
  });

  test('ListFunctions: ephemeral storage, tracing, and the dead-letter queue as moto keeps it', () => {
    const thumbnailer = functions.get('thumbnailer');
    assert.equal(thumbnailer?.ephemeralStorageMb, 2048);
    assert.equal(thumbnailer?.tracing, 'Active');
    // moto 5.2.1 accepts DeadLetterConfig and drops it (no DeadLetterConfig in any response); the
    // mapping itself is covered on recorded shapes in test/unit/aws/catalog.test.ts.
    assert.equal(rawDeadLetter, undefined, 'moto now returns DeadLetterConfig: assert it equals DLQ here');
    assert.equal(thumbnailer?.deadLetterTargetArn, rawDeadLetter);
    const bare = functions.get('bare');
    assert.equal(bare?.ephemeralStorageMb, 512, "Lambda's default");
    assert.equal(bare?.tracing, 'PassThrough');
    assert.equal(bare?.deadLetterTargetArn, undefined);
  });

  test('settingsOf: every configured setting read back, each call paced', async () => {
    const fn = functions.get('thumbnailer');
    assert.ok(fn && account.sources.catalog.settingsOf);
    const paced: SettingsCall[] = [];
    const before = Date.now();
    const settings = await account.sources.catalog.settingsOf(fn, undefined, async (call) => {
      paced.push(call);
    });
    assert.equal(settings.reservedConcurrency, 25);
    assert.equal(settings.onFailureDestination, DESTINATION);
    assert.deepEqual(settings.invokedBy, ['s3.amazonaws.com']);
    assert.equal(settings.logRetentionDays, 14);
    // moto 5.2.1 has no ListProvisionedConcurrencyConfigs: the field stays unknown, and says why.
    assert.equal(settings.provisionedConcurrency, undefined);
    assert.equal(settings.problems?.length, 1, String(settings.problems));
    assert.match(settings.problems?.[0] ?? '', /^ListProvisionedConcurrencyConfigs: /);
    assert.doesNotMatch(settings.problems?.[0] ?? '', /testing|AKIA|Signature/);
    assert.deepEqual([...paced].sort(), ['DescribeLogGroups', 'GetFunctionConcurrency', 'GetFunctionEventInvokeConfig', 'GetPolicy', 'ListProvisionedConcurrencyConfigs']);
    assert.ok(settings.readAt >= before && settings.readAt <= Date.now());
  });

  test('settingsOf: a function with nothing configured reads as known-absent, not unknown', async () => {
    const fn = functions.get('bare');
    assert.ok(fn && account.sources.catalog.settingsOf);
    const settings = await account.sources.catalog.settingsOf(fn);
    assert.equal(settings.reservedConcurrency, null);
    assert.equal(settings.onFailureDestination, null, 'no event invoke config: ResourceNotFoundException → null');
    assert.deepEqual(settings.invokedBy, [], 'no resource policy: ResourceNotFoundException → []');
    assert.equal(settings.logRetentionDays, null, 'a log group without retention keeps logs forever');
    // moto answers the route it lacks with a page the SDK cannot parse: an unknown failure.
    assert.equal(settings.problems?.length, 1, String(settings.problems));
    assert.match(settings.problems?.[0] ?? '', /^ListProvisionedConcurrencyConfigs: unknown\b/, 'only the call moto lacks');
  });

  test('settingsOf: a function whose log group does not exist yet leaves the retention unknown', async () => {
    const fn = functions.get('bare');
    assert.ok(fn && account.sources.catalog.settingsOf);
    const settings = await account.sources.catalog.settingsOf({ ...fn, logGroup: '/aws/lambda/never-invoked' });
    assert.equal(settings.logRetentionDays, undefined);
    assert.ok(!(settings.problems ?? []).some((p) => p.startsWith('DescribeLogGroups')), 'a missing group is not a problem');
  });

  test('settingsOf: an aborted read rejects instead of reporting problems', async () => {
    const fn = functions.get('thumbnailer');
    assert.ok(fn && account.sources.catalog.settingsOf);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(account.sources.catalog.settingsOf(fn, controller.signal), (error: Error) => /cancelled|abort/i.test(error.message));
  });
});
