// .NET stack frames as Exception.ToString() prints them:
// `   at Ns.Type.Method(ArgType arg, …) in <file>:line N`, the ` in …` part only when symbols shipped.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { framesFromText, parseDotnetFrame, parseFrameLine, topAppFrame } from '../../../../src/core/issues/stackFrames';

describe('.NET frames', () => {
  test('a method with arguments, file and line', () => {
    assert.deepEqual(parseFrameLine('   at Orders.Function.FunctionHandler(OrderRequest input, ILambdaContext context) in /src/Orders/Function.cs:line 57'), {
      function: 'Orders.Function.FunctionHandler',
      file: '/src/Orders/Function.cs',
      line: 57,
      inApp: true,
      raw: 'at Orders.Function.FunctionHandler(OrderRequest input, ILambdaContext context) in /src/Orders/Function.cs:line 57',
    });
  });

  test('without symbols: the method only', () => {
    assert.deepEqual(parseFrameLine('   at Orders.Repository.Load(String id)'), {
      function: 'Orders.Repository.Load',
      file: undefined,
      line: undefined,
      inApp: true,
      raw: 'at Orders.Repository.Load(String id)',
    });
  });

  test('an async method is named as written in the source', () => {
    const frame = parseFrameLine('   at Orders.Function.<FunctionHandler>d__4.MoveNext() in C:\\build\\Orders\\Function.cs:line 33');
    assert.deepEqual([frame?.function, frame?.file, frame?.line, frame?.inApp], ['Orders.Function.FunctionHandler', 'C:\\build\\Orders\\Function.cs', 33, true]);
  });

  test('generics, nested types and local functions, which Java frames never have', () => {
    const names = [
      '   at Orders.Cache`1.Get[TKey](TKey key) in /src/Orders/Cache.cs:line 12',
      '   at Orders.Function+Validator.Check(Order order) in /src/Orders/Function.cs:line 90',
      '   at Orders.Function.<FunctionHandler>g__Total|4_0(Order order) in /src/Orders/Function.cs:line 61',
    ].map((line) => parseFrameLine(line)?.function);
    assert.deepEqual(names, ['Orders.Cache`1.Get[TKey]', 'Orders.Function+Validator.Check', 'Orders.Function.<FunctionHandler>g__Total|4_0']);
  });

  test('the base library, ASP.NET, the Lambda runtime, the AWS SDK and Json.NET are not the application', () => {
    const notApp = [
      '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
      '   at System.Runtime.CompilerServices.TaskAwaiter.ThrowForNonSuccess(Task task)',
      '   at Microsoft.Extensions.DependencyInjection.ServiceProvider.GetService(Type serviceType)',
      '   at Amazon.Lambda.RuntimeSupport.LambdaBootstrap.InvokeOnceAsync(CancellationToken cancellationToken) in /src/Repo/Libraries/src/Amazon.Lambda.RuntimeSupport/Bootstrap/LambdaBootstrap.cs:line 176',
      '   at Amazon.Runtime.Internal.HttpErrorResponseExceptionHandler.HandleExceptionStream(IRequestContext requestContext, IWebResponseData httpErrorResponse)',
      '   at Newtonsoft.Json.JsonTextReader.ParseValue()',
    ];
    assert.deepEqual(notApp.map((l) => parseFrameLine(l)?.inApp), [false, false, false, false, false, false]);
  });

  test('what is not a .NET frame', () => {
    for (const line of ['   at lambda_method1(Closure, Stream, ILambdaContext, Stream)', '--- End of stack trace from previous location ---', ' ---> System.Exception: inner', 'at process(order)']) {
      assert.equal(parseDotnetFrame(line), undefined, line);
    }
  });

  test("Java and Node frames keep their own readings", () => {
    assert.equal(parseFrameLine('\tat com.example.Handler.handleRequest(Handler.java:42)')?.file, 'Handler.java');
    assert.equal(parseFrameLine('    at getUser (/var/task/src/users.js:14:23)')?.file, '/var/task/src/users.js');
  });

  test("the top in-app frame of a whole .NET trace is the user's method", () => {
    const frames = framesFromText([
      'System.InvalidOperationException: Sequence contains no elements',
      '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
      '   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)',
      '   at Orders.Function.FunctionHandler(OrderRequest input, ILambdaContext context) in /src/Orders/Function.cs:line 57',
      '   at lambda_method1(Closure, Stream, ILambdaContext, Stream)',
    ]);
    assert.equal(frames.length, 3);
    assert.deepEqual([topAppFrame(frames)?.function, topAppFrame(frames)?.line], ['Orders.Function.FunctionHandler', 57]);
  });

  test('a frame line with a long run of spaces is read in linear time', () => {
    const started = performance.now();
    parseFrameLine(`   at A.B(${' '.repeat(990)}`);
    parseFrameLine(`   at A.B() in ${':line '.repeat(160)}x`);
    assert.ok(performance.now() - started < 100);
  });
});
