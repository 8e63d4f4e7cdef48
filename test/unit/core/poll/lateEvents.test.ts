// Events CloudWatch ingests late, and a local clock that runs ahead of AWS's: the poller must
// deliver every event exactly once however late it becomes visible (within minutes), never claim
// its logs complete past events still to come, and keep to one FilterLogEvents call per group per
// cycle when nothing is late.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { VirtualClock } from '../../../../src/core/clock';
import { AccountPoller } from '../../../../src/core/poll/accountPoller';
import { IngestionLag } from '../../../../src/core/poll/ingestionLag';
import type { LogEvent } from '../../../../src/core/logEvent';
import type { AccountSources, LogPageRequest } from '../../../../src/core/ports';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const MINUTE = 60_000;

interface Stored {
  readonly event: LogEvent;
  /** Ingestion time on AWS's clock. */
  readonly ingestedAt: number;
}

interface LateAccountOptions {
  readonly functions: readonly string[];
  /** Traffic runs from `from` for `minutes`, one invocation per function every `everyMs` (AWS time). */
  readonly from: number;
  readonly minutes: number;
  readonly everyMs?: number;
  /** Ingestion delay of the n-th invocation, started at AWS time `at`. */
  readonly delayOf: (n: number, at: number) => number;
  /** The local clock runs this far ahead of AWS's. */
  readonly clockAheadMs?: number;
  /** Events before `before` were written all at once at `ingestedAt` (a backfill, or an import). */
  readonly backfill?: { readonly before: number; readonly ingestedAt: number };
}

/** START/END/REPORT of one 20 ms invocation, as Lambda writes them. */
function invocationEvents(fn: string, n: number, at: number, ingestedAt: number): Stored[] {
  const rid = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const stream = `2026/11/26/[$LATEST]${'a'.repeat(32)}`;
  const lines = [
    [at, `START RequestId: ${rid} Version: $LATEST\n`],
    [at + 20, `END RequestId: ${rid}\n`],
    [at + 20, `REPORT RequestId: ${rid}\tDuration: 20.00 ms\tBilled Duration: 20 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`],
  ] as const;
  return lines.map(([timestamp, message], i) => ({
    event: { logGroupName: `/aws/lambda/${fn}`, logStreamName: stream, timestamp, message, eventId: `${fn}-${n}-${i}`, ingestionTime: ingestedAt + (timestamp - at) },
    ingestedAt: ingestedAt + (timestamp - at),
  }));
}

/** An account whose events become visible `delayOf` after their timestamps; the clock is local. */
function lateAccount(clock: VirtualClock, options: LateAccountOptions) {
  const every = options.everyMs ?? 2_000;
  const ahead = options.clockAheadMs ?? 0;
  const stored = new Map<string, Stored[]>();
  for (const fn of options.functions) {
    const list: Stored[] = [];
    for (let at = options.from, n = 0; at < options.from + options.minutes * MINUTE; at += every, n++) {
      const backfilled = options.backfill && at < options.backfill.before ? options.backfill.ingestedAt : undefined;
      const ingestedAt = backfilled ?? at + options.delayOf(n, at);
      list.push(...invocationEvents(fn, n, at, ingestedAt));
    }
    stored.set(`/aws/lambda/${fn}`, list.sort((a, b) => a.event.timestamp - b.event.timestamp));
  }
  const requests: LogPageRequest[] = [];
  const sources: AccountSources = {
    catalog: {
      listFunctions: async () => options.functions.map((name) => ({ name, arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, memoryMb: 128, timeoutSeconds: 3, architecture: 'x86_64' as const, version: '$LATEST', logGroup: `/aws/lambda/${name}`, logFormat: 'Text' as const })),
      tagsOf: async () => ({ tags: {} }),
    },
    // Every function invoked every minute: all are active, logs read each cycle.
    metrics: { getMetrics: async (queries, window) => queries.map((query) => ({ query, points: query.metric === 'Invocations' ? [{ time: Math.floor((window.end - ahead) / MINUTE) * MINUTE - MINUTE, value: 30 }] : [] })) },
    logs: {
      filterPage: async (request) => {
        requests.push(request);
        const awsNow = clock.now() - ahead;
        const events = (stored.get(request.logGroup) ?? []).filter((s) => s.event.timestamp >= request.start && s.event.timestamp < request.end && s.ingestedAt <= awsNow).map((s) => s.event);
        return { events, bytes: events.length * 300 };
      },
    },
  };
  return { sources, requests, stored };
}

