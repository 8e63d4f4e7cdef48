// Node.js text format: `<ISO time>\t<request id>\t<LEVEL>\t<util.format output, \n turned into \r>`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseLine } from '../../../../src/core/logs/parseLine';
import { FIXTURES, PUBLIC_SAMPLES, REQUEST_ID as RID, TIME, asApp, compact, fixtureLines, frameFields } from './helpers';

const node = (level: string, text: string, requestId = RID) => `${TIME}\t${requestId}\t${level}\t${text}\n`;

describe('levelled lines', () => {
  test('INFO line (GetLogEvents message, \\r inside, \\n at the end)', () => {
    const message = '2019-06-05T19:30:03.173Z\t4ce9340a-b765-490f-ad8a-02ab3415e2bf\tINFO\tEVENT\r{\r  "key": "value"\r}\n';
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'app',
      requestId: '4ce9340a-b765-490f-ad8a-02ab3415e2bf',
      level: 'INFO',
      text: 'EVENT\r{\r  "key": "value"\r}',
    });
  });

  test('every runtime level', () => {
    assert.deepEqual(
      ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].map((level) => asApp(parseLine(node(level, 'x'))).level),
      ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'],
    );
  });

  test('the message after the third tab is kept whole, tabs included', () => {
    assert.equal(asApp(parseLine(node('INFO', 'a\tb\tc'))).text, 'a\tb\tc');
  });

  test('a leading space in the message (Logs Insights sample) is kept', () => {
    const message = '2023-12-05T22:14:43.862Z\t76269889-7d50-4d6d-a3f1-9b4f5322f47c\tINFO\t a picture just got uploaded to the S3 original-dinner-time-images bucket!\n';
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'app',
      requestId: '76269889-7d50-4d6d-a3f1-9b4f5322f47c',
      level: 'INFO',
      text: ' a picture just got uploaded to the S3 original-dinner-time-images bucket!',
    });
  });

  test('request id `undefined` (init phase) means no request id', () => {
    assert.deepEqual(compact(parseLine(node('INFO', 'loading config', 'undefined'))), { kind: 'app', level: 'INFO', text: 'loading config' });
  });

  test('ERROR without an error type: untyped error from the first line, handled', () => {
    assert.deepEqual(compact(parseLine(node('ERROR', 'could not reach payments\rretrying in 200 ms'))), {
      kind: 'app',
      requestId: RID,
      level: 'ERROR',
      text: 'could not reach payments\rretrying in 200 ms',
      error: { type: 'Error', message: 'could not reach payments', frames: [] },
      outOfMemory: false,
    });
  });

  test('handled console.error(err): TypeError with \\r-separated frames, not a failure', () => {
    const text = "TypeError: Cannot read properties of undefined (reading 'id')\r    at getUser (/var/task/src/users.js:14:23)\r    at Runtime.handler (/var/task/index.js:8:18)";
    const line = asApp(parseLine(node('ERROR', text)));
    assert.deepEqual([line.requestId, line.level, line.text, line.failure], [RID, 'ERROR', text, undefined]);
    assert.deepEqual([line.error?.type, line.error?.message], ['TypeError', "Cannot read properties of undefined (reading 'id')"]);
    assert.deepEqual(line.error?.frames.map(frameFields), [
      { file: '/var/task/src/users.js', function: 'getUser', line: 14, column: 23, inApp: true },
      { file: '/var/task/index.js', function: 'Runtime.handler', line: 8, column: 18, inApp: true },
    ]);
  });

  test('the minimal handled error from the brief: TypeError: msg\\r    at fn (/var/task/x.js:1:2)', () => {
    const line = asApp(parseLine(node('ERROR', 'TypeError: msg\r    at fn (/var/task/x.js:1:2)')));
    assert.deepEqual(compact(line.error), {
      type: 'TypeError',
      message: 'msg',
      frames: [{ file: '/var/task/x.js', function: 'fn', line: 1, column: 2, inApp: true, raw: 'at fn (/var/task/x.js:1:2)' }],
    });
    assert.equal(line.failure, undefined);
  });

  test('handled console.error(new Error("boom")): plain `Error` type, message without the prefix, frames kept', () => {
    const line = asApp(parseLine(node('ERROR', 'Error: boom\r    at handler (/var/task/index.js:3:9)')));
    assert.deepEqual(compact(line.error), {
      type: 'Error',
      message: 'boom',
      frames: [{ file: '/var/task/index.js', function: 'handler', line: 3, column: 9, inApp: true, raw: 'at handler (/var/task/index.js:3:9)' }],
    });
  });

  test('an unlevelled stderr stack trace headed `Error: …` is an error line', () => {
    const line = asApp(parseLine('Error: boom\n    at handler (/var/task/index.js:3:9)\n'));
    assert.deepEqual([line.level, line.error?.type, line.error?.message, line.error?.frames.length], ['ERROR', 'Error', 'boom', 1]);
  });

  test('WARN with an error-looking text carries no error', () => {
    assert.deepEqual(compact(parseLine(node('WARN', 'Error: retrying'))), { kind: 'app', requestId: RID, level: 'WARN', text: 'Error: retrying' });
  });

  test('a line with a timestamp and request id but an unknown level is not parsed as Node text', () => {
    const message = `${TIME}\t${RID}\tNOTICE\thello`;
    assert.deepEqual(compact(parseLine(message)), { kind: 'app', text: message });
  });
});

