// Java text format: the runtime (aws-lambda-java-runtime-interface-client, UserFault.reportableError)
// reports an uncaught exception as one plain event, `<message>: <class>\n<printStackTrace>\n`, where
// the message is the class name itself when the exception has none.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { matchQuietLine, parseLine, type QuietLineMatch } from '../../../../src/core/logs/parseLine';
import { asApp, compact, frameFields } from './helpers';

const trace = (lines: readonly string[]): string => `${lines.join('\n')}\n`;

describe("the Java runtime's uncaught exception", () => {
  test('`/ by zero: java.lang.ArithmeticException` then the trace: a failure, read from the headline and frames', () => {
    const message = trace([
      '/ by zero: java.lang.ArithmeticException',
      'java.lang.ArithmeticException: / by zero',
      '\tat com.example.orders.Handler.handleRequest(Handler.java:42)',
      '\tat com.example.orders.Handler.handleRequest(Handler.java:14)',
      '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(Unknown Source)',
      '\tat java.base/java.lang.reflect.Method.invoke(Unknown Source)',
    ]);
    const line = asApp(parseLine(message));
    assert.deepEqual([line.requestId, line.level, line.failure, line.outOfMemory], [undefined, 'ERROR', true, false]);
    assert.deepEqual([line.error?.type, line.error?.message], ['java.lang.ArithmeticException', '/ by zero']);
    assert.deepEqual(line.error?.frames.map(frameFields), [
      { function: 'com.example.orders.Handler.handleRequest', file: 'Handler.java', line: 42, inApp: true },
      { function: 'com.example.orders.Handler.handleRequest', file: 'Handler.java', line: 14, inApp: true },
      { function: 'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke', file: 'Unknown Source', inApp: false },
      { function: 'java.base/java.lang.reflect.Method.invoke', file: 'Unknown Source', inApp: false },
    ]);
  });

  test('an exception without a message: the runtime repeats the class name, the message stays empty', () => {
    const message = trace([
      'java.lang.NullPointerException: java.lang.NullPointerException',
      'java.lang.NullPointerException',
      '\tat com.example.orders.Handler.handleRequest(Handler.java:51)',
    ]);
    const line = asApp(parseLine(message));
    assert.deepEqual([line.failure, line.error?.type, line.error?.message, line.error?.frames[0]?.line], [true, 'java.lang.NullPointerException', '', 51]);
  });

  test("an application's log line ending with the exception before its trace is not the runtime's report: no failure", () => {
    // log4j's log.error("Unexpected error: " + e, e) for an exception without a message.
    const message = trace([
      '2026-11-26 09:00:00 8f5c1f6e-2a4b-4c1d-9e7f-0a1b2c3d4e5f ERROR Handler - Unexpected error: java.lang.NullPointerException',
      'java.lang.NullPointerException',
      '\tat com.example.orders.Handler.handleRequest(Handler.java:51)',
    ]);
    const line = asApp(parseLine(message));
    assert.notEqual(line.failure, true);
  });

  test('a custom exception with a cause and a message of two lines', () => {
    const message = trace([
      'Order 1234 rejected',
      'see the audit log: com.example.orders.OrderRejectedException',
      'com.example.orders.OrderRejectedException: Order 1234 rejected',
      'see the audit log',
      '\tat com.example.orders.Validator.check(Validator.java:77)',
      '\tat com.example.orders.Handler.handleRequest(Handler.java:30)',
      'Caused by: java.lang.IllegalArgumentException: quantity must be positive',
      '\tat com.example.orders.Quantity.<init>(Quantity.java:12)',
      '\t... 2 more',
    ]);
    const line = asApp(parseLine(message));
    assert.deepEqual([line.failure, line.error?.type, line.error?.message], [true, 'com.example.orders.OrderRejectedException', 'Order 1234 rejected\nsee the audit log']);
    assert.deepEqual(line.error?.frames.map((f) => f.function), ['com.example.orders.Validator.check', 'com.example.orders.Handler.handleRequest', 'com.example.orders.Quantity.<init>']);
  });

  test('a nested class and CRLF line ends', () => {
    const message = ['Stock missing: com.example.Inventory$OutOfStock', 'com.example.Inventory$OutOfStock: Stock missing', '\tat com.example.Inventory.reserve(Inventory.java:8)', ''].join('\r\n');
    const line = asApp(parseLine(message));
    assert.deepEqual([line.failure, line.error?.type, line.error?.message, line.error?.frames.length], [true, 'com.example.Inventory$OutOfStock', 'Stock missing', 1]);
  });

  test('java.lang.OutOfMemoryError is out of memory', () => {
    const message = trace(['Java heap space: java.lang.OutOfMemoryError', 'java.lang.OutOfMemoryError: Java heap space', '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)', '\tat com.example.Report.build(Report.java:64)']);
    const line = asApp(parseLine(message));
    assert.deepEqual([line.failure, line.outOfMemory, line.error?.type, line.error?.message], [true, true, 'java.lang.OutOfMemoryError', 'Java heap space']);
  });

  test('it is never a quiet line', () => {
    const match: QuietLineMatch = { idStart: -1, idEnd: -1 };
    assert.equal(matchQuietLine(trace(['/ by zero: java.lang.ArithmeticException', 'java.lang.ArithmeticException: / by zero', '\tat a.B.c(B.java:1)']), match), false);
  });
});

describe('what is not an uncaught Java exception', () => {
  test('a trace printed by the handler (headline first) is an error it logged, not a failure', () => {
    const line = asApp(parseLine(trace(['java.lang.IllegalStateException: retrying', '\tat com.example.orders.Handler.handleRequest(Handler.java:31)'])));
    assert.deepEqual([line.failure, line.error?.type], [undefined, 'java.lang.IllegalStateException']);
  });

  test('`…: <class>` without the matching headline, or without frames, is plain text', () => {
    for (const message of [
      'Loaded handler: com.example.orders.Handler',
      'Loaded handler: com.example.orders.Handler\ncom.example.orders.Other: x\n\tat com.example.orders.Other.run(Other.java:3)',
      'Loaded handler: com.example.orders.Handler\ncom.example.orders.Handler: ready',
    ]) {
      const line = asApp(parseLine(message));
      assert.equal(line.failure, undefined, message);
      if (line.error) assert.notEqual(line.error.type, 'com.example.orders.Handler', message);
    }
    assert.deepEqual(compact(parseLine('Loaded handler: com.example.orders.Handler')), { kind: 'app', text: 'Loaded handler: com.example.orders.Handler' });
  });

  test('a long run of dotted names before the first frame is read in linear time', () => {
    // Each `: ` opens a 30-segment class name that no line break ends: the most a match attempt can try.
    const head = `: ${`${'a'.repeat(99)}.`.repeat(30)}b`.repeat(20);
    const started = performance.now();
    const line = asApp(parseLine(`${head}\n\tat a.B.c(B.java:1)`));
    const ms = performance.now() - started;
    assert.equal(line.failure, undefined);
    assert.ok(ms < 250, `${ms.toFixed(0)} ms`);
  });
});
