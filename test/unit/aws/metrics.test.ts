// AwsMetricSource against recorded CloudWatch responses. CloudWatch 3.1164 speaks awsJson1_0 in
// query-compatible mode (captured below from the real client), so that is what the fake answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsMetricSource, queryId } from '../../../src/aws/metrics';
import { MAX_QUERIES_PER_METRIC_CALL, SourceError } from '../../../src/core/ports';
import type { MetricQuery } from '../../../src/core/ports';
import { fixture, withFakeAws } from './fakeAws';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const WINDOW = { start: T0, end: T0 + 3 * 60_000, periodSeconds: 60 };
const QUERIES: MetricQuery[] = [
  { functionName: 'orders-api', metric: 'Invocations', stat: 'Sum' },
  { functionName: 'orders-api', metric: 'Duration', stat: 'Maximum' },
  { functionName: 'orders-worker', metric: 'Errors', stat: 'Sum' },
  { functionName: 'legacy-cron', metric: 'ConcurrentExecutions', stat: 'Maximum' },
];

test('GetMetricData: the wire protocol is awsJson1_0 (query-compatible), not CBOR or awsQuery', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('cloudwatch', 'getMetricDataPage2'));
    await new AwsMetricSource(() => pool.cloudWatch(target)).getMetrics(QUERIES, WINDOW);
    const [request] = fake.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, '/');
    assert.equal(request?.headers['content-type'], 'application/x-amz-json-1.0');
    assert.equal(request?.target, 'GraniteServiceVersion20100801.GetMetricData');
    assert.equal(request?.headers['x-amzn-query-mode'], 'true');
  });
});

test('GetMetricData: one query per MetricQuery, safe ids, Sum/Maximum only, epoch-second times', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('cloudwatch', 'getMetricDataPage2'));
    await new AwsMetricSource(() => pool.cloudWatch(target)).getMetrics(QUERIES, WINDOW);
    const body = fake.jsonBody(0);
    assert.equal(body.StartTime, T0 / 1000);
    assert.equal(body.EndTime, T0 / 1000 + 180);
    const queries = body.MetricDataQueries as Array<{ Id: string; MetricStat: { Stat: string; Period: number; Metric: { Namespace: string; MetricName: string; Dimensions: unknown } } }>;
    assert.equal(queries.length, QUERIES.length);
    for (const [i, q] of queries.entries()) {
      assert.match(q.Id, /^[a-z][a-zA-Z0-9_]*$/);
      assert.equal(q.Id, queryId(i));
      assert.equal(q.MetricStat.Metric.Namespace, 'AWS/Lambda');
      assert.equal(q.MetricStat.Period, 60);
      assert.ok(q.MetricStat.Stat === 'Sum' || q.MetricStat.Stat === 'Maximum', q.MetricStat.Stat);
    }
    assert.deepEqual(queries[3]?.MetricStat.Metric.Dimensions, [{ Name: 'FunctionName', Value: 'legacy-cron' }]);
    assert.equal(queries[1]?.MetricStat.Metric.MetricName, 'Duration');
  });
});

test('GetMetricData: follows NextToken and merges each query\'s datapoints across pages', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('cloudwatch', 'getMetricDataPage1'), fixture('cloudwatch', 'getMetricDataPage2'));
    const series = await new AwsMetricSource(() => pool.cloudWatch(target)).getMetrics(QUERIES, WINDOW);
    assert.equal(fake.requests.length, 2);
    assert.equal(fake.jsonBody(0).NextToken, undefined);
    assert.equal(fake.jsonBody(1).NextToken, 'AAEBAHgr5LS9CZpGF0cXBk2k6nQ0eE9vQnJpYXJ5VG9rZW5Gb3JUZXN0c09ubHk=');

    assert.deepEqual(
      series.map((s) => s.query),
      QUERIES,
    );
    const sorted = (i: number) => [...(series[i]?.points ?? [])].sort((a, b) => a.time - b.time);
    assert.deepEqual(sorted(0), [
      { time: T0, value: 3 },
      { time: T0 + 60_000, value: 12 },
      { time: T0 + 120_000, value: 7 },
    ]);
    assert.deepEqual(sorted(1), [
      { time: T0, value: 40.5 },
      { time: T0 + 60_000, value: 95.1 },
      { time: T0 + 120_000, value: 812.43 },
    ]);
    assert.deepEqual(sorted(2), [{ time: T0 + 60_000, value: 1 }]);
    // No datapoints at all: an empty series, not a missing one.
    assert.deepEqual(series[3]?.points, []);
  });
});

test('GetMetricData: no queries → no call; more than 500 → RangeError before any call', async () => {
  await withFakeAws(async (fake, pool, target) => {
    const source = new AwsMetricSource(() => pool.cloudWatch(target));
    assert.deepEqual(await source.getMetrics([], WINDOW), []);
    const tooMany = Array.from({ length: MAX_QUERIES_PER_METRIC_CALL + 1 }, (_, i): MetricQuery => ({ functionName: `f${i}`, metric: 'Invocations', stat: 'Sum' }));
    await assert.rejects(source.getMetrics(tooMany, WINDOW), RangeError);
    assert.equal(fake.requests.length, 0);
  });
});

async function metricsFail(name: string): Promise<SourceError> {
  return withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('cloudwatch', name));
    const error = await new AwsMetricSource(() => pool.cloudWatch(target)).getMetrics(QUERIES, WINDOW).catch((e: unknown) => e);
    assert.ok(error instanceof SourceError, String(error));
    return error;
  });
}

test('GetMetricData errors: Throttling (query-compatible code) → throttled, 500 → unavailable, AccessDenied → accessDenied', async () => {
  const throttled = await metricsFail('throttling');
  assert.equal(throttled.kind, 'throttled');
  assert.equal(throttled.details.code, 'Throttling');

  const unavailable = await metricsFail('internalError');
  assert.equal(unavailable.kind, 'unavailable');
  assert.equal(unavailable.details.httpStatus, 500);

  const denied = await metricsFail('accessDenied');
  assert.equal(denied.kind, 'accessDenied');
  assert.equal(denied.details.permission, 'cloudwatch:GetMetricData');
  assert.equal(denied.message, 'Access denied: the profile cannot call cloudwatch:GetMetricData. Grant it in the IAM policy.');
});
