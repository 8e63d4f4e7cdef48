// The analyzer against the demo generator's ground truth: every count, every issue and the latency
// percentiles must match what the simulated account really did.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { buildAnalysisReport, type AnalysisReport, type FunctionReport, type PercentileReport } from '../../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';
import type { Invocation } from '../../../../src/core/invocation';
import { exactQuantile } from '../../../../src/core/stats/quantileSketch';
import { HOUR, MINUTE } from '../../../../src/core/stats/bucketSeries';
import { TrafficGenerator, type FunctionTruth, type TrafficOptions } from '../../../../src/demo/trafficGenerator';
import { DEMO_FUNCTIONS, type ErrorScenario, type SimulatedFunction } from '../../../../src/demo/scenarios';

// Hostile application text that looks like platform lines (see HOSTILE in trafficGenerator.ts).
const FAKE_REQUEST_IDS = ['fake-request', '00000000-0000-0000-0000-000000000000'];

interface Run {
  readonly functions: readonly SimulatedFunction[];
  readonly truth: ReadonlyMap<string, FunctionTruth>;
  readonly analyzer: Analyzer;
  readonly report: AnalysisReport;
  readonly invocations: Invocation[];
  readonly events: number;
  readonly hostileEvents: number;
}

function analyze(options: TrafficOptions): Run {
  const generator = new TrafficGenerator({ ...options, keepDurations: true });
  const invocations: Invocation[] = [];
  const analyzer = new Analyzer({ onInvocation: (i) => invocations.push(i) });
  let events = 0;
  let hostileEvents = 0;
  for (const event of generator) {
    events++;
    if (FAKE_REQUEST_IDS.some((id) => event.message.includes(id))) hostileEvents++;
    analyzer.ingest(event);
  }
  analyzer.flush();
  return {
    functions: options.functions ?? DEMO_FUNCTIONS,
    truth: generator.truth,
    analyzer,
    report: buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES }),
    invocations,
    events,
    hostileEvents,
  };
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

function scenarioOf(run: Run, functionName: string, scenarioId: string): ErrorScenario {
  const scenario = run.functions.find((f) => f.name === functionName)?.scenarios.find((s) => s.id === scenarioId);
  assert.ok(scenario, `scenario ${scenarioId} of ${functionName}`);
  return scenario;
}

/** The multiset of issues as sorted `title | kind | count | handled` keys. */
function issueKeys(issues: ReadonlyArray<{ title: string; kind: string; count: number; handled: boolean }>): string[] {
  return issues.map((i) => `${i.title} | ${i.kind} | ${i.count} | ${i.handled ? 'handled' : 'failure'}`).sort();
}

/**
 * Sketch figures are within 1% of the exact quantile (same rank convention); the report also
 * rounds them to 2 decimals, which adds at most 0.005 ms.
 */
function assertPercentiles(actual: PercentileReport | null | undefined, values: readonly number[], what: string): void {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) {
    assert.equal(actual, undefined, `${what}: no values, no percentiles`);
    return;
  }
  assert.ok(actual, `${what}: percentiles present`);
  assert.equal(actual.count, sorted.length, `${what}: count`);
  assert.equal(actual.min, round(sorted[0] as number, 2), `${what}: min`);
  assert.equal(actual.max, round(sorted[sorted.length - 1] as number, 2), `${what}: max`);
  for (const [key, q] of [['p50', 0.5], ['p90', 0.9], ['p95', 0.95], ['p99', 0.99]] as const) {
    const exact = exactQuantile(sorted, q);
    const got = actual[key];
    assert.ok(Math.abs(got - exact) <= 0.01 * exact + 0.005 + 1e-9, `${what} ${key}: ${got} vs exact ${exact} (n=${sorted.length})`);
  }
}

