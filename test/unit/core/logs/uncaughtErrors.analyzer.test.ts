// Whole invocations of the .NET, Java and Python runtimes in the default TEXT format, through the
// Analyzer: what status the invocation gets, and which issue (type, title, top in-app frame) it leaves.
//
// The shapes follow the runtimes' sources: .NET's console logger writes `<time>\t<request id>\t<label>\t…`
// with labels trce/dbug/info/warn/fail/crit; the Java runtime writes an uncaught exception as
// `<message>: <class>\n` + printStackTrace; Python's as `[ERROR] Type: message\rTraceback …`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import type { Invocation } from '../../../../src/core/invocation';
import type { Issue } from '../../../../src/core/issues/issueTracker';
import { topAppFrame } from '../../../../src/core/issues/stackFrames';

const RID = 'b7c0d2a4-5f1e-4c3b-9a8d-2e6f1a0c9d34';
const T0 = Date.UTC(2024, 4, 14, 9, 21, 7);
const iso = (ms: number): string => new Date(T0 + ms).toISOString();

function report(initMs: string, status: boolean): string {
  const tail = status ? '\tStatus: error' : '';
  return `REPORT RequestId: ${RID}\tDuration: 180.62 ms\tBilled Duration: 181 ms\tMemory Size: 512 MB\tMax Memory Used: 78 MB\tInit Duration: ${initMs} ms${tail}\n`;
}

interface Outcome {
  readonly invocations: Invocation[];
  readonly issues: Issue[];
}

/** Feed the lines as one stream's events, a few ms apart, and collect what the engine made of them. */
function analyze(functionName: string, lines: readonly string[]): Outcome {
  const invocations: Invocation[] = [];
  const analyzer = new Analyzer({ onInvocation: (i) => invocations.push(i) });
  lines.forEach((message, i) => analyzer.ingestFor(functionName, '2024/05/14/[$LATEST]0f3a9c', T0 + i * 5, message, `e${i}`));
  analyzer.flush();
  return { invocations, issues: analyzer.find(functionName)?.issues.all() ?? [] };
}

function onlyIssue(outcome: Outcome): Issue {
  assert.equal(outcome.issues.length, 1, JSON.stringify(outcome.issues.map((i) => i.title)));
  return outcome.issues[0] as Issue;
}

describe('.NET: an uncaught exception logged at `fail`', () => {
  const failLine = [
    `${iso(126)}\t${RID}\tfail\tSystem.InvalidOperationException: Sequence contains no elements`,
    '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
    '   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)',
    '   at Orders.Function.FunctionHandler(OrderRequest input, ILambdaContext context) in /src/Orders/Function.cs:line 57',
    '   at lambda_method1(Closure, Stream, ILambdaContext, Stream)',
    '   at Amazon.Lambda.RuntimeSupport.HandlerWrapper.<>c__DisplayClass8_0.<GetHandlerWrapper>b__0(InvocationRequest invocation) in /src/Repo/Libraries/src/Amazon.Lambda.RuntimeSupport/Bootstrap/HandlerWrapper.cs:line 54',
    '   at Amazon.Lambda.RuntimeSupport.LambdaBootstrap.InvokeOnceAsync(CancellationToken cancellationToken) in /src/Repo/Libraries/src/Amazon.Lambda.RuntimeSupport/Bootstrap/LambdaBootstrap.cs:line 176',
  ].join('\n');
  const invocation = (status: boolean): string[] => [
    'INIT_START Runtime Version: dotnet:8.v13\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:4bd4ba4d4e5fcd2a6f1bb4b7e0c9d0b1f3a6c0e6d2b9a8f7e6d5c4b3a2918070\n',
    `START RequestId: ${RID} Version: $LATEST\n`,
    `${iso(2)}\t${RID}\tinfo\tLooking up order 1234\n`,
    `${iso(40)}\t${RID}\tdbug\tQuery took 31 ms\n`,
    `${failLine}\n`,
    `END RequestId: ${RID}\n`,
    report('210.40', status),
  ];

  test('with `Status: error` in the REPORT: status error, one issue, the user frame as culprit', () => {
    const outcome = analyze('orders-dotnet', invocation(true));
    assert.deepEqual(outcome.invocations.map((i) => [i.requestId, i.status, i.coldStart]), [[RID, 'error', true]]);
    const issue = onlyIssue(outcome);
    assert.equal(issue.errorType, 'System.InvalidOperationException');
    assert.equal(issue.title, 'System.InvalidOperationException: Sequence contains no elements');
    assert.equal(issue.handled, false);
    assert.equal(issue.kind, 'error');
    assert.equal(issue.culprit, '/src/Orders/Function.cs in Orders.Function.FunctionHandler');
    const top = topAppFrame(issue.latest.frames);
    assert.deepEqual([top?.function, top?.file, top?.line], ['Orders.Function.FunctionHandler', '/src/Orders/Function.cs', 57]);
  });

  test('without a Status in the REPORT, the `fail` line is still read: a handled error of a successful request', () => {
    // The platform says nothing and `fail` is also what ILogger.LogError writes: nothing proves a failure.
    const outcome = analyze('orders-dotnet', invocation(false));
    assert.deepEqual(outcome.invocations.map((i) => i.status), ['success']);
    const issue = onlyIssue(outcome);
    assert.deepEqual([issue.errorType, issue.handled, issue.culprit], ['System.InvalidOperationException', true, '/src/Orders/Function.cs in Orders.Function.FunctionHandler']);
  });

  test('a request that only logs at trce/dbug/info/warn succeeds with no issue', () => {
    const outcome = analyze('orders-dotnet', [
      `START RequestId: ${RID} Version: $LATEST\n`,
      `${iso(1)}\t${RID}\ttrce\tEntering FunctionHandler\n`,
      `${iso(2)}\t${RID}\twarn\tOrder 1234 has no shipping address; using billing\n`,
      `END RequestId: ${RID}\n`,
      report('0.00', false).replace('\tInit Duration: 0.00 ms', ''),
    ]);
    assert.deepEqual(outcome.invocations.map((i) => i.status), ['success']);
    assert.deepEqual(outcome.issues, []);
  });
});

