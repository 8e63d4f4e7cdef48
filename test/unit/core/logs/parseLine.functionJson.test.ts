// A function's own JSON records (JSON log format, pino/powertools style loggers) and the bare JSON
// error documents of the Java, Go and Python runtimes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseLine } from '../../../../src/core/logs/parseLine';
import type { ParsedLine } from '../../../../src/core/logs/parsedLine';
import { PUBLIC_SAMPLES, REQUEST_ID as RID, TIME, asApp, compact, fixtureLines, frameFields } from './helpers';

const ERROR_DOCUMENTS = fixtureLines(join(PUBLIC_SAMPLES, 'aws-docs-error-documents.txt')).filter((l) => l.startsWith('{"'));

describe('levels and request ids', () => {
  // parsedLine.ts: for a JSON-format record below ERROR, `text` may be the whole record as written
  // (read without JSON.parse, for speed) instead of its message. Both are accepted here.
  const assertQuietText = (line: ParsedLine, raw: string, message: string) => assert.ok(line.kind === 'app' && (line.text === raw || line.text === message), JSON.stringify(line));

  test('Python JSON logging record below ERROR (json.dumps spacing)', () => {
    const raw = `{"timestamp": "${TIME}", "level": "INFO", "message": "Processing order 42", "logger": "root", "requestId": "${RID}"}`;
    const line = parseLine(raw);
    assert.deepEqual(compact({ ...line, text: undefined }), { kind: 'app', requestId: RID, level: 'INFO' });
    assertQuietText(line, raw, 'Processing order 42');
  });

  test('Node.js JSON record below ERROR (JSON.stringify spacing, key order as the runtime writes it)', () => {
    const raw = JSON.stringify({ timestamp: TIME, level: 'WARN', requestId: RID, message: 'cache miss for order 42' });
    const line = parseLine(raw);
    assert.deepEqual(compact({ ...line, text: undefined }), { kind: 'app', requestId: RID, level: 'WARN' });
    assertQuietText(line, raw, 'cache miss for order 42');
  });

  test('the same Node.js record with its keys in another order', () => {
    const raw = JSON.stringify({ requestId: RID, level: 'WARN', timestamp: TIME, message: 'cache miss for order 42' });
    const line = parseLine(raw);
    assert.deepEqual(compact({ ...line, text: undefined }), { kind: 'app', requestId: RID, level: 'WARN' });
    assertQuietText(line, raw, 'cache miss for order 42');
  });

  test('Node.js INFO record written during init (requestId "undefined") has no request id', () => {
    const line = parseLine(JSON.stringify({ timestamp: TIME, level: 'INFO', requestId: 'undefined', message: 'cold start' }));
    assert.deepEqual(compact({ ...line, text: undefined }), { kind: 'app', level: 'INFO' });
  });

  test('a quoted "requestId" inside the message of a Node.js record is not its request id', () => {
    const line = parseLine(JSON.stringify({ timestamp: TIME, level: 'INFO', message: 'forwarding {"requestId":"other"}' }));
    assert.deepEqual(compact({ ...line, text: undefined }), { kind: 'app', level: 'INFO' });
  });

  test('WARNING and CRITICAL (Python names) map to WARN and FATAL', () => {
    const warn = parseLine(JSON.stringify({ level: 'WARNING', function_request_id: RID, message: 'slow downstream' }));
    assert.deepEqual(compact(warn), { kind: 'app', requestId: RID, level: 'WARN', text: 'slow downstream' });
    const critical = asApp(parseLine(JSON.stringify({ level: 'CRITICAL', function_request_id: RID, message: 'db unreachable' })));
    assert.deepEqual([critical.level, critical.requestId, critical.error?.message, critical.failure], ['FATAL', RID, 'db unreachable', undefined]);
  });

  test('lower-case level names', () => {
    assert.equal(asApp(parseLine('{"level":"debug","message":"x"}')).level, 'DEBUG');
  });

  test('pino numeric levels, AWSRequestId and msg', () => {
    const record = (level: number) => JSON.stringify({ level, time: 1700000000000, pid: 8, hostname: '169.254.10.1', AWSRequestId: RID, msg: 'hello' });
    assert.deepEqual(
      [10, 20, 30, 40, 50, 60].map((n) => asApp(parseLine(record(n))).level),
      ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'],
    );
    assert.deepEqual(compact(parseLine(record(30))), { kind: 'app', requestId: RID, level: 'INFO', text: 'hello' });
  });

  test('pino error record without an error document: untyped error, not a failure', () => {
    const line = asApp(parseLine(JSON.stringify({ level: 50, time: 1700000000000, AWSRequestId: RID, msg: 'payment provider returned 502' })));
    assert.deepEqual(compact(line), {
      kind: 'app',
      requestId: RID,
      level: 'ERROR',
      text: 'payment provider returned 502',
      error: { type: 'Error', message: 'payment provider returned 502', frames: [] },
    });
  });

  test('function_request_id and aws_request_id are request ids too', () => {
    assert.equal(asApp(parseLine(JSON.stringify({ level: 'INFO', function_request_id: RID, message: 'm' }))).requestId, RID);
    assert.equal(asApp(parseLine(JSON.stringify({ level: 'INFO', aws_request_id: RID, message: 'm' }))).requestId, RID);
  });

  test('requestId "undefined" (Node during init) and "" (Python) mean no request', () => {
    assert.equal(asApp(parseLine(JSON.stringify({ level: 'INFO', requestId: 'undefined', message: 'cold' }))).requestId, undefined);
    assert.equal(asApp(parseLine(JSON.stringify({ level: 'INFO', requestId: '', message: 'cold' }))).requestId, undefined);
  });

  test('a JSON object with no level and no error is a plain line keeping its request id', () => {
    assert.deepEqual(compact(parseLine(JSON.stringify({ requestId: RID, message: 'no level here' }))), { kind: 'app', requestId: RID, text: 'no level here' });
  });

  test('a message that is not a string: the raw record is the text', () => {
    const message = JSON.stringify({ level: 'INFO', requestId: RID, message: { orderId: 42, total: 19.99 } });
    assert.deepEqual(compact(parseLine(message)), { kind: 'app', requestId: RID, level: 'INFO', text: message });
  });
});