function checkFunction(run: Run, f: FunctionReport): void {
  const truth = run.truth.get(f.name);
  assert.ok(truth, `truth for ${f.name}`);
  const monitor = run.analyzer.monitor(f.name);

  assert.equal(f.invocations, truth.invocations, 'invocations');
  assert.equal(f.errors, truth.failures, 'errors (failed invocations of every kind)');
  assert.equal(f.timeouts, truth.timeouts, 'timeouts');
  assert.equal(f.outOfMemory, truth.outOfMemory, 'outOfMemory');
  assert.equal(f.initErrors, truth.initErrors, 'initErrors');
  assert.equal(f.crashes, truth.crashes, 'crashes');
  assert.equal(f.coldStarts, truth.coldStarts, 'coldStarts');
  assert.equal(f.handledErrors, truth.handledErrors, 'handledErrors');
  assert.equal(f.snapStartRestores, 0, 'the demo account has no SnapStart');
  // To 4 decimals. Billed ms × 0.25 GB lands exactly on a half unit of the 4th decimal (e.g.
  // 216.11375), where two float sums in different orders may round either way: allow that tie.
  assert.ok(Math.abs(f.billedGbSeconds - truth.billedGbSeconds) <= 0.00005 + 1e-9, `billedGbSeconds ${f.billedGbSeconds} vs ${truth.billedGbSeconds}`);
  assert.equal(f.incomplete, 0, 'every simulated invocation ends with a REPORT');
  assert.equal(f.duplicateEvents, 0, 'the generator writes every event once');
  assert.equal(f.lateEvents, 0, 'each stream is written in time order');

  // Issues: the multiset of (title, kind, count, handled) is the truth's.
  const expectedIssues = [...truth.issues.entries()].map(([id, issue]) => ({
    title: issue.title,
    kind: issue.kind,
    count: issue.count,
    handled: scenarioOf(run, f.name, id).outcome === 'handled',
  }));
  assert.deepEqual(issueKeys(f.issues), issueKeys(expectedIssues), 'issues');

  // Every failed invocation is in exactly one issue, and so is every standalone init failure
  // (FunctionMonitor.initFailure records one occurrence per init failure no invocation took).
  // The generator retries every failed init inside an invocation that fails, so there are none.
  assert.equal(monitor.standaloneInitFailures, 0, 'standalone init failures');
  const failureOccurrences = f.issues.filter((i) => !i.handled).reduce((n, i) => n + i.count, 0);
  assert.equal(failureOccurrences, f.errors + monitor.standaloneInitFailures, 'non-handled issue occurrences = failed invocations + standalone init failures');
  const handledOccurrences = f.issues.filter((i) => i.handled).reduce((n, i) => n + i.count, 0);
  assert.equal(handledOccurrences, f.handledErrors, 'handled issue occurrences = handled errors');

  assertPercentiles(f.durationMs, truth.durations, 'durationMs');
  assertPercentiles(f.initDurationMs, truth.initDurations, 'initDurationMs');
  assert.equal((f.warmDurationMs?.count ?? 0) + (f.coldDurationMs?.count ?? 0), truth.invocations, 'warm + cold durations');
  assert.equal(f.coldDurationMs?.count ?? 0, truth.coldStarts, 'cold durations');
}

function groundTruthSuite(label: string, options: TrafficOptions): void {
  describe(label, () => {
    let run: Run;
    before(() => {
      run = analyze(options);
    });

    test('the analyzer finds exactly the simulated functions', () => {
      assert.deepEqual(
        run.report.functions.map((f) => f.name),
        [...run.truth.keys()].sort(),
      );
      const total = [...run.truth.values()].reduce((n, t) => n + t.events, 0);
      assert.equal(run.events, total, 'events yielded = events the truth counts');
    });

    test('fake platform lines inside application lines create no invocations', () => {
      assert.ok(run.hostileEvents > 0, 'the corpus has application lines that contain START/REPORT text');
      const ids = run.invocations.map((i) => i.requestId);
      // Once per attempt: a retried asynchronous request has one invocation per attempt.
      const retries = [...run.truth.values()].reduce((n, t) => n + t.retries, 0);
      assert.equal(new Set(ids).size, ids.length - retries, 'each request id assembled once per attempt');
      for (const fake of FAKE_REQUEST_IDS) assert.ok(!ids.includes(fake), `no invocation ${fake}`);
      const truthTotal = [...run.truth.values()].reduce((n, t) => n + t.invocations, 0);
      assert.equal(run.invocations.length, truthTotal);
      assert.ok(run.invocations.every((i) => i.reported), 'every invocation has its REPORT');
    });

    test(
      'billedGbSeconds is the exact sum rounded to 4 decimals',
      () => {
        for (const fn of run.functions) {
          const truth = run.truth.get(fn.name);
          const f = run.report.functions.find((r) => r.name === fn.name);
          assert.ok(truth && f);
          // The generator bills Math.ceil(durationMs). ms × MB × 10 / 1024 is GB-s × 10⁴, exact in binary
          // (an integer over a power of two), so Math.round gives the correctly rounded 4th decimal.
          const billedMs = truth.durations.reduce((n, d) => n + Math.ceil(d), 0);
          const expected = Math.round((billedMs * fn.memorySizeMb * 10) / 1024) / 1e4;
          assert.equal(f.billedGbSeconds, expected, `${fn.name}: ${billedMs} ms × ${fn.memorySizeMb} MB`);
        }
      },
    );

    for (const fn of options.functions ?? DEMO_FUNCTIONS) {
      test(`${fn.name}: counts, issues and percentiles equal the truth`, () => {
        const f = run.report.functions.find((r) => r.name === fn.name);
        assert.ok(f, `${fn.name} in the report`);
        checkFunction(run, f);
      });
    }
  });
}

