// The integration toolchain checks itself: moto starts, the seeded account reads back through the
// real SDK exactly as the ground truth says, and the fault proxy's faults reach the SDK as the
// errors AWS would send. The moto behaviours the AWS adapters must live with are pinned here too,
// so that a moto upgrade that changes them is noticed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogStreamsCommand, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DEMO_FUNCTIONS } from '../../src/demo/scenarios';
import { startFaultProxy, type FaultKind, type FaultPlan, type FaultProxy } from './support/faultProxy';
import { startMoto, type MotoServer } from './support/motoServer';
import { clientConfig, seedAccount, type SeededAccount } from './support/seedAccount';

const MINUTE = 60_000;
// A region of its own: a server shared by the whole run (LAMBDASCOPE_MOTO_URL) keeps it apart.
const REGION = 'eu-west-3';
const DENIED_GROUP = '/aws/lambda/report-generator';

interface SdkError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
}

/** The error a call fails with, or undefined when it succeeds. */
async function failureOf(call: Promise<unknown>): Promise<SdkError | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return error as SdkError;
  }
}

function clients(endpoint: string, maxAttempts?: number) {
  const config = { ...clientConfig(endpoint, REGION), ...(maxAttempts === undefined ? {} : { maxAttempts }) };
  return {
    lambda: new LambdaClient(config),
    logs: new CloudWatchLogsClient({ ...config, disableHostPrefix: true }),
    cloudwatch: new CloudWatchClient(config),
  };
}
type Clients = ReturnType<typeof clients>;

function destroy(c: Clients): void {
  c.lambda.destroy();
  c.logs.destroy();
  c.cloudwatch.destroy();
}

async function allEvents(logs: CloudWatchLogsClient, group: string, start: number, end: number, limit?: number, interleaved?: boolean) {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: group, startTime: start, endTime: end, nextToken, limit, interleaved }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
    pages++;
  } while (nextToken);
  return { events, pages };
}

const ceilMinute = (t: number): number => Math.ceil(t / MINUTE) * MINUTE;

