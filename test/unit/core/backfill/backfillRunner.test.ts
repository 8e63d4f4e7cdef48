import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBackfill, summarizeBackfill } from '../../../../src/core/backfill/backfillRunner';
import { VirtualClock } from '../../../../src/core/clock';
import { SourceError, type InsightsSource, type QueryResults } from '../../../../src/core/ports';

const START = Date.UTC(2026, 11, 1);
const END = START + 7 * 86_400_000;

function insightsTime(t: number): string {
  return new Date(t).toISOString().replace('T', ' ').replace('Z', '');
}

/** Logs Insights as the API answers: a query runs for a few polls, then returns string rows. */
function scriptedInsights(clock: VirtualClock, options: { failFirstStarts?: number; failedQueries?: Set<number> } = {}) {
  let running = 0;
  let maxRunning = 0;
  let starts = 0;
  const queries = new Map<string, { groups: readonly string[]; polls: number; query: string; index: number }>();
  const source: InsightsSource = {
    async startQuery(groups, start, end, query) {
      starts++;
      if (options.failFirstStarts && starts <= options.failFirstStarts) {
        throw new SourceError('throttled', 'LimitExceededException: too many concurrent queries', { code: 'LimitExceededException' });
      }
      assert.ok(groups.length >= 1 && groups.length <= 50, `a query names 1–50 groups, got ${groups.length}`);
      assert.equal(start, START);
      assert.equal(end, END);
      const id = `q-${queries.size}`;
      queries.set(id, { groups, polls: 0, query, index: queries.size });
      running++;
      maxRunning = Math.max(maxRunning, running);
      return id;
    },
    async queryResults(id): Promise<QueryResults> {
      const q = queries.get(id);
      assert.ok(q);
      q.polls++;
      if (q.polls < 3) return { status: 'Running', rows: [] };
      running--;
      if (options.failedQueries?.has(q.index)) return { status: 'Failed', rows: [] };
      const rows = q.groups.flatMap((group, i): Array<Record<string, string>> => [
        { '@log': `123456789012:${group}`, binStart: insightsTime(START), invocations: '100', coldStarts: '4', durationP99: String(200 + i), durationMax: '950.5', initDurationMax: '412.3', billedGbSeconds: '1.5E1' },
        { '@log': `123456789012:${group}`, binStart: insightsTime(START + 3_600_000), invocations: '50', coldStarts: '0', durationP99: '180', durationMax: '300', billedGbSeconds: '2.5' },
        // A bin after the window (StartQuery's end is inclusive): dropped.
        { '@log': `123456789012:${group}`, binStart: insightsTime(END), invocations: '7', coldStarts: '0', billedGbSeconds: '1' },
      ]);
      return { status: 'Complete', rows: [...rows, { '@log': 'broken', binStart: 'yesterday', invocations: 'many' }], bytesScanned: 1_000_000 };
    },
  };
  return { source, stats: () => ({ maxRunning, starts, queries }) };
}

test('120 log groups in two formats: queries of at most 50 groups, a few at a time, rows parsed and windowed', async () => {
  const clock = new VirtualClock(START);
  const { source, stats } = scriptedInsights(clock);
  const groups = Array.from({ length: 120 }, (_, i) => ({ logGroup: `/aws/lambda/fn-${i}`, format: i % 4 === 0 ? ('JSON' as const) : ('Text' as const) }));
  const result = await runBackfill({ insights: source, clock, groups, start: START, end: END, maxConcurrentQueries: 3 });
  // 90 text groups → 2 queries, 30 JSON groups → 1 query.
  assert.equal(result.queries, 3);
  assert.ok(stats().maxRunning <= 3);
  const formats = [...stats().queries.values()].map((q) => (q.query.includes('platform.report') ? 'JSON' : 'Text')).sort();
  assert.deepEqual(formats, ['JSON', 'Text', 'Text']);
  assert.equal(result.failed.length, 0);
  assert.equal(result.records.length, 240, 'two bins per group inside the window');
  assert.equal(result.skippedRows, 3, 'one unreadable row per query');
  assert.equal(result.bytesScanned, 3_000_000);
  const summary = summarizeBackfill(result.records);
  assert.equal(summary.length, 120);
  const fn0 = summary.find((s) => s.functionName === 'fn-0');
  assert.deepEqual(fn0, { functionName: 'fn-0', invocations: 150, coldStarts: 4, coldStartRate: 4 / 150, billedGbSeconds: 17.5, durationMaxMs: 950.5, worstBinP99Ms: 200, initDurationMaxMs: 412.3 });
});

test('a throttled StartQuery is retried; a failed query is reported with its groups and the others still count', async () => {
  const clock = new VirtualClock(START);
  const { source } = scriptedInsights(clock, { failFirstStarts: 2, failedQueries: new Set([0]) });
  const groups = Array.from({ length: 60 }, (_, i) => ({ logGroup: `/aws/lambda/g-${i}`, format: 'Text' as const }));
  const result = await runBackfill({ insights: source, clock, groups, start: START, end: END, maxConcurrentQueries: 1 });
  assert.equal(result.failed.length, 1);
  assert.equal(result.failed[0]?.logGroups.length, 50);
  assert.match(result.failed[0]?.reason ?? '', /Failed/);
  assert.equal(summarizeBackfill(result.records).length, 10);
});

test('a query that never completes is given up after the timeout', async () => {
  const clock = new VirtualClock(START);
  const stopped: string[] = [];
  const source: InsightsSource = {
    startQuery: async () => 'q',
    queryResults: async () => ({ status: 'Running', rows: [] }),
    stopQuery: async (id) => {
      stopped.push(id);
    },
  };
  const result = await runBackfill({ insights: source, clock, groups: [{ logGroup: '/aws/lambda/slow', format: 'Text' }], start: START, end: END, queryTimeoutMs: 60_000, pollIntervalMs: 5_000 });
  assert.equal(result.failed.length, 1);
  assert.match(result.failed[0]?.reason ?? '', /did not finish/);
  assert.ok(clock.now() - START >= 60_000);
  assert.deepEqual(stopped, ['q'], 'the query given up is stopped, freeing its concurrency slot');
});
