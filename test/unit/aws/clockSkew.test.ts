// A computer clock more than 5 minutes off: AWS refuses the signature. That is not a credentials
// problem: the SDK corrects its clock offset from the refusal, so the next attempt on the same
// client goes through. The profile must not be paused, nor its clients thrown away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsLogSource } from '../../../src/aws/logs';
import { classifyAwsError } from '../../../src/aws/errors';
import { systemClock } from '../../../src/core/clock';
import { Analyzer } from '../../../src/core/analysis/analyzer';
import { AccountPoller } from '../../../src/core/poll/accountPoller';
import { SourceError, type AccountSources } from '../../../src/core/ports';
import { withFakeAws, type FakeAws, type RecordedRequest } from './fakeAws';

const MINUTE = 60_000;

/** SigV4's basic time format, as AWS writes it in its messages. */
function amzTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * The fake answers as CloudWatch Logs does when its clock is `skewMs` ahead of ours: a request
 * signed more than 5 minutes away from AWS's time is refused with InvalidSignatureException;
 * every answer carries AWS's time in its Date header.
 */
function awsWithClockAhead(fake: FakeAws, skewMs: number): void {
  fake.respondBy((request: RecordedRequest) => {
    const awsNow = Date.now() + skewMs;
    const signed = Date.parse(String(request.headers['x-amz-date']).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    const headers = { date: new Date(awsNow).toUTCString(), 'content-type': 'application/x-amz-json-1.1' };
    if (signed < awsNow - 5 * MINUTE) {
      return { status: 400, headers, body: { __type: 'InvalidSignatureException', message: `Signature expired: ${amzTime(signed)} is now earlier than ${amzTime(awsNow - 5 * MINUTE)} (${amzTime(awsNow)} - 5 min.)` } };
    }
    return { status: 200, headers, body: { events: [], searchedLogStreams: [] } };
  });
}

test('"Signature expired" from the real SDK is a retryable clock problem that says so; the same client then gets through', async () => {
  await withFakeAws(async (fake, pool, target) => {
    awsWithClockAhead(fake, 10 * MINUTE);
    const logs = new AwsLogSource(() => pool.logs(target));
    const request = { logGroup: '/aws/lambda/checkout-api', start: Date.now() - MINUTE, end: Date.now() };
    const error = await logs.filterPage(request).then(
      () => assert.fail('the first call is refused'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SourceError);
    assert.equal(error.kind, 'unavailable');
    assert.equal(error.retryable, true);
    assert.equal(error.message, "AWS refused FilterLogEvents: the computer's clock is off by about 10 minutes (behind AWS's clock); syncing the clock fixes it (InvalidSignatureException).");
    // The SDK took AWS's time from the refusal: the next call on the same client is signed right.
    assert.deepEqual((await logs.filterPage(request)).events, []);
  });
});

test('the poller retries a clock refusal and stays out of the paused state, its clients kept', async () => {
  await withFakeAws(async (fake, pool, target) => {
    awsWithClockAhead(fake, 10 * MINUTE);
    const sources: AccountSources = {
      catalog: {
        listFunctions: async () => [{ name: 'checkout-api', arn: 'arn:aws:lambda:us-east-1:123456789012:function:checkout-api', memoryMb: 512, timeoutSeconds: 10, architecture: 'arm64', version: '$LATEST', logGroup: '/aws/lambda/checkout-api', logFormat: 'Text' }],
        tagsOf: async () => ({ tags: {} }),
      },
      metrics: { getMetrics: async (queries, window) => queries.map((query) => ({ query, points: query.metric === 'Invocations' ? [{ time: Math.floor(window.end / MINUTE) * MINUTE - MINUTE, value: 12 }] : [] })) },
      logs: new AwsLogSource(() => pool.logs(target)),
    };
    const poller = new AccountPoller({ sources, analyzer: new Analyzer(), clock: systemClock, backoff: { baseMs: 10, capMs: 20, maxAttempts: 3 } });
    const summary = await poller.runCycle();
    assert.equal(summary.health.state, 'ok', summary.health.reason);
    assert.equal(summary.calls.FilterLogEvents, 2, 'refused once, then read');
    assert.ok(summary.complete);
    assert.equal(pool.size, 1, 'the corrected client is still the one in use');
  });
});

/** An SDK v3 service exception of the given shape. */
function sdkError(name: string, message: string, status: number, extra: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status, attempts: 1, totalRetryDelay: 0, ...metadata }, ...extra });
}

test('other shapes of a clock refusal: the clock ahead, CloudWatch\'s query code, S3-style RequestTimeTooSkewed, the SDK\'s own mark', () => {
  const ahead = classifyAwsError(sdkError('InvalidSignatureException', 'Signature not yet current: 20261126T093000Z is still later than 20261126T092000Z (20261126T091500Z + 5 min.)', 403), 'ListFunctions');
  assert.equal(ahead.kind, 'unavailable');
  assert.match(ahead.message, /off by about 15 minutes \(ahead of AWS's clock\); syncing the clock fixes it/);
  const cloudWatch = classifyAwsError(sdkError('Error', 'Signature expired: 20261126T090000Z is now earlier than 20261126T090200Z (20261126T090700Z - 5 min.)', 400, { Code: 'SignatureDoesNotMatch' }), 'GetMetricData');
  assert.equal(cloudWatch.kind, 'unavailable');
  assert.match(cloudWatch.message, /GetMetricData: the computer's clock is off by about 7 minutes \(behind/);
  const skewed = classifyAwsError(sdkError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403, { RequestTime: '2026-11-26T09:00:00Z', ServerTime: '2026-11-26T09:20:00Z' }), 'GetMetricData');
  assert.equal(skewed.kind, 'unavailable');
  assert.match(skewed.message, /about 20 minutes \(behind/);
  const marked = classifyAwsError(sdkError('InvalidSignatureException', 'The request signature we calculated does not match the signature you provided.', 403, {}, { clockSkewCorrected: true }), 'FilterLogEvents');
  assert.equal(marked.kind, 'unavailable');
  assert.match(marked.message, /off by more than 5 minutes; syncing the clock fixes it/);
});

test('with the SDK\'s clock mark, a refusal that says what it is stays what it is (not retried as the clock)', () => {
  const denied = classifyAwsError(sdkError('AccessDeniedException', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/api', 400, {}, { clockSkewCorrected: true }), 'FilterLogEvents');
  assert.equal(denied.kind, 'accessDenied');
  const missing = classifyAwsError(sdkError('ResourceNotFoundException', 'The specified log group does not exist.', 400, {}, { clockSkewCorrected: true }), 'FilterLogEvents');
  assert.equal(missing.kind, 'notFound');
});

test('a signature that is simply wrong is still the credentials\' problem', () => {
  const wrong = classifyAwsError(sdkError('InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.', 403), 'FilterLogEvents');
  assert.equal(wrong.kind, 'credentials');
  assert.equal(classifyAwsError(sdkError('ExpiredTokenException', 'The security token included in the request is expired', 400), 'ListFunctions').kind, 'credentials');
});