describe('Invoke Error', () => {
  const stack = [
    "TypeError: Cannot read properties of undefined (reading 'id')",
    '    at getUser (/var/task/src/users.js:14:23)',
    '    at Runtime.handler (/var/task/index.js:8:18)',
    '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  ];
  const doc = JSON.stringify({ errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'id')", stack });

  test('`Invoke Error \\t{json}`: a failure with type, message and frames innermost first', () => {
    const line = asApp(parseLine(node('ERROR', `Invoke Error \t${doc}`)));
    assert.deepEqual([line.requestId, line.level, line.failure, line.outOfMemory], [RID, 'ERROR', true, false]);
    assert.deepEqual([line.error?.type, line.error?.message], ['TypeError', "Cannot read properties of undefined (reading 'id')"]);
    assert.deepEqual(line.error?.frames.map(frameFields), [
      { file: '/var/task/src/users.js', function: 'getUser', line: 14, column: 23, inApp: true },
      { file: '/var/task/index.js', function: 'Runtime.handler', line: 8, column: 18, inApp: true },
      { file: '/var/runtime/index.mjs', function: 'Runtime.handleOnceNonStreaming', line: 1173, column: 29, inApp: false },
      { file: 'node:internal/process/task_queues', function: 'process.processTicksAndRejections', line: 95, column: 5, inApp: false },
    ]);
  });

  test('an error document with enumerable extras (code, $metadata) still yields type and message', () => {
    const awsError = JSON.stringify({
      errorType: 'ConditionalCheckFailedException',
      errorMessage: 'The conditional request failed',
      name: 'ConditionalCheckFailedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'Q9D7…', attempts: 1 },
      stack: ['ConditionalCheckFailedException: The conditional request failed', '    at throwDefaultError (/var/runtime/node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js:2:1)', '    at saveOrder (/var/task/orders.js:31:5)'],
    });
    const line = asApp(parseLine(node('ERROR', `Invoke Error \t${awsError}`)));
    assert.deepEqual([line.failure, line.error?.type, line.error?.message], [true, 'ConditionalCheckFailedException', 'The conditional request failed']);
    assert.deepEqual(line.error?.frames.map((f) => [f.function, f.inApp]), [
      ['throwDefaultError', false],
      ['saveOrder', true],
    ]);
  });

  test('a label followed by something that is not JSON: typed from the label, still a failure', () => {
    const line = asApp(parseLine(node('ERROR', 'Invoke Error \tnot json at all')));
    assert.deepEqual(compact(line.error), { type: 'InvokeError', message: 'not json at all', frames: [] });
    assert.equal(line.failure, true);
  });
});

describe('Uncaught Exception and Unhandled Promise Rejection', () => {
  test('public sample: UserCodeSyntaxError during init, request id `undefined`', () => {
    const events = fixtureLines(join(PUBLIC_SAMPLES, 'nodejs-init-failure-usercodesyntaxerror.txt'));
    const line = asApp(parseLine(events[0]!));
    assert.deepEqual([line.requestId, line.level, line.failure], [undefined, 'ERROR', true]);
    assert.deepEqual([line.error?.type, line.error?.message], ['Runtime.UserCodeSyntaxError', 'SyntaxError: Unexpected end of input']);
    assert.ok(line.error?.frames.every((f) => !f.inApp), 'all frames are the runtime loader');
  });

  test('own complete init-failure sequence: every event classified', () => {
    const events = fixtureLines(join(FIXTURES, 'nodejs-init-failure-usercodesyntaxerror-complete.txt')).filter((l) => l.length > 0);
    const summary = events.map((e) => {
      const line = parseLine(e);
      switch (line.kind) {
        case 'app':
          return ['app', line.requestId ?? null, line.failure ?? false, line.error?.type ?? null];
        case 'initReport':
          return ['initReport', line.phase, line.status ?? null, line.errorType ?? null];
        case 'report':
          return ['report', line.durationMs ?? null, line.status ?? null, line.errorType ?? null];
        case 'initStart':
          return ['initStart', line.runtimeVersion ?? null];
        default:
          return [line.kind];
      }
    });
    assert.deepEqual(summary, [
      ['initStart', 'nodejs:22.v41'],
      ['app', null, true, 'Runtime.UserCodeSyntaxError'],
      ['initReport', 'init', 'error', 'Runtime.UserCodeSyntaxError'],
      ['app', null, true, 'Runtime.UserCodeSyntaxError'],
      ['initReport', 'invoke', 'error', 'Runtime.UserCodeSyntaxError'],
      ['start'],
      ['end'],
      ['report', 1213.58, 'error', 'Runtime.UserCodeSyntaxError'],
    ]);
  });

  test('own complete Uncaught Exception line: every frame parsed, none in app', () => {
    const events = fixtureLines(join(FIXTURES, 'nodejs-init-failure-usercodesyntaxerror-complete.txt'));
    const line = asApp(parseLine(events[1]!));
    assert.deepEqual(compact({ ...line, text: undefined }), {
      kind: 'app',
      level: 'ERROR',
      error: {
        type: 'Runtime.UserCodeSyntaxError',
        message: "SyntaxError: Unexpected token '}'",
        frames: [
          { file: '/var/runtime/index.mjs', function: '_loadUserApp', line: 1106, column: 17, inApp: false, raw: 'at _loadUserApp (file:///var/runtime/index.mjs:1106:17)' },
          { file: '/var/runtime/index.mjs', function: 'UserFunction.js.module.exports.load', line: 1148, column: 21, inApp: false, raw: 'at async UserFunction.js.module.exports.load (file:///var/runtime/index.mjs:1148:21)' },
          { file: '/var/runtime/index.mjs', function: 'start', line: 1332, column: 23, inApp: false, raw: 'at async start (file:///var/runtime/index.mjs:1332:23)' },
          { file: '/var/runtime/index.mjs', line: 1339, column: 1, inApp: false, raw: 'at async file:///var/runtime/index.mjs:1339:1' },
        ],
      },
      failure: true,
      outOfMemory: false,
    });
  });

  test('Uncaught Exception: ImportModuleError whose message spans lines (escaped \\n inside the JSON)', () => {
    const doc = JSON.stringify({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find module 'uuid'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs",
      stack: [
        "Runtime.ImportModuleError: Error: Cannot find module 'uuid'",
        'Require stack:',
        '- /var/task/index.js',
        '- /var/runtime/index.mjs',
        '    at _loadUserApp (file:///var/runtime/index.mjs:1087:17)',
        '    at async UserFunction.js.module.exports.load (file:///var/runtime/index.mjs:1119:21)',
      ],
    });
    const line = asApp(parseLine(node('ERROR', `Uncaught Exception \t${doc}`, 'undefined')));
    assert.deepEqual([line.requestId, line.failure, line.error?.type], [undefined, true, 'Runtime.ImportModuleError']);
    assert.equal(line.error?.message, "Error: Cannot find module 'uuid'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs");
    assert.deepEqual(line.error?.frames.map((f) => f.function), ['_loadUserApp', 'UserFunction.js.module.exports.load'], 'the Require stack lines are not frames');
  });

  const rejection = JSON.stringify({
    errorType: 'Runtime.UnhandledPromiseRejection',
    errorMessage: 'Error: connect ECONNREFUSED 10.0.3.7:5432',
    reason: {
      errorType: 'Error',
      errorMessage: 'connect ECONNREFUSED 10.0.3.7:5432',
      code: 'ECONNREFUSED',
      stack: ['Error: connect ECONNREFUSED 10.0.3.7:5432', '    at connect (/var/task/db.js:3:9)', '    at warmUp (/var/task/index.js:5:1)'],
    },
    promise: {},
    stack: [
      'Runtime.UnhandledPromiseRejection: Error: connect ECONNREFUSED 10.0.3.7:5432',
      '    at process.<anonymous> (file:///var/runtime/index.mjs:1276:17)',
      '    at process.emit (node:events:519:28)',
      '    at emit (node:internal/process/promises:150:20)',
    ],
  });

  test('Unhandled Promise Rejection: a failure typed by the runtime wrapper', () => {
    const line = asApp(parseLine(node('ERROR', `Unhandled Promise Rejection \t${rejection}`)));
    assert.deepEqual([line.requestId, line.level, line.failure], [RID, 'ERROR', true]);
    assert.deepEqual([line.error?.type, line.error?.message], ['Runtime.UnhandledPromiseRejection', 'Error: connect ECONNREFUSED 10.0.3.7:5432']);
  });

  test("Unhandled Promise Rejection: the rejected error's own frames (reason.stack) locate it in the app", () => {
    const line = asApp(parseLine(node('ERROR', `Unhandled Promise Rejection \t${rejection}`)));
    const firstAppFrame = line.error?.frames.find((f) => f.inApp);
    assert.deepEqual(firstAppFrame && frameFields(firstAppFrame), { file: '/var/task/db.js', function: 'connect', line: 3, column: 9, inApp: true });
  });
});
