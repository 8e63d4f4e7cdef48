import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  framesFromStackArray,
  framesFromText,
  parseFrameLine,
  parseNodeFrame,
  parsePythonFrame,
  topAppFrame,
} from '../../../../src/core/issues/stackFrames';

describe('parsing frames', () => {
  test('Node: named frame', () => {
    assert.deepEqual(parseNodeFrame('    at Object.handler (/var/task/index.js:10:15)'), {
      file: '/var/task/index.js',
      function: 'Object.handler',
      line: 10,
      column: 15,
      inApp: true,
      raw: 'at Object.handler (/var/task/index.js:10:15)',
    });
  });

  test('Node: async frame with a file:// URL loses the scheme', () => {
    const f = parseNodeFrame('    at async Runtime.handler (file:///var/task/index.mjs:5:3)');
    assert.equal(f?.file, '/var/task/index.mjs');
    assert.equal(f?.function, 'Runtime.handler');
    assert.equal(f?.line, 5);
    assert.equal(f?.column, 3);
    assert.equal(f?.inApp, true);
  });

  test('Node: anonymous frame has a file and no function', () => {
    const f = parseNodeFrame('    at /var/task/lib/db.js:42:7');
    assert.equal(f?.file, '/var/task/lib/db.js');
    assert.equal(f?.function, undefined);
    assert.equal(f?.line, 42);
    assert.equal(f?.column, 7);
    assert.equal(f?.inApp, true);
  });

  test('Node: runtime, internal, dependency, layer and anonymous frames are not in-app', () => {
    for (const line of [
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
      '    at Runtime.handleOnce (/var/runtime/Runtime.js:66:25)',
      '    at Query.run (/var/task/node_modules/pg/lib/query.js:10:3)',
      '    at wrap (/opt/nodejs/node_modules/otel/wrap.js:3:9)',
      '    at new Promise (<anonymous>)',
    ]) {
      assert.equal(parseNodeFrame(line)?.inApp, false, line);
    }
  });

  test('Python: frame indented with U+00A0, raw text normalised to spaces', () => {
    assert.deepEqual(parsePythonFrame('\u00a0\u00a0File "/var/task/app.py", line 10, in lambda_handler'), {
      file: '/var/task/app.py',
      line: 10,
      function: 'lambda_handler',
      inApp: true,
      raw: 'File "/var/task/app.py", line 10, in lambda_handler',
    });
    assert.equal(parsePythonFrame('  File "<frozen os>", line 714, in __getitem__')?.inApp, false);
    assert.equal(parsePythonFrame('  File "/var/lang/lib/python3.12/site-packages/requests/api.py", line 1, in get')?.inApp, false);
  });

  test('Java (error-document form, no "at"): application and JDK frames', () => {
    assert.deepEqual(parseFrameLine('example.HandlerDivide.handleRequest(HandlerDivide.java:28)'), {
      function: 'example.HandlerDivide.handleRequest',
      file: 'HandlerDivide.java',
      line: 28,
      inApp: true,
      raw: 'example.HandlerDivide.handleRequest(HandlerDivide.java:28)',
    });
    assert.equal(parseFrameLine('java.base/java.lang.Integer.parseInt(Integer.java:652)')?.inApp, false);
  });

  test(
    'Java (printed form, "\\tat …"): parsed as a Java frame, not as a Node file path',
    () => {
      const app = parseFrameLine('\tat com.example.Handler.handleRequest(Handler.java:28)');
      assert.equal(app?.function, 'com.example.Handler.handleRequest');
      assert.equal(app?.file, 'Handler.java');
      assert.equal(app?.line, 28);
      assert.equal(app?.inApp, true);
      assert.equal(parseFrameLine('\tat java.base/java.lang.Integer.parseInt(Integer.java:652)')?.inApp, false);
    },
  );

  test('lines that are not frames give undefined', () => {
    assert.equal(parseFrameLine('Traceback (most recent call last):'), undefined);
    assert.equal(parseFrameLine("KeyError: 'A'"), undefined);
  });
});

describe('frame order', () => {
  test('Python tracebacks (outermost first) are reversed to innermost first', () => {
    const frames = framesFromText([
      'Traceback (most recent call last):',
      '  File "/var/task/app.py", line 10, in lambda_handler',
      '    x = os.environ["A"]',
      '  File "<frozen os>", line 714, in __getitem__',
      "KeyError: 'A'",
    ]);
    assert.deepEqual(
      frames.map((f) => [f.file, f.function, f.line]),
      [
        ['<frozen os>', '__getitem__', 714],
        ['/var/task/app.py', 'lambda_handler', 10],
      ],
    );
  });

  test('Node stack arrays keep their order and skip the headline', () => {
    const frames = framesFromStackArray(['Error: boom', '    at inner (/var/task/a.js:1:1)', '    at outer (/var/task/b.js:2:2)']);
    assert.deepEqual(frames.map((f) => f.function), ['inner', 'outer']);
  });

  test('Python pre-formatted chunks in a stack array are reversed', () => {
    const frames = framesFromStackArray([
      '  File "/var/task/app.py", line 10, in lambda_handler\n    x = f()\n',
      '  File "/var/task/lib.py", line 3, in f\n    raise ValueError()\n',
    ]);
    assert.deepEqual(frames.map((f) => f.function), ['f', 'lambda_handler']);
  });

  test('Go object frames: aws-lambda-go frames are not in-app', () => {
    const frames = framesFromStackArray([
      { path: '/go/src/app/main.go', line: 19, label: 'main.handler' },
      { path: 'github.com/aws/aws-lambda-go/lambda/function.go', line: 3, label: 'lambda.Start' },
    ]);
    assert.deepEqual(frames.map((f) => [f.file, f.function, f.line, f.inApp]), [
      ['/go/src/app/main.go', 'main.handler', 19, true],
      ['github.com/aws/aws-lambda-go/lambda/function.go', 'lambda.Start', 3, false],
    ]);
  });
});

describe('topAppFrame', () => {
  test('skips node:internal, /var/runtime and node_modules frames to the first in-app frame', () => {
    const frames = framesFromStackArray([
      'TypeError: boom',
      '    at Query.run (/var/task/node_modules/pg/lib/query.js:10:3)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at getUser (/var/task/src/users.js:12:9)',
      '    at handler (/var/task/index.js:3:3)',
      '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
    ]);
    const top = topAppFrame(frames);
    assert.equal(top?.file, '/var/task/src/users.js');
    assert.equal(top?.function, 'getUser');
  });

  test('innermost Python frame in <frozen os> is skipped for the handler frame', () => {
    const frames = framesFromText([
      'Traceback (most recent call last):',
      '\u00a0\u00a0File "/var/task/app.py", line 5, in lambda_handler',
      '\u00a0\u00a0File "<frozen os>", line 714, in __getitem__',
    ]);
    assert.equal(topAppFrame(frames)?.function, 'lambda_handler');
  });

  test('no in-app frame, or no frame at all, gives undefined', () => {
    assert.equal(topAppFrame([]), undefined);
    assert.equal(topAppFrame(framesFromStackArray(['Error: x', '    at Runtime.handleOnce (/var/runtime/Runtime.js:66:25)'])), undefined);
  });
});
