// Logs Insights backfill through the real SDK against moto. moto completes queries at once but
// ignores `stats`, `filter` and `pct` (see moto-notes), so this checks the plumbing — StartQuery
// accepts the query text and the log groups, GetQueryResults is polled to completion, rows come
// back as records — while the aggregation and parsing are covered by unit tests on recorded shapes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openAwsAccount, type AwsAccount } from '../../src/aws/awsAccount';
import { runBackfill } from '../../src/core/backfill/backfillRunner';
import { systemClock } from '../../src/core/clock';
import { startMoto, type MotoServer } from './support/motoServer';
import { seedAccount, type SeededAccount } from './support/seedAccount';

const REGION = 'sa-east-1';
const MINUTE = 60_000;

describe('Logs Insights backfill against moto', () => {
  let moto: MotoServer;
  let seeded: SeededAccount;
  let account: AwsAccount;

  before(async () => {
    moto = await startMoto();
    seeded = await seedAccount(moto.url, { seed: 5, durationMs: 2 * MINUTE, region: REGION, start: Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE });
    account = await openAwsAccount({ region: REGION, endpointUrl: moto.url, env: { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', HOME: '/nonexistent-home' } });
  });

  after(async () => {
    account?.sources.dispose?.();
    await moto?.stop();
  });

  test('queries over every log group start, complete and return rows through the real SDK', async () => {
    const insights = account.sources.insights;
    assert.ok(insights);
    const groups = seeded.functions.map((name) => ({ logGroup: `/aws/lambda/${name}`, format: 'Text' as const }));
    const result = await runBackfill({ insights, clock: systemClock, groups, start: seeded.start, end: seeded.end + MINUTE, pollIntervalMs: 100 });
    assert.deepEqual(result.failed, []);
    assert.equal(result.queries, 1);
    // moto returns raw events instead of the aggregate rows: every row is unreadable as a bin,
    // and is counted as skipped rather than misread.
    assert.equal(result.records.length, 0);
    assert.ok(result.skippedRows > 0, `rows came back (${result.skippedRows})`);
  });

  test('a query naming a log group that does not exist is reported, not thrown', async () => {
    const insights = account.sources.insights;
    assert.ok(insights);
    const result = await runBackfill({ insights, clock: systemClock, groups: [{ logGroup: '/aws/lambda/does-not-exist', format: 'JSON' }], start: seeded.start, end: seeded.end, pollIntervalMs: 100, backoff: { baseMs: 10, capMs: 50, maxAttempts: 2 } });
    assert.equal(result.failed.length, 1);
    assert.match(result.failed[0]?.reason ?? '', /does-not-exist|not found|exist/i);
  });
});
