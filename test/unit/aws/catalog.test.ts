// AwsFunctionCatalog against recorded Lambda REST-JSON responses. moto never pages ListFunctions,
// so the two-page walk here is the only test of NextMarker handling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsFunctionCatalog } from '../../../src/aws/catalog';
import { SourceError } from '../../../src/core/ports';
import type { FunctionConfig } from '../../../src/core/ports';
import { fixture, withFakeAws } from './fakeAws';

const MARKER = 'eyJGdW5jdGlvbk5hbWUiOiJvcmRlcnMtd29ya2VyIiwiVmVyc2lvbiI6IiRMQVRFU1QifQ==';

test('ListFunctions: follows NextMarker over two pages and maps every function', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('lambda', 'listFunctionsPage1'), fixture('lambda', 'listFunctionsPage2'));
    // Each page after the first waits for the rate limiter: a paginated call is many calls.
    let paced = 0;
    const functions = await new AwsFunctionCatalog(() => pool.lambda(target)).listFunctions(undefined, async () => {
      paced++;
      assert.equal(fake.requests.length, paced, 'paced before the page is requested');
    });

    assert.equal(paced, 1);
    assert.equal(fake.requests.length, 2);
    const [first, second] = fake.requests;
    assert.equal(first?.method, 'GET');
    assert.equal(first?.path, '/2015-03-31/functions');
    assert.equal(first?.query.get('MaxItems'), '50');
    assert.equal(first?.query.has('Marker'), false);
    assert.equal(second?.query.get('Marker'), MARKER);

    assert.deepEqual(
      functions.map((f) => f.name),
      ['orders-api', 'orders-worker', 'legacy-cron', 'thumbnailer'],
    );
    const byName = new Map(functions.map((f) => [f.name, f]));
    assert.deepEqual(byName.get('orders-api'), {
      name: 'orders-api',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api',
      runtime: 'nodejs20.x',
      handler: 'src/handlers/api.handler',
      memoryMb: 512,
      timeoutSeconds: 10,
      architecture: 'arm64',
      version: '$LATEST',
      logGroup: '/aws/lambda/orders-api',
      logFormat: 'Text',
      packageType: 'Zip',
      lastModified: '2026-11-20T10:15:42.123+0000',
      codeSha256: 'nHpG7yEJ4mXoQm1u0rGZ2b0f8Xh5m6n2vJ3cYb7mQ0U=',
      ephemeralStorageMb: 512,
      tracing: 'PassThrough',
    } satisfies FunctionConfig);
    // A custom (shared) log group and the JSON log format come from LoggingConfig.
    assert.equal(byName.get('orders-worker')?.logGroup, '/shared/orders');
    assert.equal(byName.get('orders-worker')?.logFormat, 'JSON');
    assert.equal(byName.get('orders-worker')?.architecture, 'x86_64');
    // Ephemeral storage, X-Ray tracing and the dead-letter queue, as ListFunctions returns them.
    assert.equal(byName.get('orders-worker')?.ephemeralStorageMb, 4096);
    assert.equal(byName.get('orders-worker')?.tracing, 'Active');
    assert.equal(byName.get('orders-worker')?.deadLetterTargetArn, 'arn:aws:sqs:us-east-1:123456789012:orders-worker-dlq');
    assert.equal(byName.get('orders-api')?.deadLetterTargetArn, undefined, 'no DeadLetterConfig: none');
    // An old function without LoggingConfig, Architectures, MemorySize or Timeout: Lambda's defaults.
    const legacy = byName.get('legacy-cron');
    assert.equal(legacy?.logGroup, '/aws/lambda/legacy-cron');
    assert.equal(legacy?.logFormat, 'Text');
    assert.equal(legacy?.architecture, 'x86_64');
    assert.equal(legacy?.memoryMb, 128);
    assert.equal(legacy?.timeoutSeconds, 3);
    assert.equal(legacy?.packageType, undefined);
    // Older responses carry no EphemeralStorage: unknown rather than a guessed default.
    assert.equal(legacy?.ephemeralStorageMb, undefined);
    assert.equal(legacy?.tracing, 'PassThrough');
    // A container image has no runtime or handler.
    const image = byName.get('thumbnailer');
    assert.equal(image?.packageType, 'Image');
    assert.equal(image?.runtime, undefined);
    assert.equal(image?.handler, undefined);
    assert.equal(image?.tracing, undefined, 'no TracingConfig: unknown');
  });
});

test('ListFunctions: a server that repeats its marker is not followed forever', async () => {
  await withFakeAws(async (fake, pool, target) => {
    const page1 = fixture('lambda', 'listFunctionsPage1');
    fake.reply(page1, page1, page1, page1);
    const functions = await new AwsFunctionCatalog(() => pool.lambda(target)).listFunctions();
    assert.equal(fake.requests.length, 2);
    assert.deepEqual(
      functions.map((f) => f.name),
      ['orders-api', 'orders-worker'],
    );
  });
});

test('ListTags: the CloudFormation stack and logical id', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('lambda', 'listFunctionsPage2'), fixture('lambda', 'listTags'));
    const catalog = new AwsFunctionCatalog(() => pool.lambda(target));
    const [fn] = await catalog.listFunctions();
    assert.ok(fn);
    const tags = await catalog.tagsOf(fn);
    assert.equal(fake.requests[1]?.path, '/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Alegacy-cron');
    assert.equal(tags.stackName, 'orders-prod');
    assert.equal(tags.logicalId, 'OrdersApiFunction');
    assert.equal(tags.tags.team, 'orders');
  });
});

async function listFails(response: ReturnType<typeof fixture>): Promise<SourceError> {
  return withFakeAws(async (fake, pool, target) => {
    fake.reply(response);
    const error = await new AwsFunctionCatalog(() => pool.lambda(target)).listFunctions().then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SourceError, String(error));
    return error;
  });
}

test('ListFunctions: AccessDeniedException → accessDenied with the permission from the message', async () => {
  const error = await listFails(fixture('lambda', 'accessDenied'));
  assert.equal(error.kind, 'accessDenied');
  assert.equal(error.details.permission, 'lambda:ListFunctions');
  assert.equal(error.details.httpStatus, 403);
  assert.equal(error.message, 'Access denied: the profile cannot call lambda:ListFunctions. Grant it in the IAM policy.');
  assert.doesNotMatch(error.message, /alice|arn:aws:sts/);
});

test('ListFunctions: TooManyRequestsException (429) → throttled; ServiceException (500) → unavailable', async () => {
  const throttled = await listFails(fixture('lambda', 'tooManyRequests'));
  assert.equal(throttled.kind, 'throttled');
  assert.equal(throttled.details.code, 'TooManyRequestsException');
  assert.equal(throttled.retryable, true);
  const unavailable = await listFails(fixture('lambda', 'serviceException'));
  assert.equal(unavailable.kind, 'unavailable');
  assert.equal(unavailable.details.httpStatus, 500);
});

test('ListTags of a deleted function → notFound naming the function', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('lambda', 'functionNotFound'));
    const fn = { name: 'deleted-fn', arn: 'arn:aws:lambda:us-east-1:123456789012:function:deleted-fn' } as FunctionConfig;
    const error = await new AwsFunctionCatalog(() => pool.lambda(target)).tagsOf(fn).catch((e: unknown) => e);
    assert.ok(error instanceof SourceError);
    assert.equal(error.kind, 'notFound');
    assert.match(error.message, /deleted-fn/);
    assert.equal(error.details.operation, 'ListTags');
  });
});
