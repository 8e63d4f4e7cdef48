// The Logs Insights backfill query (its text is the spec: golden strings, plus the structure that
// must hold whatever the wording) and the parsing of recorded GetQueryResults rows. moto ignores
// `filter`/`stats`/`pct`, so these are the only tests of the query's aggregation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  BACKFILL_FIELDS,
  MAX_LOG_GROUPS_PER_QUERY,
  MAX_INSIGHTS_ROWS,
  backfillBinMinutes,
  buildBackfillQuery,
  chunkLogGroups,
  parseBackfillRows,
  parseInsightsTime,
  splitLogField,
} from '../../../../src/core/backfill/insightsQuery';
import type { BackfillRecord } from '../../../../src/core/backfill/insightsQuery';

const FIXTURE = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/aws/insights.json'), 'utf8')) as Record<string, unknown>;
type ResultField = { field: string; value: string };

/** A recorded GetQueryResults body's rows as records (what InsightsSource.queryResults returns). */
function recordedRows(name: string): Array<Record<string, string>> {
  const entry = FIXTURE[name] as { body: { results: ResultField[][] } };
  return entry.body.results.map((fields) => Object.fromEntries(fields.map((f) => [f.field, f.value])));
}

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);

describe('buildBackfillQuery', () => {
  test('Text format, golden', () => {
    assert.equal(
      buildBackfillQuery('Text'),
      [
        'filter @type = "REPORT"',
        '| stats count(*) as invocations,',
        '    sum(strcontains(@message, "Init Duration")) as coldStarts,',
        '    pct(@duration, 50) as durationP50,',
        '    pct(@duration, 90) as durationP90,',
        '    pct(@duration, 99) as durationP99,',
        '    max(@duration) as durationMax,',
        '    max(@initDuration) as initDurationMax,',
        '    sum(@billedDuration / 1000 * @memorySize / 1000000 / 1024) as billedGbSeconds',
        '  by @log, bin(5m) as binStart',
      ].join('\n'),
    );
  });

  test('JSON format, golden', () => {
    assert.equal(
      buildBackfillQuery('JSON', 15),
      [
        'filter type = "platform.report"',
        '| stats count(*) as invocations,',
        '    count(record.metrics.initDurationMs) as coldStarts,',
        '    pct(record.metrics.durationMs, 50) as durationP50,',
        '    pct(record.metrics.durationMs, 90) as durationP90,',
        '    pct(record.metrics.durationMs, 99) as durationP99,',
        '    max(record.metrics.durationMs) as durationMax,',
        '    max(record.metrics.initDurationMs) as initDurationMax,',
        '    sum(record.metrics.billedDurationMs / 1000 * record.metrics.memorySizeMB / 1024) as billedGbSeconds',
        '  by @log, bin(15m) as binStart',
      ].join('\n'),
    );
  });

  /** The aliases a query defines, in order (`… as name`). */
  const aliases = (query: string): string[] => [...query.matchAll(/\bas (\w+)/g)].map((m) => m[1] ?? '');

  test('both formats: one filter, one stats, the same columns, grouped by @log and bin', () => {
    const columns = Object.values(BACKFILL_FIELDS).filter((f) => f !== BACKFILL_FIELDS.logGroup);
    for (const format of ['Text', 'JSON'] as const) {
      const query = buildBackfillQuery(format, 5);
      assert.equal(query.match(/^filter /gm)?.length, 1, format);
      assert.equal(query.match(/\| stats /g)?.length, 1, format);
      assert.deepEqual(aliases(query).sort(), [...columns].sort(), format);
      assert.match(query, /\n {2}by @log, bin\(5m\) as binStart$/, format);
      assert.doesNotMatch(query, /\b(parse|sort|limit)\b/, format);
    }
  });

  test('Text reads the discovered @fields only; JSON reads record.metrics only', () => {
    const text = buildBackfillQuery('Text');
    const json = buildBackfillQuery('JSON');
    assert.doesNotMatch(text, /record\./);
    assert.doesNotMatch(json.replace('@log', ''), /@(duration|memorySize|billedDuration|initDuration|type|message)\b/);
  });

  /** The arithmetic inside `sum(…) as billedGbSeconds` evaluated left to right with `values`. */
  function gbSeconds(query: string, values: Record<string, number>): number {
    const expression = /sum\(([^()]*)\) as billedGbSeconds/.exec(query)?.[1];
    assert.ok(expression, 'a sum for billedGbSeconds');
    const tokens = expression.split(/\s*([*/])\s*/);
    const operand = (token: string): number => values[token] ?? Number(token);
    let result = operand(tokens[0] ?? '');
    for (let i = 1; i < tokens.length; i += 2) {
      const value = operand(tokens[i + 1] ?? '');
      result = tokens[i] === '*' ? result * value : result / value;
    }
    return result;
  }

  test('billed GB-seconds: MB × ms as Lambda prices them, with @memorySize in bytes (1.28E8 = 128 MB)', () => {
    // 27 ms billed at 512 MB = 0.027 s × 0.5 GB.
    const expected = 0.027 * 0.5;
    assert.ok(Math.abs(gbSeconds(buildBackfillQuery('Text'), { '@billedDuration': 27, '@memorySize': 5.12e8 }) - expected) < 1e-12);
    assert.ok(Math.abs(gbSeconds(buildBackfillQuery('JSON'), { 'record.metrics.billedDurationMs': 27, 'record.metrics.memorySizeMB': 512 }) - expected) < 1e-12);
  });

  test('a bin must be a whole number of minutes', () => {
    assert.throws(() => buildBackfillQuery('Text', 0), RangeError);
    assert.throws(() => buildBackfillQuery('Text', 2.5), RangeError);
  });
});