interface Run {
  /** Events delivered to the analyzer, and how many were delivered again. */
  readonly delivered: number;
  readonly truth: number;
  readonly duplicates: number;
  readonly poller: AccountPoller;
  readonly requests: LogPageRequest[];
  readonly filterCalls: number[];
  /** Cycles whose logsCompleteUpTo claimed an event that had not been delivered. */
  readonly falseClaims: number;
}

/** Polls every minute from the start of traffic until every event has long been visible. */
async function poll(options: LateAccountOptions & { overlapMs?: number; extraMinutes?: number; startAt?: number; lookbackMs?: number }): Promise<Run> {
  const ahead = options.clockAheadMs ?? 0;
  const startAt = options.startAt ?? options.from;
  const clock = new VirtualClock(startAt + ahead);
  const account = lateAccount(clock, options);
  const analyzer = new Analyzer();
  const delivered = new Set<string>();
  let duplicates = 0;
  const counting = Object.create(analyzer) as Analyzer;
  counting.ingestFor = (fn, stream, timestamp, message, eventId, position) => {
    if (delivered.has(eventId ?? '')) duplicates++;
    delivered.add(eventId ?? '');
    return analyzer.ingestFor(fn, stream, timestamp, message, eventId, position);
  };
  const poller = new AccountPoller({ sources: account.sources, analyzer: counting, clock, initialLookbackMs: options.lookbackMs ?? 5 * MINUTE, overlapMs: options.overlapMs });
  const filterCalls: number[] = [];
  let falseClaims = 0;
  const cycles = (options.from + options.minutes * MINUTE - startAt) / MINUTE + (options.extraMinutes ?? 12);
  for (let m = 0; m < cycles; m++) {
    const summary = await poller.runCycle();
    filterCalls.push(summary.calls.FilterLogEvents ?? 0);
    for (const status of poller.functions(clock.now() - MINUTE, clock.now())) {
      const upTo = status.logsCompleteUpTo;
      if (upTo === undefined) continue;
      // "Complete up to" is a promise about AWS's timestamps: every event before it is delivered.
      const missing = (account.stored.get(status.config.logGroup) ?? []).some((s) => s.event.timestamp < upTo - ahead && !delivered.has(s.event.eventId ?? ''));
      if (missing) falseClaims++;
    }
    clock.advance(MINUTE);
  }
  return {
    delivered: delivered.size,
    truth: [...account.stored.values()].reduce((n, list) => n + list.length, 0),
    duplicates,
    poller,
    requests: account.requests,
    filterCalls,
    falseClaims,
  };
}

function assertAllOnce(run: Run): void {
  assert.equal(run.delivered, run.truth, 'every event is delivered');
  assert.equal(run.duplicates, 0, 'no event is delivered twice');
}

test('events ingested 45 s late are all delivered, once', async () => {
  const run = await poll({ functions: ['api'], from: T0, minutes: 30, delayOf: () => 45_000 });
  assertAllOnce(run);
  assert.equal(run.falseClaims, 0, 'logs are never claimed complete past events still to come');
});

test('one event in ten ingested two minutes late: none is lost', async () => {
  const run = await poll({ functions: ['api'], from: T0, minutes: 30, delayOf: (n) => (n % 10 === 0 ? 120_000 : 5_000) });
  assertAllOnce(run);
});

test('a local clock 60 s ahead of AWS loses nothing', async () => {
  const run = await poll({ functions: ['api'], from: T0, minutes: 30, delayOf: () => 5_000, clockAheadMs: 60_000 });
  assertAllOnce(run);
  assert.equal(run.falseClaims, 0);
});

test('a clock 8 minutes ahead (past the minimum overlap) is measured from ingestion times, and loses nothing', async () => {
  // The first read (the default 15-minute lookback) meets events written minutes before the local now.
  const run = await poll({ functions: ['api'], from: T0, minutes: 30, startAt: T0 + 5 * MINUTE, lookbackMs: 15 * MINUTE, delayOf: () => 5_000, clockAheadMs: 8 * MINUTE });
  assertAllOnce(run);
  assert.equal(run.falseClaims, 0);
});

