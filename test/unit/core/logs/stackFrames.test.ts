// Stack frame parsing (src/core/issues/stackFrames.ts): one frame line in each runtime's notation,
// the arrays of error documents, multi-line text, and which frames are the application's own.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  framesFromStackArray,
  framesFromText,
  parseFrameLine,
  parseJavaFrame,
  parseNodeFrame,
  parsePythonFrame,
  topAppFrame,
} from '../../../../src/core/issues/stackFrames';
import { NBSP, compact, frameFields } from './helpers';

describe('Node.js frames', () => {
  test('named function with file, line and column', () => {
    assert.deepEqual(compact(parseNodeFrame('    at getUser (/var/task/src/users.js:14:23)')), {
      file: '/var/task/src/users.js',
      function: 'getUser',
      line: 14,
      column: 23,
      inApp: true,
      raw: 'at getUser (/var/task/src/users.js:14:23)',
    });
  });

  test('anonymous frame without parentheses', () => {
    assert.deepEqual(compact(parseNodeFrame('    at /var/task/index.js:5:3')), { file: '/var/task/index.js', line: 5, column: 3, inApp: true, raw: 'at /var/task/index.js:5:3' });
  });

  test('async frame with a file:// URL (ESM): the URL scheme is dropped', () => {
    assert.deepEqual(frameFields(parseNodeFrame('    at async Runtime.handler (file:///var/task/index.mjs:9:17)')!), {
      file: '/var/task/index.mjs',
      function: 'Runtime.handler',
      line: 9,
      column: 17,
      inApp: true,
    });
  });

  test('Object.<anonymous> and new X', () => {
    assert.equal(parseNodeFrame('    at Object.<anonymous> (/var/task/index.js:1:7)')?.function, 'Object.<anonymous>');
    assert.deepEqual(frameFields(parseNodeFrame('    at new Promise (<anonymous>)')!), { file: '<anonymous>', function: 'new Promise', inApp: false });
  });

  test('runtime, node internals, dependencies and layers are not the application', () => {
    const notApp = [
      '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
      '    at Runtime.handleOnce (/var/runtime/Runtime.js:63:25)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at process._tickCallback (internal/process/next_tick.js:68:7)',
      '    at Object.send (/var/task/node_modules/@aws-sdk/client-s3/dist-cjs/index.js:10:1)',
      '    at retry (/opt/nodejs/node_modules/p-retry/index.js:50:2)',
    ];
    assert.deepEqual(notApp.map((l) => parseNodeFrame(l)?.inApp), [false, false, false, false, false, false]);
  });

  test('a line that is not a frame', () => {
    assert.equal(parseNodeFrame('Error: boom'), undefined);
  });

  test('`at async Promise.all (index 0)` names no file and is not application code', () => {
    const frame = parseNodeFrame('    at async Promise.all (index 0)');
    assert.ok(frame === undefined || (frame.inApp === false && frame.file === undefined), JSON.stringify(frame));
  });
});

describe('Python frames', () => {
  test('indented with ASCII spaces', () => {
    assert.deepEqual(compact(parsePythonFrame('  File "/var/task/app.py", line 10, in lambda_handler')), {
      file: '/var/task/app.py',
      line: 10,
      function: 'lambda_handler',
      inApp: true,
      raw: 'File "/var/task/app.py", line 10, in lambda_handler',
    });
  });

  test('indented with U+00A0 (the runtime’s uncaught-error output)', () => {
    assert.deepEqual(compact(parsePythonFrame(`${NBSP}${NBSP}File "/var/task/app.py", line 10, in lambda_handler`)), {
      file: '/var/task/app.py',
      line: 10,
      function: 'lambda_handler',
      inApp: true,
      raw: 'File "/var/task/app.py", line 10, in lambda_handler',
    });
  });

  test('runtime, standard library, site-packages and frozen modules are not the application', () => {
    const notApp = [
      '  File "/var/runtime/bootstrap.py", line 60, in handle_event_request',
      '  File "/var/lang/lib/python3.12/json/decoder.py", line 355, in raw_decode',
      '  File "/var/task/vendor/lib/python3.12/site-packages/requests/api.py", line 73, in get',
      '  File "/opt/python/lib/python3.12/site-packages/botocore/client.py", line 1023, in _make_api_call',
      '  File "<frozen importlib._bootstrap>", line 1204, in _gcd_import',
    ];
    assert.deepEqual(notApp.map((l) => parsePythonFrame(l)?.inApp), [false, false, false, false, false]);
  });

  test('a module-level frame (in <module>)', () => {
    assert.deepEqual(frameFields(parsePythonFrame('  File "/var/task/app.py", line 3, in <module>')!), { file: '/var/task/app.py', line: 3, function: '<module>', inApp: true });
  });
});

