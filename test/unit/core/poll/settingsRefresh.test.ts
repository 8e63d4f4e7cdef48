import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { VirtualClock } from '../../../../src/core/clock';
import { AccountPoller } from '../../../../src/core/poll/accountPoller';
import { SettingsRefresh, type SettingsCandidate } from '../../../../src/core/poll/settingsRefresh';
import type { AccountSources, FunctionConfig, FunctionSettings, SettingsCall } from '../../../../src/core/ports';

const T0 = Date.UTC(2026, 10, 26, 9);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function config(name: string, lastModified = '2026-11-20T10:00:00.000+0000', codeSha256 = 'abc'): FunctionConfig {
  return { name, arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, memoryMb: 128, timeoutSeconds: 3, architecture: 'x86_64', version: '$LATEST', logGroup: `/aws/lambda/${name}`, logFormat: 'Text', lastModified, codeSha256 };
}

const candidate = (name: string, extra: Partial<SettingsCandidate> = {}): SettingsCandidate => ({ config: config(name), active: false, pinned: false, ...extra });
const read = (at: number, problems?: string[]): FunctionSettings => ({ reservedConcurrency: null, logRetentionDays: 30, readAt: at, ...(problems ? { problems } : {}) });
const names = (configs: FunctionConfig[]): string[] => configs.map((c) => c.name);

test('pinned, then active, then the rest; at most maxPerCycle', () => {
  const refresh = new SettingsRefresh({ maxPerCycle: 3 });
  const candidates = [candidate('a'), candidate('b', { active: true }), candidate('c'), candidate('d', { pinned: true }), candidate('e', { active: true })];
  assert.deepEqual(names(refresh.due(candidates, T0)), ['d', 'b', 'e']);
});

test('read once per refresh period; again at once after a redeploy', () => {
  const refresh = new SettingsRefresh({ refreshMs: 6 * HOUR });
  const fn = candidate('fn');
  assert.deepEqual(names(refresh.due([fn], T0)), ['fn']);
  refresh.record(fn.config, read(T0), T0);
  assert.deepEqual(refresh.settingsOf('fn'), read(T0));
  assert.deepEqual(refresh.due([fn], T0 + 6 * HOUR - 1), [], 'not before six hours');
  assert.deepEqual(names(refresh.due([fn], T0 + 6 * HOUR)), ['fn']);
  // New code (CodeSha256) or a configuration change (LastModified): read again now.
  assert.deepEqual(names(refresh.due([{ ...fn, config: config('fn', '2026-11-20T10:00:00.000+0000', 'new') }], T0 + MINUTE)), ['fn']);
  assert.deepEqual(names(refresh.due([{ ...fn, config: config('fn', '2026-11-26T09:01:00.000+0000') }], T0 + MINUTE)), ['fn']);
});

test('a read with problems, or one that threw, is retried sooner and keeps what was known', () => {
  const refresh = new SettingsRefresh({ refreshMs: 6 * HOUR, retryMs: HOUR });
  const fn = candidate('fn');
  refresh.record(fn.config, read(T0, ['GetPolicy: throttled']), T0);
  assert.deepEqual(refresh.due([fn], T0 + HOUR - 1), []);
  assert.deepEqual(names(refresh.due([fn], T0 + HOUR)), ['fn']);
  refresh.record(fn.config, read(T0 + HOUR), T0 + HOUR);
  refresh.failed(fn.config, T0 + 7 * HOUR);
  assert.deepEqual(refresh.settingsOf('fn'), read(T0 + HOUR), 'the last good read stays');
  assert.deepEqual(names(refresh.due([fn], T0 + 8 * HOUR)), ['fn']);
});

test('never-read and redeployed functions come before merely old ones, oldest first', () => {
  const refresh = new SettingsRefresh({ refreshMs: HOUR });
  refresh.record(config('old'), read(T0), T0);
  refresh.record(config('older'), read(T0 - MINUTE), T0 - MINUTE);
  refresh.record(config('redeployed'), read(T0), T0);
  const due = refresh.due([candidate('old'), candidate('older'), { ...candidate('redeployed'), config: config('redeployed', 'later') }, candidate('new')], T0 + 2 * HOUR);
  assert.deepEqual(names(due), ['new', 'redeployed', 'older', 'old']);
  refresh.retain(new Set(['old']));
  assert.equal(refresh.settingsOf('older'), undefined, 'deleted functions are forgotten');
});