// Full rate: node/python/java, text and JSON, OOM kills, crashes, timeouts, handled errors.
groundTruthSuite('ground truth: seed 3, 30 simulated minutes at full rate', { seed: 3, durationMs: 30 * MINUTE, hostileEvery: 7 });

// Asynchronous functions: each failed invocation is retried (same request id) up to twice, a
// minute and then two later, often in the same environment; every attempt is an invocation.
groundTruthSuite('ground truth: seed 5, 40 simulated minutes, two functions invoked asynchronously', {
  seed: 5,
  durationMs: 40 * MINUTE,
  hostileEvery: 7,
  asyncFunctions: ['orders-worker', 'image-resizer'],
});

test('the asynchronous run has retries to count', () => {
  const generator = new TrafficGenerator({ seed: 5, durationMs: 40 * MINUTE, hostileEvery: 7, asyncFunctions: ['orders-worker', 'image-resizer'] });
  for (const event of generator) void event;
  const retries = (name: string): number => generator.truth.get(name)?.retries ?? 0;
  assert.ok(retries('orders-worker') > 20 && retries('image-resizer') > 5, `${retries('orders-worker')} and ${retries('image-resizer')} retries`);
  assert.equal(retries('checkout-api'), 0, 'a synchronous function is not retried');
});

// Sparse traffic: most requests are cold, so init failures are frequent; 24 h also makes the
// series roll minutes into hours (default retention keeps 180 minutes).
groundTruthSuite('ground truth: seed 1, 24 simulated hours at 0.5% rate', { seed: 1, durationMs: 24 * HOUR, rateScale: 0.005, hostileEvery: 5 });

// Every function gets an init failure of its runtime and log format (the demo has only Python/JSON).
const INIT_FAILURES: Record<string, Omit<ErrorScenario, 'id' | 'outcome' | 'frames' | 'probability'>> = {
  // Node.js, text: `<time>\tundefined\tERROR\tUncaught Exception \t{json}`.
  'checkout-api': {
    kind: 'init',
    errorType: 'Runtime.UserCodeSyntaxError',
    expectedTitle: "Runtime.UserCodeSyntaxError: SyntaxError: Unexpected token '<str>'",
    message: () => "SyntaxError: Unexpected token ')'",
  },
  // Python, text: `[ERROR] Type: message\rTraceback…` with no request id.
  'image-resizer': {
    kind: 'init',
    errorType: 'Runtime.ImportModuleError',
    expectedTitle: "Runtime.ImportModuleError: Unable to import module '<str>': No module named '<str>'",
    message: () => "Unable to import module 'app': No module named 'PIL'",
  },
  // Node.js, JSON: `{"level":"ERROR","message":"Uncaught Exception",errorType…}`; a handler setting is misconfiguration.
  'orders-worker': {
    kind: 'misconfiguration',
    errorType: 'Runtime.HandlerNotFound',
    expectedTitle: 'Runtime.HandlerNotFound: index.handler is undefined or not exported',
    message: () => 'index.handler is undefined or not exported',
  },
};
const WITH_INIT_FAILURES: SimulatedFunction[] = DEMO_FUNCTIONS.filter((fn) => fn.name in INIT_FAILURES || fn.name === 'notifier').map((fn) => {
  const extra = INIT_FAILURES[fn.name];
  if (!extra) return fn;
  const scenario: ErrorScenario = { ...extra, id: `${fn.name}-init`, outcome: 'initError', frames: [], probability: 0.15 };
  return { ...fn, scenarios: [scenario, ...fn.scenarios] };
});
groundTruthSuite('ground truth: init failures in Node text, Node JSON, Python text and Python JSON (seed 5, 12 h at 0.5% rate)', {
  seed: 5,
  durationMs: 12 * HOUR,
  rateScale: 0.005,
  hostileEvery: 6,
  functions: WITH_INIT_FAILURES,
});

test('the init-failure corpus really has init failures in every function', () => {
  const generator = new TrafficGenerator({ seed: 5, durationMs: 12 * HOUR, rateScale: 0.005, hostileEvery: 6, functions: WITH_INIT_FAILURES });
  for (const _ of generator);
  for (const fn of WITH_INIT_FAILURES) assert.ok((generator.truth.get(fn.name)?.initErrors ?? 0) > 0, fn.name);
});