describe('integration harness', () => {
  let moto: MotoServer | undefined;
  let seeded: SeededAccount;
  let direct: Clients;

  before(async () => {
    const started = Date.now();
    moto = await startMoto();
    const ready = Date.now();
    seeded = await seedAccount(moto.url, { seed: 7, durationMs: 3 * MINUTE, region: REGION });
    direct = clients(moto.url);
    console.log(`# moto ready in ${ready - started} ms; seeded ${seeded.events} events in ${seeded.streams} streams in ${Date.now() - ready} ms`);
  });

  after(async () => {
    if (direct) destroy(direct);
    await moto?.stop();
  });

  describe('the seeded account reads back as the truth says', () => {
    test('ListFunctions returns every function with its configuration', async () => {
      const listed = (await direct.lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
      assert.deepEqual(listed.map((f) => f.FunctionName).sort(), [...seeded.functions].sort());
      for (const fn of DEMO_FUNCTIONS) {
        const config = listed.find((f) => f.FunctionName === fn.name);
        assert.ok(config, fn.name);
        assert.equal(config.Runtime, fn.runtime);
        assert.equal(config.MemorySize, fn.memorySizeMb);
        assert.equal(config.Timeout, fn.timeoutSeconds);
        assert.deepEqual(config.Architectures, [fn.architecture]);
        // moto 5.2.1 drops LoggingConfig; the seeder says so, and tests must not expect it back.
        const json = config.LoggingConfig?.LogFormat === 'JSON';
        assert.equal(json, fn.logFormat === 'JSON' && seeded.loggingConfigHonoured === true, `${fn.name} LoggingConfig`);
      }
    });

    test('FilterLogEvents returns exactly the seeded events of each group, over all pages', async () => {
      let total = 0;
      for (const name of seeded.functions) {
        const truth = seeded.truth.get(name);
        assert.ok(truth);
        const { events, pages } = await allEvents(direct.logs, `/aws/lambda/${name}`, seeded.start, seeded.end, 500);
        assert.equal(events.length, truth.events, `${name}: events`);
        assert.equal(pages, Math.max(1, Math.ceil(truth.events / 500)), `${name}: pages of 500`);
        total += events.length;
      }
      assert.equal(total, seeded.events);
    });

    test('GetMetricData sums equal the truth, over the window and minute by minute', async () => {
      const start = seeded.start;
      const end = ceilMinute(seeded.end) + MINUTE;
      const query = (id: string, fn: string, metric: string, stat: string, period: number): MetricDataQuery => ({
        Id: id,
        MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: [{ Name: 'FunctionName', Value: fn }] }, Period: period, Stat: stat },
      });
      const names = seeded.functions;
      const windowSeconds = (end - start) / 1000;
      const queries = names.flatMap((fn, i) => [
        query(`inv${i}`, fn, 'Invocations', 'Sum', windowSeconds),
        query(`err${i}`, fn, 'Errors', 'Sum', windowSeconds),
        query(`thr${i}`, fn, 'Throttles', 'Sum', windowSeconds),
        query(`dur${i}`, fn, 'Duration', 'SampleCount', windowSeconds),
        query(`min${i}`, fn, 'Invocations', 'Sum', 60),
      ]);
      const result = await direct.cloudwatch.send(new GetMetricDataCommand({ StartTime: new Date(start), EndTime: new Date(end), MetricDataQueries: queries }));
      const values = (id: string): number[] => result.MetricDataResults?.find((r) => r.Id === id)?.Values ?? [];
      const sum = (id: string): number => values(id).reduce((s, v) => s + v, 0);
      names.forEach((fn, i) => {
        const truth = seeded.truth.get(fn);
        assert.ok(truth);
        assert.equal(sum(`inv${i}`), truth.invocations, `${fn}: Invocations`);
        assert.equal(sum(`err${i}`), truth.failures, `${fn}: Errors`);
        assert.equal(sum(`thr${i}`), 0, `${fn}: Throttles`);
        assert.equal(sum(`dur${i}`), truth.invocations, `${fn}: Duration SampleCount`);
        // Minute by minute (moto answers newest first by default).
        const perMinute = (seeded.metrics.get(fn) ?? []).map((m) => m.invocations);
        assert.deepEqual([...values(`min${i}`)].reverse(), perMinute, `${fn}: per minute`);
      });
    });
  });

  // What moto does differently from AWS (or where AWS leaves room): the adapters must cope.
  describe('moto behaviours the adapters must live with', () => {
    test('eventIds are decimal counters, unique, and the same on every read', async () => {
      const group = `/aws/lambda/${seeded.functions[0]}`;
      const first = await allEvents(direct.logs, group, seeded.start, seeded.end);
      const second = await allEvents(direct.logs, group, seeded.start, seeded.end, 333);
      const ids = first.events.map((e) => e.eventId);
      assert.ok(ids.every((id) => id !== undefined && /^\d+$/.test(id)), 'decimal ids (AWS sends 56 digits)');
      assert.equal(new Set(ids).size, ids.length, 'unique');
      assert.deepEqual(second.events.map((e) => e.eventId), ids, 'stable across reads and page sizes');
    });

    test('FilterLogEvents answers stream by stream (creation order), time-ordered only with interleaved: true', async () => {
      const group = `/aws/lambda/${seeded.functions[0]}`;
      const { events } = await allEvents(direct.logs, group, seeded.start, seeded.end);
      const streams = (await direct.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams ?? [];
      assert.ok(streams.length > 1, 'several streams');
      // Each stream's events are contiguous and in time order…
      const seen: string[] = [];
      for (const e of events) if (seen.at(-1) !== e.logStreamName) seen.push(e.logStreamName ?? '');
      assert.equal(new Set(seen).size, seen.length, 'each stream contiguous');
      // …so across streams the answer is not in time order, as AWS's would be.
      const timeOrdered = (list: FilteredLogEvent[]) => list.every((e, i) => i === 0 || (e.timestamp ?? 0) >= (list[i - 1]?.timestamp ?? 0));
      assert.equal(timeOrdered(events), false, 'not interleaved by time');
      const interleaved = await allEvents(direct.logs, group, seeded.start, seeded.end, undefined, true);
      assert.equal(timeOrdered(interleaved.events), true, 'interleaved: true sorts by time');
    });

    test('FilterLogEvents endTime is inclusive', async () => {
      const group = `/aws/lambda/${seeded.functions[0]}`;
      const { events } = await allEvents(direct.logs, group, seeded.start, seeded.end);
      const t = events[0]?.timestamp;
      assert.ok(t !== undefined);
      const atT = events.filter((e) => e.timestamp === t).length;
      const upToT = await allEvents(direct.logs, group, seeded.start, t);
      assert.equal(upToT.events.filter((e) => e.timestamp === t).length, atT, 'events at endTime are returned');
    });
  });

  describe('fault proxy', () => {
    let proxy: FaultProxy;
    let once: Clients;

    before(async () => {
      assert.ok(moto);
      proxy = await startFaultProxy(moto.url, {});
      // Retries off: each call is one request, so every injected fault is seen.
      once = clients(proxy.url, 1);
    });

    after(async () => {
      if (once) destroy(once);
      await proxy?.close();
    });

    const group = `/aws/lambda/checkout-api`;
    const calls = {
      // A one-second window keeps moto's side of the many calls below cheap.
      Logs: (c: Clients) => c.logs.send(new FilterLogEventsCommand({ logGroupName: group, startTime: seeded.start, endTime: seeded.start + 1_000, limit: 10 })),
      CloudWatch: (c: Clients) =>
        c.cloudwatch.send(
          new GetMetricDataCommand({
            StartTime: new Date(seeded.start),
            EndTime: new Date(seeded.end + MINUTE),
            MetricDataQueries: [{ Id: 'a', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations' }, Period: 60, Stat: 'Sum' } }],
          }),
        ),
      Lambda: (c: Clients) => c.lambda.send(new ListFunctionsCommand({})),
    } as const;
    const operations = { Logs: 'FilterLogEvents', CloudWatch: 'GetMetricData', Lambda: 'ListFunctions' } as const;

    // [service, fault, SDK error name, HTTP status]
    const expected: ReadonlyArray<readonly [keyof typeof calls, FaultKind, string, number]> = [
      ['Logs', 'throttle', 'ThrottlingException', 400],
      ['Logs', 'http500', 'ServiceUnavailableException', 500],
      ['Logs', 'expiredToken', 'ExpiredTokenException', 400],
      ['Logs', 'accessDenied', 'AccessDeniedException', 400],
      ['CloudWatch', 'throttle', 'Throttling', 400],
      ['CloudWatch', 'http500', 'InternalServiceFault', 500],
      ['CloudWatch', 'expiredToken', 'ExpiredToken', 403],
      ['CloudWatch', 'accessDenied', 'AccessDenied', 403],
      ['Lambda', 'throttle', 'TooManyRequestsException', 429],
      ['Lambda', 'http500', 'ServiceException', 500],
      ['Lambda', 'expiredToken', 'ExpiredTokenException', 403],
      ['Lambda', 'accessDenied', 'AccessDeniedException', 403],
    ];

    test('(a) each fault reaches the SDK as the error AWS would send', async () => {
      for (const [service, fault, name, status] of expected) {
        proxy.setPlan({ rules: [{ operation: `${service}.${operations[service]}`, fault, times: 1 }] });
        const error = await failureOf(calls[service](once));
        assert.ok(error, `${service} ${fault}: fails`);
        assert.equal(error.name, name, `${service} ${fault}: name`);
        assert.equal(error.$metadata?.httpStatusCode, status, `${service} ${fault}: status`);
        if (fault === 'expiredToken') assert.match(error.message, /security token included in the request is expired/);
        // `times: 1`: the next call goes through.
        assert.equal(await failureOf(calls[service](once)), undefined, `${service} ${fault}: then succeeds`);
      }

      // Without x-amzn-query-error, the SDK names CloudWatch errors by __type instead.
      proxy.setPlan({ cloudWatchQueryErrors: false, rules: [{ operation: 'GetMetricData', fault: 'throttle', times: 1 }] });
      assert.equal((await failureOf(calls.CloudWatch(once)))?.name, 'ThrottlingException');

      // A reset connection: no HTTP status; the SDK's Node handler names it TimeoutError.
      for (const service of ['Logs', 'CloudWatch', 'Lambda'] as const) {
        proxy.setPlan({ rules: [{ operation: operations[service], fault: 'reset', times: 1 }] });
        const error = await failureOf(calls[service](once));
        assert.ok(error, `${service} reset: fails`);
        assert.equal(error.$metadata?.httpStatusCode, undefined, `${service} reset: no status`);
        assert.equal(error.name, 'TimeoutError', `${service} reset: name`);
        assert.equal(error.code, 'ECONNRESET', `${service} reset: code`);
        assert.match(error.message, /socket hang up/);
      }

      // A slow answer is late but right.
      proxy.setPlan({ slowMs: 300, rules: [{ operation: 'FilterLogEvents', fault: 'slow', times: 1 }] });
      const began = Date.now();
      assert.equal(await failureOf(calls.Logs(once)), undefined);
      assert.ok(Date.now() - began >= 290, 'delayed');

      // Expired credentials refuse every call of every service.
      proxy.setPlan({ expiredToken: true });
      assert.equal((await failureOf(calls.Logs(once)))?.name, 'ExpiredTokenException');
      assert.equal((await failureOf(calls.CloudWatch(once)))?.name, 'ExpiredToken');
      assert.equal((await failureOf(calls.Lambda(once)))?.name, 'ExpiredTokenException');
    });

    test("which faults the SDK's standard retry strategy retries by itself", async () => {
      const retrying = clients(proxy.url);
      try {
        for (const service of ['Logs', 'CloudWatch', 'Lambda'] as const) {
          for (const fault of ['throttle', 'http500', 'reset', 'expiredToken', 'accessDenied'] as const) {
            proxy.setPlan({ rules: [{ operation: operations[service], fault, times: 1 }] });
            proxy.resetStats();
            const error = await failureOf(calls[service](retrying));
            const retried = fault === 'throttle' || fault === 'http500' || fault === 'reset';
            assert.equal(error === undefined, retried, `${service} ${fault}: ${error?.name ?? 'succeeded'}`);
            assert.equal(proxy.stats.requests, retried ? 2 : 1, `${service} ${fault}: requests`);
          }
        }
      } finally {
        destroy(retrying);
      }
    });

    test('(b) at failureRate 0.3 with retries off some calls fail, and the stats count them', async () => {
      const plan: FaultPlan = { seed: 7, failureRate: 0.3, kinds: ['throttle', 'http500', 'reset', 'slow'], slowMs: 20 };
      const run = async () => {
        proxy.setPlan(plan);
        proxy.resetStats();
        const outcomes: string[] = [];
        for (let i = 0; i < 40; i++) {
          const error = await failureOf(calls.Logs(once));
          outcomes.push(error ? (error.code === 'ECONNRESET' ? 'reset' : error.name) : 'ok');
        }
        return outcomes;
      };
      const outcomes = await run();
      const op = proxy.stats.byOperation['Logs.FilterLogEvents'];
      assert.ok(op);
      const failed = outcomes.filter((o) => o !== 'ok').length;
      assert.ok(failed > 0 && failed < 40, `some fail: ${failed}/40`);
      assert.equal(op.requests, 40);
      // `slow` is injected but the call succeeds.
      assert.equal(op.faults - op.byKind.slow, failed);
      assert.equal(op.byKind.throttle, outcomes.filter((o) => o === 'ThrottlingException').length);
      assert.equal(op.byKind.http500, outcomes.filter((o) => o === 'ServiceUnavailableException').length);
      assert.equal(op.byKind.reset, outcomes.filter((o) => o === 'reset').length);
      assert.equal(proxy.stats.faults, op.faults);
      console.log(`# failureRate 0.3, seed 7: ${failed}/40 failed; injected ${JSON.stringify(op.byKind)}`);

      // The same seed and request sequence give the same faults.
      const history = proxy.stats.history.map((h) => h.fault ?? '-');
      assert.deepEqual(await run(), outcomes);
      assert.deepEqual(proxy.stats.history.map((h) => h.fault ?? '-'), history);

      // With the SDK's retries on (3 attempts), the same plan mostly goes unnoticed, at the cost
      // of more requests.
      proxy.setPlan({ ...plan, kinds: ['throttle', 'http500', 'reset'] });
      proxy.resetStats();
      const retrying = clients(proxy.url);
      try {
        let failedWithRetries = 0;
        for (let i = 0; i < 10; i++) if (await failureOf(calls.Logs(retrying))) failedWithRetries++;
        assert.ok(proxy.stats.requests > 10, 'retried');
        assert.ok(failedWithRetries < 3, `retries absorb most faults: ${failedWithRetries}/10 failed`);
      } finally {
        destroy(retrying);
      }
    });

    test('(c) AccessDenied hits only the named log group', async () => {
      proxy.setPlan({ seed: 1, accessDeniedLogGroups: [DENIED_GROUP] });
      proxy.resetStats();
      for (const name of seeded.functions) {
        const logGroup = `/aws/lambda/${name}`;
        const error = await failureOf(allEvents(once.logs, logGroup, seeded.start, seeded.end));
        if (logGroup === DENIED_GROUP) {
          assert.equal(error?.name, 'AccessDeniedException');
          assert.match(error?.message ?? '', /is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:eu-west-3:123456789012:log-group:\/aws\/lambda\/report-generator/);
        } else {
          assert.equal(error, undefined, `${name} readable`);
        }
      }
      // Every call on the group is refused, whichever way it is named.
      const byArn = await failureOf(
        once.logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: `arn:aws:logs:${REGION}:123456789012:log-group:${DENIED_GROUP}` })),
      );
      assert.equal(byArn?.name, 'AccessDeniedException');
      assert.equal(proxy.stats.byKind.accessDenied, 2);
      // Lambda and CloudWatch are untouched.
      assert.equal(await failureOf(calls.Lambda(once)), undefined);
      assert.equal(await failureOf(calls.CloudWatch(once)), undefined);
    });
  });
});
