// .NET text format: the runtime's console logger writes `<time>\t<request id>\t<label>\t<message>`
// with the short lower-case labels of Microsoft.Extensions.Logging (trce, dbug, info, warn, fail, crit).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { matchQuietLine, parseLine, type QuietLineMatch } from '../../../../src/core/logs/parseLine';
import { REQUEST_ID as RID, TIME, asApp, compact, frameFields } from './helpers';

describe('.NET level labels', () => {
  const labels: ReadonlyArray<readonly [string, string]> = [
    ['trce', 'TRACE'],
    ['dbug', 'DEBUG'],
    ['info', 'INFO'],
    ['warn', 'WARN'],
    ['fail', 'ERROR'],
    ['crit', 'FATAL'],
  ];
  for (const [label, level] of labels) {
    test(`${label} is ${level}`, () => {
      const line = asApp(parseLine(`${TIME}\t${RID}\t${label}\tOrder 1234 processed\n`));
      assert.deepEqual([line.requestId, line.level, line.text], [RID, level, 'Order 1234 processed']);
    });
  }

  test('trce, dbug, info and warn lines are quiet, with their request id; fail and crit are not', () => {
    const match: QuietLineMatch = { idStart: -1, idEnd: -1 };
    for (const label of ['trce', 'dbug', 'info', 'warn']) {
      const message = `${TIME}\t${RID}\t${label}\tOrder 1234 processed\n`;
      assert.equal(matchQuietLine(message, match), true, label);
      assert.equal(message.slice(match.idStart, match.idEnd), RID);
    }
    for (const label of ['fail', 'crit']) assert.equal(matchQuietLine(`${TIME}\t${RID}\t${label}\tOrder 1234 failed`, match), false, label);
  });

  test('a `fail` line without an exception is an untyped handled error', () => {
    assert.deepEqual(compact(parseLine(`${TIME}\t${RID}\tfail\tPayment declined for order 1234`)), {
      kind: 'app',
      requestId: RID,
      level: 'ERROR',
      text: 'Payment declined for order 1234',
      error: { type: 'Error', message: 'Payment declined for order 1234', frames: [] },
      outOfMemory: false,
    });
  });

  test('the labels are not Python levels: `[fail] …` and `[info]\\t…` stay plain text', () => {
    assert.deepEqual(compact(parseLine('[fail] Foo: bar')), { kind: 'app', text: '[fail] Foo: bar' });
    assert.deepEqual(compact(parseLine(`[info]\t${TIME}\t${RID}\thello`)), { kind: 'app', text: `[info]\t${TIME}\t${RID}\thello` });
  });
});

describe('an exception written at `fail`', () => {
  const exception = [
    'System.InvalidOperationException: Sequence contains no elements',
    '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
    '   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)',
    '   at Orders.Function.FunctionHandler(OrderRequest input, ILambdaContext context) in /src/Orders/Function.cs:line 57',
    '   at lambda_method1(Closure, Stream, ILambdaContext, Stream)',
    '   at Amazon.Lambda.RuntimeSupport.LambdaBootstrap.InvokeOnceAsync(CancellationToken cancellationToken) in /src/Repo/Libraries/src/Amazon.Lambda.RuntimeSupport/Bootstrap/LambdaBootstrap.cs:line 176',
  ].join('\n');

  test('type, message and frames innermost first; runtime and base-library frames are not the application', () => {
    const line = asApp(parseLine(`${TIME}\t${RID}\tfail\t${exception}\n`));
    assert.deepEqual([line.level, line.failure, line.error?.type, line.error?.message], ['ERROR', undefined, 'System.InvalidOperationException', 'Sequence contains no elements']);
    assert.deepEqual(line.error?.frames.map(frameFields), [
      { function: 'System.Linq.ThrowHelper.ThrowNoElementsException', inApp: false },
      { function: 'System.Linq.Enumerable.First[TSource]', inApp: false },
      { function: 'Orders.Function.FunctionHandler', file: '/src/Orders/Function.cs', line: 57, inApp: true },
      { function: 'Amazon.Lambda.RuntimeSupport.LambdaBootstrap.InvokeOnceAsync', file: '/src/Repo/Libraries/src/Amazon.Lambda.RuntimeSupport/Bootstrap/LambdaBootstrap.cs', line: 176, inApp: false },
    ]);
  });

  test('`crit` is FATAL and carries the exception too', () => {
    const line = asApp(parseLine(`${TIME}\t${RID}\tcrit\t${exception}`));
    assert.deepEqual([line.level, line.error?.type, line.error?.frames.find((f) => f.inApp)?.function], ['FATAL', 'System.InvalidOperationException', 'Orders.Function.FunctionHandler']);
  });

  test('an OutOfMemoryException is out of memory', () => {
    const line = asApp(parseLine(`${TIME}\t${RID}\tfail\tSystem.OutOfMemoryException: Exception of type 'System.OutOfMemoryException' was thrown.\n   at Orders.Function.FunctionHandler(OrderRequest input, ILambdaContext context)`));
    assert.deepEqual([line.error?.type, line.error?.frames[0]?.inApp, line.outOfMemory], ['System.OutOfMemoryException', true, true]);
  });
});