/** An account of `count` idle functions whose settings reads are counted, and fail when told. */
function account(count: number, fail: (name: string) => boolean = () => false): { sources: AccountSources; reads: string[] } {
  const reads: string[] = [];
  const configs = Array.from({ length: count }, (_, i) => config(`fn-${String(i).padStart(4, '0')}`));
  const sources: AccountSources = {
    catalog: {
      listFunctions: async () => configs,
      tagsOf: async () => ({ tags: {} }),
      settingsOf: async (fn, _signal, beforeCall) => {
        for (const call of ['GetFunctionConcurrency', 'GetPolicy', 'DescribeLogGroups'] as SettingsCall[]) await beforeCall?.(call);
        reads.push(fn.name);
        if (fail(fn.name)) throw new Error('boom');
        return { reservedConcurrency: null, logRetentionDays: 14, readAt: 0 };
      },
    },
    metrics: { getMetrics: async (queries) => queries.map((query) => ({ query, points: [] })) },
    logs: { filterPage: async () => ({ events: [], bytes: 2 }) },
  };
  return { sources, reads };
}

test('poller: a 1,000-function account spreads its settings reads over cycles, counted and rate-limited', async () => {
  const clock = new VirtualClock(T0);
  const { sources, reads } = account(1_000);
  const poller = new AccountPoller({ sources, analyzer: new Analyzer(), clock });
  poller.pin('fn-0999');
  const initial = await poller.runCycle();
  assert.equal(reads.length, 0, 'none in the first cycle, the one the user waits for');
  assert.equal(initial.calls.GetFunctionSettings, undefined);
  clock.advance(Math.max(0, T0 + MINUTE - clock.now()));
  const first = await poller.runCycle();
  assert.equal(reads.length, 5);
  assert.equal(reads[0], 'fn-0999', 'pinned first');
  assert.equal(first.calls.GetFunctionSettings, 10);
  assert.equal(first.calls.DescribeLogGroups, 5);
  // 5 DescribeLogGroups at 1/s: the cycle waited for its bucket, on the virtual clock, and no longer.
  assert.ok(first.endedAt - first.startedAt >= 4_000 && first.endedAt - first.startedAt < 6_000, `${first.endedAt - first.startedAt} ms`);
  const statuses = poller.functions(T0, T0 + MINUTE);
  assert.equal(statuses.find((s) => s.config.name === 'fn-0999')?.settings?.logRetentionDays, 14);
  assert.equal(statuses.filter((s) => s.settings !== undefined).length, 5);
  for (let cycle = 2; cycle <= 200; cycle++) {
    clock.advance(Math.max(0, T0 + cycle * MINUTE - clock.now()));
    await poller.runCycle();
  }
  assert.equal(new Set(reads).size, 1_000, 'every function read once in 200 cycles');
  assert.equal(reads.length, 1_000, 'none twice');
  clock.advance(MINUTE);
  assert.equal((await poller.runCycle()).calls.GetFunctionSettings, undefined, 'nothing due until six hours have passed');
});

test('poller: a settings read that throws never breaks the cycle', async () => {
  const clock = new VirtualClock(T0);
  const { sources, reads } = account(3, (name) => name === 'fn-0001');
  const poller = new AccountPoller({ sources, analyzer: new Analyzer(), clock });
  await poller.runCycle();
  clock.advance(MINUTE);
  const summary = await poller.runCycle();
  assert.equal(summary.health.state, 'ok');
  assert.equal(reads.length, 3);
  const settings = new Map(poller.functions(T0 - MINUTE, T0).map((s) => [s.config.name, s.settings]));
  assert.equal(settings.get('fn-0001'), undefined);
  assert.equal(settings.get('fn-0002')?.reservedConcurrency, null);
});

test('poller: an abort during a settings read ends the cycle as aborted', async () => {
  const clock = new VirtualClock(T0);
  const controller = new AbortController();
  const { sources } = account(3);
  const settingsOf = sources.catalog.settingsOf;
  assert.ok(settingsOf);
  const aborting: AccountSources = {
    ...sources,
    catalog: {
      ...sources.catalog,
      settingsOf: async (fn, signal, beforeCall) => {
        controller.abort();
        return settingsOf(fn, signal, beforeCall);
      },
    },
  };
  const poller = new AccountPoller({ sources: aborting, analyzer: new Analyzer(), clock });
  await poller.runCycle(controller.signal);
  clock.advance(MINUTE);
  await assert.rejects(poller.runCycle(controller.signal), (error: Error & { kind?: string }) => error.kind === 'aborted');
});
