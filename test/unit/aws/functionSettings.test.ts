// AwsFunctionSettings against recorded Lambda and CloudWatch Logs responses: the shapes moto does
// not produce (provisioned concurrency, several pages, denied calls) and the resource-policy parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsFunctionSettings, invokingServices } from '../../../src/aws/functionSettings';
import type { FunctionConfig, SettingsCall } from '../../../src/core/ports';
import { fixture, withFakeAws, type CannedResponse, type RecordedRequest } from './fakeAws';

const FN = { name: 'thumbnailer', arn: 'arn:aws:lambda:us-east-1:123456789012:function:thumbnailer', logGroup: '/aws/lambda/thumbnailer' } as FunctionConfig;
const READ_AT = Date.UTC(2026, 10, 26, 12);

/** Which call a request is (the five run concurrently, so they are routed rather than queued). */
function callOf(request: RecordedRequest): SettingsCall | undefined {
  if (request.target === 'Logs_20140328.DescribeLogGroups') return 'DescribeLogGroups';
  if (request.path.endsWith('/provisioned-concurrency')) return 'ListProvisionedConcurrencyConfigs';
  if (request.path.endsWith('/concurrency')) return 'GetFunctionConcurrency';
  if (request.path.endsWith('/event-invoke-config')) return 'GetFunctionEventInvokeConfig';
  if (request.path.endsWith('/policy')) return 'GetPolicy';
  return undefined;
}

function recorded(request: RecordedRequest): CannedResponse | undefined {
  switch (callOf(request)) {
    case 'GetFunctionConcurrency':
      return fixture('lambda', 'getFunctionConcurrency');
    case 'ListProvisionedConcurrencyConfigs':
      return fixture('lambda', request.query.has('Marker') ? 'listProvisionedConcurrencyConfigsPage2' : 'listProvisionedConcurrencyConfigsPage1');
    case 'GetFunctionEventInvokeConfig':
      return fixture('lambda', 'getFunctionEventInvokeConfig');
    case 'GetPolicy':
      return fixture('lambda', 'getPolicy');
    case 'DescribeLogGroups':
      return describeLogGroupsLongerFirst();
    default:
      return undefined;
  }
}

/**
 * The recorded DescribeLogGroups page (the function's group, 14 days, and `thumbnailer-staging`,
 * which shares its prefix and keeps its logs forever) with the longer name listed first: only an
 * exact match on the name finds the function's group, the first match by prefix is the other one.
 */
function describeLogGroupsLongerFirst(): CannedResponse {
  const page = fixture('logs', 'describeLogGroups');
  const body = page.body as { logGroups: Array<{ logGroupName: string }> };
  const logGroups = [...body.logGroups.filter((g) => g.logGroupName !== FN.logGroup), ...body.logGroups.filter((g) => g.logGroupName === FN.logGroup)];
  return { ...page, body: { ...body, logGroups } };
}

test('settings: every call read and mapped, each page paced', async () => {
  const groups = (describeLogGroupsLongerFirst().body as { logGroups: Array<{ logGroupName: string; retentionInDays?: number }> }).logGroups;
  assert.deepEqual(groups.map((g) => [g.logGroupName, g.retentionInDays]), [['/aws/lambda/thumbnailer-staging', undefined], ['/aws/lambda/thumbnailer', 14]], 'the longer name sharing the prefix is listed first');
  await withFakeAws(async (fake, pool, target) => {
    fake.respondBy(recorded);
    const paced: SettingsCall[] = [];
    const reader = new AwsFunctionSettings(() => pool.lambda(target), () => pool.logs(target), () => READ_AT);
    const settings = await reader.read(FN, undefined, async (call) => {
      paced.push(call);
    });
    assert.deepEqual(settings, {
      reservedConcurrency: 25,
      // 10 allocated on `live`, 5 still being allocated on `canary` (requested counts until then).
      provisionedConcurrency: 15,
      onFailureDestination: 'arn:aws:sqs:us-east-1:123456789012:thumbnails-failed',
      invokedBy: ['events.amazonaws.com', 's3.amazonaws.com'],
      // The exact group, listed second, not the longer name sharing its prefix listed first (no retention: null).
      logRetentionDays: 14,
      readAt: READ_AT,
    });
    assert.equal(fake.requests.length, 6);
    assert.equal(paced.length, 6, 'one token per request, the second page included');
    assert.equal(paced.filter((c) => c === 'ListProvisionedConcurrencyConfigs').length, 2);
    const describe = fake.requests.find((r) => r.target === 'Logs_20140328.DescribeLogGroups');
    assert.equal((JSON.parse(describe?.body ?? '{}') as { logGroupNamePrefix?: string }).logGroupNamePrefix, '/aws/lambda/thumbnailer');
    assert.ok(fake.requests.some((r) => r.path === '/2019-09-30/functions/thumbnailer/provisioned-concurrency' && r.query.get('List') === 'ALL'));
  });
});