describe('errors in JSON records', () => {
  test('Node console.error(err): message is {errorType, errorMessage, stackTrace}, handled (not a failure)', () => {
    const message = JSON.stringify({
      timestamp: TIME,
      level: 'ERROR',
      requestId: RID,
      message: {
        errorType: 'TypeError',
        errorMessage: 'order.items is not iterable',
        stackTrace: [
          'TypeError: order.items is not iterable',
          '    at total (file:///var/task/orders.mjs:12:21)',
          '    at Runtime.handler (file:///var/task/index.mjs:9:17)',
          '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
        ],
      },
    });
    const line = asApp(parseLine(message));
    assert.deepEqual([line.kind, line.requestId, line.level, line.failure, line.outOfMemory], ['app', RID, 'ERROR', undefined, undefined]);
    assert.equal(line.error?.type, 'TypeError');
    assert.equal(line.error?.message, 'order.items is not iterable');
    assert.deepEqual(line.error?.frames.map(frameFields), [
      { file: '/var/task/orders.mjs', function: 'total', line: 12, column: 21, inApp: true },
      { file: '/var/task/index.mjs', function: 'Runtime.handler', line: 9, column: 17, inApp: true },
      { file: '/var/runtime/index.mjs', function: 'Runtime.handleOnceNonStreaming', line: 1173, column: 29, inApp: false },
    ]);
  });

  test('Node console.error("msg", err): top-level errorType / errorMessage / stackTrace beside a string message', () => {
    const message = JSON.stringify({
      timestamp: TIME,
      level: 'ERROR',
      requestId: RID,
      message: 'failed to save order Error: ConditionalCheckFailed',
      errorType: 'Error',
      errorMessage: 'ConditionalCheckFailed',
      stackTrace: ['Error: ConditionalCheckFailed', '    at save (/var/task/db.js:40:11)'],
    });
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'app',
      requestId: RID,
      level: 'ERROR',
      text: 'failed to save order Error: ConditionalCheckFailed',
      error: {
        type: 'Error',
        message: 'ConditionalCheckFailed',
        frames: [{ file: '/var/task/db.js', function: 'save', line: 40, column: 11, inApp: true, raw: 'at save (/var/task/db.js:40:11)' }],
      },
    });
  });

  test('Python logger.exception in JSON format (level, errorType, stackTrace outermost first): handled', () => {
    const message = JSON.stringify({
      timestamp: TIME,
      level: 'ERROR',
      message: 'Failed to process order',
      logger: 'root',
      requestId: RID,
      errorType: 'ValueError',
      errorMessage: 'bad total',
      stackTrace: ['  File "/var/task/app.py", line 12, in handler\n    process(order)\n', '  File "/var/task/orders.py", line 40, in process\n    raise ValueError("bad total")\n'],
      location: '/var/task/app.py:handler:14',
    });
    const line = asApp(parseLine(message));
    assert.deepEqual([line.requestId, line.level, line.text, line.failure], [RID, 'ERROR', 'Failed to process order', undefined]);
    assert.deepEqual(compact({ type: line.error?.type, message: line.error?.message, frames: line.error?.frames.map(frameFields) }), {
      type: 'ValueError',
      message: 'bad total',
      frames: [
        { file: '/var/task/orders.py', line: 40, function: 'process', inApp: true },
        { file: '/var/task/app.py', line: 12, function: 'handler', inApp: true },
      ],
    });
  });

  test("Python uncaught error (log_level, runtime's own record): a failure", () => {
    const message = JSON.stringify({
      timestamp: '2024-03-05T10:11:12Z',
      log_level: 'ERROR',
      errorMessage: "'action'",
      errorType: 'KeyError',
      requestId: RID,
      stackTrace: ['  File "/var/task/app.py", line 10, in lambda_handler\n    return ACTIONS[event["action"]]()\n'],
    });
    const line = asApp(parseLine(message));
    assert.deepEqual(compact({ ...line, text: undefined }), {
      kind: 'app',
      requestId: RID,
      level: 'ERROR',
      error: {
        type: 'KeyError',
        message: "'action'",
        frames: [{ file: '/var/task/app.py', line: 10, function: 'lambda_handler', inApp: true, raw: 'File "/var/task/app.py", line 10, in lambda_handler' }],
      },
      failure: true,
    });
  });

  test('Python uncaught import error during init: no request id, a failure', () => {
    const message = JSON.stringify({
      timestamp: '2024-08-18T11:04:11Z',
      log_level: 'ERROR',
      errorMessage: "Unable to import module 'app': No module named 'daily'",
      errorType: 'Runtime.ImportModuleError',
      requestId: '',
      stackTrace: [],
    });
    const line = asApp(parseLine(message));
    assert.deepEqual(compact({ ...line, text: undefined }), {
      kind: 'app',
      level: 'ERROR',
      error: { type: 'Runtime.ImportModuleError', message: "Unable to import module 'app': No module named 'daily'", frames: [] },
      failure: true,
    });
  });
});