describe('Java frames', () => {
  test('without `at` (error document stackTrace entries)', () => {
    assert.deepEqual(compact(parseJavaFrame('example.HandlerDivide.handleRequest(HandlerDivide.java:28)')), {
      function: 'example.HandlerDivide.handleRequest',
      file: 'HandlerDivide.java',
      line: 28,
      inApp: true,
      raw: 'example.HandlerDivide.handleRequest(HandlerDivide.java:28)',
    });
  });

  test('with a tab and `at` (printStackTrace / logger output), through parseFrameLine', () => {
    assert.deepEqual(frameFields(parseFrameLine('\tat com.example.orders.Handler.handleRequest(Handler.java:25)')!), {
      function: 'com.example.orders.Handler.handleRequest',
      file: 'Handler.java',
      line: 25,
      inApp: true,
    });
  });

  test('JDK, AWS and Lambda runtime frames are not the application; module prefixes are understood', () => {
    const notApp = [
      '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)',
      '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(Unknown Source)',
      'lambdainternal.EventHandlerLoader$PojoHandlerAsStreamHandler.handleRequest(EventHandlerLoader.java:205)',
      '\tat software.amazon.awssdk.core.internal.http.pipeline.stages.RetryableStage.execute(RetryableStage.java:80)',
      '\tat com.fasterxml.jackson.databind.ObjectMapper.readValue(ObjectMapper.java:3629)',
    ];
    assert.deepEqual(notApp.map((l) => parseFrameLine(l)?.inApp), [false, false, false, false, false]);
  });

  test('Native Method and Unknown Source have no line', () => {
    assert.deepEqual(frameFields(parseFrameLine('\tat java.base/jdk.internal.misc.Unsafe.park(Native Method)')!), {
      function: 'java.base/jdk.internal.misc.Unsafe.park',
      file: 'Native Method',
      inApp: false,
    });
  });

  test('a name without a dot is not a Java frame', () => {
    assert.equal(parseJavaFrame('process(order)'), undefined);
  });
});

describe('framesFromStackArray', () => {
  test('Node stack strings: headline skipped, order kept (innermost first)', () => {
    const frames = framesFromStackArray(['Error: boom', '    at inner (/var/task/a.js:1:1)', '    at outer (/var/task/b.js:2:2)']);
    assert.deepEqual(frames.map((f) => f.function), ['inner', 'outer']);
  });

  test('Python pre-formatted chunks (outermost first) are reversed to innermost first', () => {
    const frames = framesFromStackArray([
      '  File "/var/task/app.py", line 12, in handler\n    process(order)\n',
      '  File "/var/task/orders.py", line 40, in process\n    raise ValueError("bad total")\n',
    ]);
    assert.deepEqual(frames.map(frameFields), [
      { file: '/var/task/orders.py', line: 40, function: 'process', inApp: true },
      { file: '/var/task/app.py', line: 12, function: 'handler', inApp: true },
    ]);
  });

  test('Python chunk whose source line is a method call adds no frame', () => {
    const frames = framesFromStackArray(['  File "/var/task/app.py", line 7, in lambda_handler\n    json.loads(event["body"])\n']);
    assert.deepEqual(frames.map(frameFields), [{ file: '/var/task/app.py', line: 7, function: 'lambda_handler', inApp: true }]);
  });

  test('Java strings keep their order', () => {
    const frames = framesFromStackArray(['example.A.inner(A.java:3)', 'example.B.outer(B.java:9)']);
    assert.deepEqual(frames.map((f) => [f.function, f.line]), [
      ['example.A.inner', 3],
      ['example.B.outer', 9],
    ]);
  });

  test('Go objects {path, line, label}', () => {
    const frames = framesFromStackArray([
      { path: 'github.com/aws/aws-lambda-go@v1.47.0/lambda/function.go', line: 35, label: '(*Function).Invoke.func1' },
      { path: 'github.com/acme/orders/main.go', line: 19, label: 'handleRequest' },
    ]);
    assert.deepEqual(frames.map(frameFields), [
      { file: 'github.com/aws/aws-lambda-go@v1.47.0/lambda/function.go', function: '(*Function).Invoke.func1', line: 35, inApp: false },
      { file: 'github.com/acme/orders/main.go', function: 'handleRequest', line: 19, inApp: true },
    ]);
  });

  test('junk items are skipped', () => {
    assert.deepEqual(framesFromStackArray([null, 3, {}, { line: 4 }, '', '   ', ['nested']]), []);
  });
});

describe('framesFromText', () => {
  test('Node lines (\\r-split upstream): innermost first as printed', () => {
    const frames = framesFromText(['TypeError: x', '    at a (/var/task/a.js:1:1)', '    at b (/var/task/b.js:2:2)']);
    assert.deepEqual(frames.map((f) => f.function), ['a', 'b']);
  });

  test('Python traceback lines are reversed; source lines skipped', () => {
    const frames = framesFromText(['  File "/var/task/app.py", line 12, in handler', '    process(order)', '  File "/var/task/orders.py", line 40, in process', '    raise ValueError("x")']);
    assert.deepEqual(frames.map((f) => f.file), ['/var/task/orders.py', '/var/task/app.py']);
  });
});

describe('topAppFrame', () => {
  test('skips dependency frames to the first application frame', () => {
    const frames = framesFromText([
      '    at parse (/var/task/node_modules/fast-xml-parser/src/xmlparser.js:30:11)',
      '    at readFeed (/var/task/feed.js:12:20)',
      '    at Runtime.handler (/var/task/index.js:4:9)',
    ]);
    assert.deepEqual(frameFields(topAppFrame(frames)!), { file: '/var/task/feed.js', function: 'readFeed', line: 12, column: 20, inApp: true });
  });

  test('undefined when no frame is the application’s', () => {
    assert.equal(topAppFrame(framesFromText(['    at x (node:internal/a:1:1)'])), undefined);
  });

  test('an async stack through Promise.all still lands on the handler', () => {
    const frames = framesFromText([
      '    at get (/var/task/node_modules/axios/lib/core/Axios.js:45:41)',
      '    at async Promise.all (index 0)',
      '    at async Runtime.handler (/var/task/index.js:11:19)',
    ]);
    assert.equal(topAppFrame(frames)?.file, '/var/task/index.js');
  });
});