describe('Java: the runtime reports an uncaught exception as a plain line', () => {
  const uncaught = [
    '/ by zero: java.lang.ArithmeticException',
    'java.lang.ArithmeticException: / by zero',
    '\tat com.example.orders.PriceCalculator.unitPrice(PriceCalculator.java:42)',
    '\tat com.example.orders.Handler.handleRequest(Handler.java:28)',
    '\tat com.example.orders.Handler.handleRequest(Handler.java:14)',
    '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(Unknown Source)',
    '\tat java.base/java.lang.reflect.Method.invoke(Unknown Source)',
    '',
  ].join('\n');
  const invocation = (status: boolean): string[] => [
    'INIT_START Runtime Version: java:21.v19\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:9a7e0c5b1d3f4e6a8b2c0d9e7f5a3b1c2d4e6f8a0b9c7d5e3f1a2b4c6d8e0f1a\n',
    `START RequestId: ${RID} Version: $LATEST\n`,
    'Pricing order 1234 for 0 units\n',
    uncaught,
    `END RequestId: ${RID}\n`,
    report('524.75', status),
  ];

  for (const status of [true, false]) {
    test(`${status ? 'with' : 'without'} \`Status: error\` in the REPORT: status error, one issue, the handler's frame`, () => {
      const outcome = analyze('orders-java', invocation(status));
      assert.deepEqual(outcome.invocations.map((i) => [i.requestId, i.status]), [[RID, 'error']]);
      const issue = onlyIssue(outcome);
      assert.equal(issue.errorType, 'java.lang.ArithmeticException');
      assert.equal(issue.title, 'java.lang.ArithmeticException: / by zero');
      assert.equal(issue.handled, false);
      assert.equal(issue.culprit, 'PriceCalculator.java in com.example.orders.PriceCalculator.unitPrice');
      assert.deepEqual(issue.latest.frames.map((f) => f.inApp), [true, true, true, false, false]);
    });
  }

  test('a stack trace the handler printed itself (e.printStackTrace) is a handled error, not a failure', () => {
    const printed = ['java.lang.IllegalStateException: retrying order 1234', '\tat com.example.orders.Handler.handleRequest(Handler.java:31)', ''].join('\n');
    const outcome = analyze('orders-java', [`START RequestId: ${RID} Version: $LATEST\n`, printed, `END RequestId: ${RID}\n`, report('524.75', false)]);
    assert.deepEqual(outcome.invocations.map((i) => i.status), ['success']);
    assert.deepEqual([onlyIssue(outcome).errorType, onlyIssue(outcome).handled], ['java.lang.IllegalStateException', true]);
  });
});

describe('Python: `[ERROR] ` followed by free text', () => {
  const lines = (error: string): string[] => [
    `START RequestId: ${RID} Version: $LATEST\n`,
    `[INFO]\t${iso(3)}\t${RID}\tCharging order 1234\n`,
    error,
    `END RequestId: ${RID}\n`,
    report('301.12', false),
  ];

  test('`[ERROR] payment declined for order 1234` printed by a successful request: success, a handled issue', () => {
    const outcome = analyze('payments-py', lines('[ERROR] payment declined for order 1234\n'));
    assert.deepEqual(outcome.invocations.map((i) => i.status), ['success']);
    const issue = onlyIssue(outcome);
    assert.deepEqual([issue.errorType, issue.title, issue.handled], ['Error', 'Error: payment declined for order <num>', true]);
  });

  test("the runtime's own `[ERROR] KeyError: 'amount'` with its traceback still fails the request", () => {
    const uncaught = "[ERROR] KeyError: 'amount'\rTraceback (most recent call last):\r\u00a0\u00a0File \"/var/task/app.py\", line 18, in lambda_handler\r\u00a0\u00a0\u00a0\u00a0total = event['amount']\n";
    const outcome = analyze('payments-py', lines(uncaught));
    assert.deepEqual(outcome.invocations.map((i) => i.status), ['error']);
    const issue = onlyIssue(outcome);
    assert.deepEqual([issue.errorType, issue.handled, issue.culprit], ['KeyError', false, '/var/task/app.py in lambda_handler']);
  });
});