test('settings: nothing configured reads as known-absent (null, [], 0)', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.respondBy((request) => {
      switch (callOf(request)) {
        case 'GetFunctionConcurrency':
          return fixture('lambda', 'getFunctionConcurrencyNone');
        case 'ListProvisionedConcurrencyConfigs':
          return { status: 200, headers: { 'content-type': 'application/json' }, body: { ProvisionedConcurrencyConfigs: [] } };
        case 'GetFunctionEventInvokeConfig':
        case 'GetPolicy':
          return fixture('lambda', 'functionNotFound');
        case 'DescribeLogGroups':
          return fixture('logs', 'describeLogGroupsNoRetention');
        default:
          return undefined;
      }
    });
    const settings = await new AwsFunctionSettings(() => pool.lambda(target), () => pool.logs(target), () => READ_AT).read(FN);
    assert.deepEqual(settings, { reservedConcurrency: null, provisionedConcurrency: 0, onFailureDestination: null, invokedBy: [], logRetentionDays: null, readAt: READ_AT });
  });
});

test('settings: denied calls leave their fields unknown and are named, without the caller', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.respondBy((request) => {
      const call = callOf(request);
      if (call === 'GetPolicy') return fixture('lambda', 'accessDenied');
      if (call === 'DescribeLogGroups') return fixture('logs', 'accessDenied');
      if (call === 'GetFunctionConcurrency') return fixture('lambda', 'tooManyRequests');
      return recorded(request);
    });
    const settings = await new AwsFunctionSettings(() => pool.lambda(target), () => pool.logs(target), () => READ_AT).read(FN);
    assert.equal(settings.reservedConcurrency, undefined);
    assert.equal(settings.invokedBy, undefined);
    assert.equal(settings.logRetentionDays, undefined);
    assert.equal(settings.provisionedConcurrency, 15, 'the other calls still count');
    assert.equal(settings.onFailureDestination, 'arn:aws:sqs:us-east-1:123456789012:thumbnails-failed');
    assert.deepEqual(settings.problems, ['DescribeLogGroups: accessDenied', 'GetFunctionConcurrency: throttled', 'GetPolicy: accessDenied']);
  });
});

test('settings: an abort from the pacer rejects the read', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.respondBy(recorded);
    const controller = new AbortController();
    const read = new AwsFunctionSettings(() => pool.lambda(target), () => pool.logs(target)).read(FN, controller.signal, async () => {
      controller.abort();
      const error = new Error('The operation was aborted');
      error.name = 'AbortError';
      throw error;
    });
    await assert.rejects(read, (error: Error & { kind?: string }) => error.kind === 'aborted');
  });
});

test('invokingServices: Allow statements for lambda:InvokeFunction with service principals only', () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'lambda:InvokeFunction' },
      // Arrays, wildcards and case: IAM allows all three.
      { Effect: 'Allow', Principal: { Service: ['events.amazonaws.com', 'scheduler.amazonaws.com'] }, Action: ['lambda:Invoke*'] },
      { Effect: 'Allow', Principal: { Service: 'iot.amazonaws.com' }, Action: 'Lambda:invokefunction' },
      { Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: '*' },
      // Not invocations by a service.
      { Effect: 'Deny', Principal: { Service: 'ses.amazonaws.com' }, Action: 'lambda:InvokeFunction' },
      { Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunctionUrl' },
      { Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'lambda:GetFunction' },
      { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction' },
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'lambda:InvokeFunction' },
    ],
  });
  assert.deepEqual(invokingServices(policy), ['events.amazonaws.com', 'iot.amazonaws.com', 's3.amazonaws.com', 'scheduler.amazonaws.com', 'sns.amazonaws.com']);
  assert.deepEqual(invokingServices(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { Service: 'sqs.amazonaws.com' }, Action: 'lambda:InvokeFunction' } })), ['sqs.amazonaws.com'], 'a single statement object');
  assert.deepEqual(invokingServices(undefined), []);
  assert.throws(() => invokingServices('{not json'), /unreadable policy/);
});
