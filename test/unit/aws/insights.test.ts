// AwsInsightsSource against recorded Logs Insights responses: StartQuery, then GetQueryResults
// Running → Complete, rows as records, bytes scanned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsInsightsSource, MAX_LOG_GROUPS_PER_QUERY } from '../../../src/aws/insights';
import { SourceError } from '../../../src/core/ports';
import { fixture, withFakeAws } from './fakeAws';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);

test('StartQuery: groups, whole-second range widened outwards, the query and the 10,000-row limit', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('logs', 'startQuery'));
    const id = await new AwsInsightsSource(() => pool.logs(target)).startQuery(['/aws/lambda/a', '/aws/lambda/b'], T0 + 250, T0 + 3_600_250, 'stats count(*) by bin(5m)');
    assert.equal(id, '12ab3456-12ab-123a-789e-1234567890ab');
    assert.equal(fake.requests[0]?.target, 'Logs_20140328.StartQuery');
    assert.deepEqual(fake.jsonBody(0), {
      logGroupNames: ['/aws/lambda/a', '/aws/lambda/b'],
      startTime: T0 / 1000,
      endTime: T0 / 1000 + 3601,
      queryString: 'stats count(*) by bin(5m)',
      limit: 10_000,
    });
  });
});

test('StartQuery: more than 50 groups (or none) is refused before any call', async () => {
  await withFakeAws(async (fake, pool, target) => {
    const source = new AwsInsightsSource(() => pool.logs(target));
    const groups = Array.from({ length: MAX_LOG_GROUPS_PER_QUERY + 1 }, (_, i) => `/aws/lambda/f${i}`);
    await assert.rejects(source.startQuery(groups, T0, T0 + 60_000, 'q'), /1 to 50 log groups; got 51/);
    await assert.rejects(source.startQuery([], T0, T0 + 60_000, 'q'), RangeError);
    assert.equal(fake.requests.length, 0);
  });
});

test('StartQuery: LimitExceededException (30 concurrent queries) → throttled', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('logs', 'queryConcurrency'));
    const error = await new AwsInsightsSource(() => pool.logs(target)).startQuery(['/aws/lambda/a'], T0, T0 + 60_000, 'q').catch((e: unknown) => e);
    assert.ok(error instanceof SourceError);
    assert.equal(error.kind, 'throttled');
    assert.equal(error.details.code, 'LimitExceededException');
  });
});

test('GetQueryResults: Running, then Complete with rows as records and bytes scanned', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('insights', 'running'), fixture('insights', 'completeText'));
    const source = new AwsInsightsSource(() => pool.logs(target));
    const running = await source.queryResults('12ab3456-12ab-123a-789e-1234567890ab');
    assert.equal(fake.requests[0]?.target, 'Logs_20140328.GetQueryResults');
    assert.deepEqual(fake.jsonBody(0), { queryId: '12ab3456-12ab-123a-789e-1234567890ab' });
    assert.deepEqual(running, { status: 'Running', rows: [], bytesScanned: 4194304 });

    const complete = await source.queryResults('12ab3456-12ab-123a-789e-1234567890ab');
    assert.equal(complete.status, 'Complete');
    assert.equal(complete.bytesScanned, 9876543);
    assert.equal(complete.rows.length, 3);
    assert.deepEqual(complete.rows[2], {
      '@log': '123456789012:/aws/lambda/legacy-cron',
      binStart: '2026-11-26 09:00:00.000',
      invocations: '1',
      coldStarts: '1',
      durationP50: '3.21',
      durationP90: '3.21',
      durationP99: '3.21',
      durationMax: '3.21',
      initDurationMax: '151.9',
      billedGbSeconds: '5.0E-4',
    });
  });
});

test('GetQueryResults: @ptr is dropped from the rows', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('insights', 'fieldsQuery'));
    const results = await new AwsInsightsSource(() => pool.logs(target)).queryResults('q');
    assert.deepEqual(Object.keys(results.rows[0] ?? {}), ['@timestamp', '@message', '@memorySize']);
  });
});
