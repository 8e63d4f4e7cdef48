// Errors crafted or grown to hurt: huge messages, forged ids, out-of-memory words in a success.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { parseLine } from '../../../../src/core/logs/parseLine';
import { normalizeMessage } from '../../../../src/core/issues/normalizeMessage';
import { issueKindOf } from '../../../../src/core/issues/errorKind';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const RID = '4ce9340a-b765-490f-ad8a-02ab3415e2bf';
const iso = (t: number): string => new Date(t).toISOString();

function analyze(lines: Array<readonly [number, string]>): ReturnType<Analyzer['functions']>[number] {
  const analyzer = new Analyzer();
  lines.forEach(([t, m], i) => analyzer.ingestFor('fn', 'stream', t, m, String(i)));
  analyzer.flush();
  const [monitor] = analyzer.functions();
  assert.ok(monitor);
  return monitor;
}

function invocation(errorLine: string, report = `REPORT RequestId: ${RID}\tDuration: 20.00 ms\tBilled Duration: 20 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`): Array<readonly [number, string]> {
  return [
    [T0, `START RequestId: ${RID} Version: $LATEST\n`],
    [T0 + 5, errorLine],
    [T0 + 20, `END RequestId: ${RID}\n`],
    [T0 + 20, report],
  ];
}

test('a 256 KB error message is analysed quickly and kept bounded', () => {
  const huge = `ECONNRESET ${'a.'.repeat(131_072)}`;
  const started = performance.now();
  const monitor = analyze(invocation(`${iso(T0 + 5)}\t${RID}\tERROR\tError: ${huge}\n`));
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 2_000, `took ${elapsed.toFixed(0)} ms`);
  const [issue] = monitor.issues.all();
  assert.ok(issue);
  assert.equal(issue.kind, 'dependency');
  assert.ok(issue.latest.message.length <= 4097, `message kept at ${issue.latest.message.length} characters`);
});

test('a request id with control characters is not taken for a platform line', () => {
  const forged = 'abc\u001b]0;PWNED\u0007';
  assert.equal(parseLine(`START RequestId: ${forged} Version: $LATEST\n`).kind, 'app');
  assert.equal(parseLine(`REPORT RequestId: ${forged}\tDuration: 1000.00 ms\tBilled Duration: 1000 ms\n`).kind, 'app');
  const line = parseLine(`${iso(T0)}\t${forged}\tINFO\thello\n`);
  assert.equal(line.kind === 'app' ? line.requestId : 'not app', undefined);
});

test('a handled MemoryError, or a line that mentions one, does not make a success an out-of-memory kill', () => {
  const handled = analyze(invocation(`[ERROR]\t${iso(T0 + 5)}\t${RID}\tcache too big\rTraceback (most recent call last):\r  File "/var/task/app.py", line 3, in load\rMemoryError\n`));
  assert.equal(handled.series.summarize().outOfMemory, 0);
  assert.equal(handled.series.summarize().invocations, 1);
  assert.equal(handled.issues.all()[0]?.handled, true);
  const mention = analyze(invocation(`${iso(T0 + 5)}\t${RID}\tWARN\tretrying after java.lang.OutOfMemoryError in a worker\n`));
  assert.equal(mention.series.summarize().outOfMemory, 0);
});

test('an out-of-memory message in a failed invocation is an out-of-memory kill', () => {
  const monitor = analyze(
    invocation(
      `${iso(T0 + 5)}\t${RID}\tERROR\tFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n`,
      `REPORT RequestId: ${RID}\tDuration: 20.00 ms\tBilled Duration: 20 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.ExitError\n`,
    ),
  );
  assert.equal(monitor.series.summarize().outOfMemory, 1);
});

test('numbers followed by a unit are normalised, numbers inside words are not', () => {
  assert.equal(normalizeMessage('Query took 1234ms (limit 1.5s) on v2 utf8 pool'), 'Query took <num>ms (limit <num>s) on v2 utf8 pool');
  assert.equal(normalizeMessage('Query took 1234ms'), normalizeMessage('Query took 5678ms'));
});

test("Node's built-in fetch failures are dependency failures", () => {
  assert.equal(issueKindOf('error', { type: 'TypeError', message: 'fetch failed', frames: [] }), 'dependency');
  assert.equal(issueKindOf('error', { type: 'Error', message: 'connect failed: UND_ERR_CONNECT_TIMEOUT', frames: [] }), 'dependency');
});

test('a runtime exit printed without the request prefix is still a runtime exit', () => {
  const line = parseLine('Runtime exited with error: signal: killed\nRuntime.ExitError\n');
  assert.deepEqual(line, { kind: 'runtimeExit', requestId: undefined, reason: 'Runtime exited with error: signal: killed', killed: true, errorType: 'Runtime.ExitError' });
});