describe('backfillBinMinutes and chunkLogGroups', () => {
  test('the finest bin whose rows fit in 10,000', () => {
    const hour = 3_600_000;
    assert.equal(backfillBinMinutes(hour, 1), 1);
    assert.equal(backfillBinMinutes(24 * hour, 1), 1); // 1,441 rows
    // A day of 50 groups: 289 five-minute bins × 50 = 14,450 rows, too many; 145 × 50 at 10m fit.
    assert.equal(backfillBinMinutes(24 * hour, 50), 10);
    assert.equal(backfillBinMinutes(365 * 24 * hour, 50), 1440);
  });

  test('rows never exceed the limit for the bin chosen', () => {
    for (const hours of [1, 3, 24, 72, 24 * 7, 24 * 30]) {
      for (const groups of [1, 10, 50]) {
        const minutes = backfillBinMinutes(hours * 3_600_000, groups);
        const rows = (Math.ceil((hours * 60) / minutes) + 1) * groups;
        if (minutes < 1440) assert.ok(rows <= MAX_INSIGHTS_ROWS, `${hours}h × ${groups} groups at ${minutes}m = ${rows} rows`);
      }
    }
  });

  test('chunks of at most 50, order kept, repeats dropped', () => {
    const groups = Array.from({ length: 120 }, (_, i) => `/aws/lambda/f${i}`);
    const chunks = chunkLogGroups([...groups, '/aws/lambda/f0']);
    assert.deepEqual(
      chunks.map((c) => c.length),
      [50, 50, 20],
    );
    assert.deepEqual(chunks.flat(), groups);
    assert.equal(MAX_LOG_GROUPS_PER_QUERY, 50);
    assert.deepEqual(chunkLogGroups(['a', 'b', 'c'], 2), [['a', 'b'], ['c']]);
    assert.deepEqual(chunkLogGroups([]), []);
    assert.throws(() => chunkLogGroups(['a'], 0), RangeError);
  });
});

describe('parseBackfillRows', () => {
  test('recorded Text-format results: typed per-function, per-bin records', () => {
    const { records, skipped } = parseBackfillRows(recordedRows('completeText'));
    assert.equal(skipped, 0);
    assert.deepEqual(records[0], {
      logGroup: '/aws/lambda/orders-api',
      accountId: '123456789012',
      functionName: 'orders-api',
      binStart: T0,
      invocations: 42,
      coldStarts: 2,
      durationP50Ms: 26.73,
      durationP90Ms: 88.1,
      durationP99Ms: 412.55,
      durationMaxMs: 431.07,
      initDurationMaxMs: 166.62,
      billedGbSeconds: 0.6295,
    } satisfies BackfillRecord);
    // A bin without a cold start has no init maximum (Insights leaves the null aggregate out).
    assert.equal(records[1]?.binStart, T0 + 5 * 60_000);
    assert.equal(records[1]?.coldStarts, 0);
    assert.equal(records[1]?.initDurationMaxMs, undefined);
    assert.ok(!('initDurationMaxMs' in (records[1] ?? {})));
    // E notation, as Insights prints small numbers.
    assert.equal(records[2]?.functionName, 'legacy-cron');
    assert.equal(records[2]?.billedGbSeconds, 0.0005);
  });

  test('recorded JSON-format results from a shared log group: the group\'s last segment names it', () => {
    const { records, skipped } = parseBackfillRows(recordedRows('completeJson'));
    assert.equal(skipped, 0);
    assert.equal(records[0]?.logGroup, '/shared/orders');
    assert.equal(records[0]?.functionName, 'orders');
    assert.equal(records[0]?.initDurationMaxMs, 174.055);
  });

  test('rows without a group, a bin or a count, or with a value that is not a number, are skipped and counted', () => {
    const malformed = FIXTURE.malformedRows as Array<Record<string, string>>;
    const good = recordedRows('completeText');
    const { records, skipped } = parseBackfillRows([...malformed, ...good]);
    assert.equal(skipped, malformed.length);
    assert.equal(records.length, good.length);
  });

  test('the bin column is also read under its expression name when the alias is missing', () => {
    const [row] = recordedRows('completeText');
    assert.ok(row);
    const { binStart, ...rest } = row;
    const { records } = parseBackfillRows([{ ...rest, 'bin(5m)': binStart ?? '' }]);
    assert.equal(records[0]?.binStart, T0);
  });

  test('Insights times and @log values', () => {
    assert.equal(parseInsightsTime('2026-11-26 09:05:00.000'), T0 + 300_000);
    assert.equal(parseInsightsTime('2026-11-26 09:05:00.5'), T0 + 300_500);
    assert.equal(parseInsightsTime('2026-11-26T09:05:00Z'), T0 + 300_000);
    assert.equal(parseInsightsTime('yesterday'), undefined);
    assert.deepEqual(splitLogField('123456789012:/aws/lambda/a'), { accountId: '123456789012', logGroup: '/aws/lambda/a' });
    assert.deepEqual(splitLogField('/aws/lambda/a'), { logGroup: '/aws/lambda/a' });
  });
});