describe('bare error documents (no level)', () => {
  test('the sample holds four one-line documents', () => {
    assert.equal(ERROR_DOCUMENTS.length, 4);
  });

  test('Python document, stackTrace as pre-formatted File chunks', () => {
    const line = asApp(parseLine(ERROR_DOCUMENTS[0]!));
    assert.deepEqual([line.level, line.failure, line.error?.type, line.error?.message], ['ERROR', true, 'KeyError', "'action'"]);
    assert.deepEqual(line.error?.frames.map(frameFields), [{ file: '/var/task/lambda_function.py', line: 36, function: 'lambda_handler', inApp: true }]);
  });

  test('Node document with `trace` (single-space indented frames)', () => {
    const line = asApp(parseLine(ERROR_DOCUMENTS[1]!));
    assert.deepEqual([line.failure, line.error?.type, line.error?.message], [true, 'ReferenceError', 'x is not defined']);
    assert.deepEqual(line.error?.frames.map(frameFields), [
      { file: '/var/task/index.js', function: 'Runtime.exports.handler', line: 2, column: 3, inApp: true },
      { file: '/var/runtime/Runtime.js', function: 'Runtime.handleOnce', line: 63, column: 25, inApp: false },
      { file: 'internal/process/next_tick.js', function: 'process._tickCallback', line: 68, column: 7, inApp: false },
    ]);
  });

  test('Java document: frames without `at`, innermost first', () => {
    const line = asApp(parseLine(ERROR_DOCUMENTS[2]!));
    assert.deepEqual(compact({ ...line, text: undefined }), {
      kind: 'app',
      level: 'ERROR',
      error: {
        type: 'java.lang.ArithmeticException',
        message: '/ by zero',
        frames: [
          { function: 'example.HandlerDivide.handleRequest', file: 'HandlerDivide.java', line: 28, inApp: true, raw: 'example.HandlerDivide.handleRequest(HandlerDivide.java:28)' },
          { function: 'example.HandlerDivide.handleRequest', file: 'HandlerDivide.java', line: 13, inApp: true, raw: 'example.HandlerDivide.handleRequest(HandlerDivide.java:13)' },
        ],
      },
      failure: true,
    });
  });

  test('second Java document', () => {
    const line = asApp(parseLine(ERROR_DOCUMENTS[3]!));
    assert.deepEqual([line.failure, line.error?.type, line.error?.message, line.error?.frames.map((f) => f.line)], [true, 'java.lang.InputLengthException', 'Input must contain 2 numbers.', [23, 14]]);
  });

  test('Go document (multi-line in the doc, one event in the log): errorString, no frames', () => {
    const line = asApp(parseLine('{\n  "errorMessage": "something went wrong!",\n  "errorType": "errorString"\n}\n'));
    assert.deepEqual(compact({ ...line, text: undefined }), {
      kind: 'app',
      level: 'ERROR',
      error: { type: 'errorString', message: 'something went wrong!', frames: [] },
      failure: true,
    });
  });

  test('Go panic document: stackTrace objects {path, line, label}, aws-lambda-go frames not in app', () => {
    const message = JSON.stringify({
      errorMessage: 'runtime error: invalid memory address or nil pointer dereference',
      errorType: 'runtimeError',
      stackTrace: [
        { path: 'github.com/aws/aws-lambda-go@v1.47.0/lambda/errors.go', line: 39, label: 'lambdaPanicResponse' },
        { path: 'runtime/panic.go', line: 770, label: 'panic' },
        { path: 'github.com/acme/orders/main.go', line: 27, label: 'handleRequest' },
      ],
    });
    const line = asApp(parseLine(message));
    assert.deepEqual([line.level, line.failure, line.error?.type], ['ERROR', true, 'runtimeError']);
    assert.deepEqual(line.error?.frames, [
      { file: 'github.com/aws/aws-lambda-go@v1.47.0/lambda/errors.go', function: 'lambdaPanicResponse', line: 39, inApp: false, raw: 'lambdaPanicResponse (github.com/aws/aws-lambda-go@v1.47.0/lambda/errors.go:39)' },
      { file: 'runtime/panic.go', function: 'panic', line: 770, inApp: false, raw: 'panic (runtime/panic.go:770)' },
      { file: 'github.com/acme/orders/main.go', function: 'handleRequest', line: 27, inApp: true, raw: 'handleRequest (github.com/acme/orders/main.go:27)' },
    ]);
  });

  test('Runtime.ImportModuleError and Runtime.MarshalError documents', () => {
    const importError = asApp(parseLine(JSON.stringify({ errorMessage: "Unable to import module 'lambda_function': Cannot import name '_imaging' from 'PIL' (/var/task/PIL/__init__.py)", errorType: 'Runtime.ImportModuleError' })));
    assert.deepEqual([importError.failure, importError.error?.type], [true, 'Runtime.ImportModuleError']);
    const marshal = asApp(parseLine(JSON.stringify({ errorMessage: 'Unable to marshal response: Object of type AttributeError is not JSON serializable', errorType: 'Runtime.MarshalError' })));
    assert.deepEqual([marshal.failure, marshal.error?.type, marshal.error?.message], [true, 'Runtime.MarshalError', 'Unable to marshal response: Object of type AttributeError is not JSON serializable']);
  });

  test('a document with only errorMessage gets the type Error', () => {
    const line = asApp(parseLine('{"errorMessage":"boom"}'));
    assert.deepEqual([line.failure, line.error?.type, line.error?.message], [true, 'Error', 'boom']);
  });
});
