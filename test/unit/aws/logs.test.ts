// AwsLogSource against recorded CloudWatch Logs (awsJson1_1) FilterLogEvents responses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsLogSource } from '../../../src/aws/logs';
import { SourceError } from '../../../src/core/ports';
import type { LogPageRequest } from '../../../src/core/ports';
import { fixture, withFakeAws } from './fakeAws';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const REQUEST: LogPageRequest = { logGroup: '/aws/lambda/orders-api', start: T0, end: T0 + 60_000 };

test('FilterLogEvents: awsJson1_1 request; exclusive end sent as the inclusive endTime end - 1', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('logs', 'filterLogEventsPage2'));
    await new AwsLogSource(() => pool.logs(target)).filterPage({ ...REQUEST, filterPattern: '?REPORT ?ERROR', streamPrefix: '2026/11/26/[$LATEST]', nextToken: 'tok-1' });
    const [request] = fake.requests;
    assert.equal(request?.headers['content-type'], 'application/x-amz-json-1.1');
    assert.equal(request?.target, 'Logs_20140328.FilterLogEvents');
    assert.deepEqual(fake.jsonBody(0), {
      logGroupName: '/aws/lambda/orders-api',
      startTime: T0,
      endTime: T0 + 60_000 - 1,
      limit: 10_000,
      filterPattern: '?REPORT ?ERROR',
      logStreamNamePrefix: '2026/11/26/[$LATEST]',
      nextToken: 'tok-1',
    });
  });
});

test('FilterLogEvents: events carry the requested group, ids and times; nextToken and Content-Length bytes', async () => {
  await withFakeAws(async (fake, pool, target) => {
    // Pretty-printed, so that the Content-Length differs from any estimate made from the events.
    const page1 = fixture('logs', 'filterLogEventsPage1');
    const pretty = JSON.stringify(page1.body, null, 2);
    fake.reply({ ...page1, body: pretty }, fixture('logs', 'filterLogEventsPage2'));
    const source = new AwsLogSource(() => pool.logs(target));
    const first = await source.filterPage(REQUEST);
    assert.equal(first.events.length, 2);
    assert.deepEqual(first.events[1], {
      logGroupName: '/aws/lambda/orders-api',
      logStreamName: '2026/11/26/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      timestamp: 1795683600180,
      message: 'START RequestId: 4ce9340a-b765-490f-ad8a-02ab3415e2bf Version: $LATEST\n',
      eventId: '39312057288547639857623048576392018475620394857602938475',
      ingestionTime: 1795683608210,
    });
    assert.ok(first.nextToken?.startsWith('Bxkq6kVGFtq2y_'));
    assert.equal(first.bytes, Buffer.byteLength(pretty));

    const second = await source.filterPage({ ...REQUEST, nextToken: first.nextToken });
    assert.equal(fake.jsonBody(1).nextToken, first.nextToken);
    assert.equal(second.nextToken, undefined);
    assert.match(second.events[1]?.message ?? '', /^REPORT RequestId: .*Init Duration: 166\.62 ms/);
  });
});

test('FilterLogEvents: without Content-Length (chunked) the bytes are estimated from the events', async () => {
  await withFakeAws(async (fake, pool, target) => {
    const page = fixture('logs', 'filterLogEventsPage1');
    const pretty = JSON.stringify(page.body, null, 2);
    fake.reply({ ...page, body: pretty, chunked: true });
    const result = await new AwsLogSource(() => pool.logs(target)).filterPage(REQUEST);
    assert.notEqual(result.bytes, Buffer.byteLength(pretty), 'no Content-Length to read');
    const actual = Buffer.byteLength(JSON.stringify(page.body));
    assert.ok(Math.abs(result.bytes - actual) / actual < 0.1, `estimated ${result.bytes}, actual ${actual}`);
  });
});

test('FilterLogEvents: an empty window makes no call', async () => {
  await withFakeAws(async (fake, pool, target) => {
    const page = await new AwsLogSource(() => pool.logs(target)).filterPage({ ...REQUEST, end: REQUEST.start });
    assert.deepEqual(page, { events: [], bytes: 0 });
    assert.equal(fake.requests.length, 0);
  });
});

async function filterFails(name: string): Promise<SourceError> {
  return withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('logs', name));
    const error = await new AwsLogSource(() => pool.logs(target)).filterPage(REQUEST).catch((e: unknown) => e);
    assert.ok(error instanceof SourceError, String(error));
    return error;
  });
}

test('FilterLogEvents errors map to what the poller does next', async () => {
  const denied = await filterFails('accessDenied');
  assert.equal(denied.kind, 'accessDenied');
  assert.equal(denied.details.permission, 'logs:FilterLogEvents');
  assert.equal(denied.message, 'Access denied: the profile cannot call logs:FilterLogEvents on /aws/lambda/orders-api. Grant it in the IAM policy.');

  assert.equal((await filterFails('throttling')).kind, 'throttled');
  assert.equal((await filterFails('serviceUnavailable')).kind, 'unavailable');
  assert.equal((await filterFails('expiredToken')).kind, 'credentials');
  const missing = await filterFails('logGroupNotFound');
  assert.equal(missing.kind, 'notFound');
  assert.match(missing.message, /\/aws\/lambda\/orders-api/);
});

test('FilterLogEvents: an aborted signal → aborted, and the request is not retried', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('logs', 'filterLogEventsPage1'));
    const controller = new AbortController();
    controller.abort();
    const error = await new AwsLogSource(() => pool.logs(target)).filterPage(REQUEST, controller.signal).catch((e: unknown) => e);
    assert.ok(error instanceof SourceError);
    assert.equal(error.kind, 'aborted');
    assert.equal(error.retryable, false);
  });
});