test('a delay that grows to seven minutes, past the minimum overlap, widens the overlap before it outgrows it', async () => {
  // 5 s at first, then 10 s more every minute: 7 min after 40 minutes.
  const run = await poll({ functions: ['api'], from: T0, minutes: 40, extraMinutes: 20, delayOf: (_n, at) => 5_000 + ((at - T0) / MINUTE) * 10_000 });
  assertAllOnce(run);
  assert.equal(run.falseClaims, 0);
  const widest = Math.max(...run.requests.map((r) => r.end - r.start));
  assert.ok(widest > 12 * MINUTE, `the overlap followed the delay (widest read ${widest / MINUTE} min)`);
});

test('nothing late: one FilterLogEvents call per group per cycle, re-reading the minimum overlap only', async () => {
  const run = await poll({ functions: ['api', 'worker', 'cron'], from: T0, minutes: 20, delayOf: (n) => 2_000 + (n % 7) * 1_000 });
  assertAllOnce(run);
  assert.ok(run.filterCalls.slice(1).every((n) => n === 3), `calls per cycle: ${run.filterCalls.join(' ')}`);
  const steady = run.requests.slice(-3);
  for (const r of steady) assert.equal(r.end - r.start, 4 * MINUTE, 'a minute of new time and three of overlap');
});

test('a backfill of old events met on the first read does not widen the overlap', async () => {
  const startAt = T0 + 20 * MINUTE;
  // Twenty minutes of events written at once just before polling starts, then live traffic.
  const run = await poll({ functions: ['api'], from: T0, minutes: 40, startAt, lookbackMs: 30 * MINUTE, delayOf: () => 5_000, backfill: { before: startAt, ingestedAt: startAt - 1_000 } });
  assertAllOnce(run);
  // The first cycle reads the 30-minute lookback in two windows; the reads after keep the minimum overlap.
  const later = run.requests.slice(2);
  assert.ok(later.every((r) => r.end - r.start === 4 * MINUTE), `reads after the first cycle: ${later.map((r) => (r.end - r.start) / MINUTE).join(' ')} min`);
});

test('the ingestion lag: a high percentile of the delays, widened to twice that, the clock running ahead added', () => {
  const lag = new IngestionLag(3 * MINUTE);
  assert.equal(lag.lagMs, 30_000, 'nothing observed yet: the least lag');
  assert.equal(lag.overlapMs, 3 * MINUTE);
  // 1,000 events: most 5–14 s late, 2% four minutes late.
  for (let i = 0; i < 1000; i++) {
    const delay = i % 50 === 0 ? 240_000 : 5_000 + (i % 10) * 1_000;
    lag.sampleDelay({ logGroupName: 'g', logStreamName: 's', timestamp: T0, message: 'REPORT', ingestionTime: T0 + delay });
  }
  lag.samplePage([{ logGroupName: 'g', logStreamName: 's', timestamp: T0, message: 'x', ingestionTime: T0 + 1_000 }], T0 + 1_000 + 90_000);
  lag.endCycle();
  assert.equal(lag.delayMs, 241_000);
  assert.equal(lag.clockAheadMs, 90_000);
  assert.equal(lag.lagMs, 331_000);
  assert.equal(lag.overlapMs, 662_000);
  // Quiet cycles keep what was learnt; ten ordinary cycles forget the burst.
  lag.endCycle();
  assert.equal(lag.delayMs, 241_000);
  for (let c = 0; c < 10; c++) {
    lag.sampleDelay({ logGroupName: 'g', logStreamName: 's', timestamp: T0, message: 'REPORT', ingestionTime: T0 + 8_000 });
    lag.samplePage([{ logGroupName: 'g', logStreamName: 's', timestamp: T0, message: 'x', ingestionTime: T0 }], T0 + 2_000);
    lag.endCycle();
  }
  assert.equal(lag.delayMs, 9_000);
  assert.equal(lag.clockAheadMs, 2_000);
  assert.equal(lag.lagMs, 30_000);
  assert.equal(lag.overlapMs, 3 * MINUTE);
});
