// Python text format: `[LEVEL]\t<time>\t<request id>\t<message>` from logging, and the runtime's own
// `[ERROR] Type: message\rTraceback (most recent call last):\r<frames indented with U+00A0>`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLine } from '../../../../src/core/logs/parseLine';
import { NBSP, REQUEST_ID as RID, TIME, asApp, compact, frameFields } from './helpers';

/** Indent as awslambdaric's replace_line_indentation does: each leading space becomes U+00A0. */
const nb = (spaces: number, text: string) => NBSP.repeat(spaces) + text;

describe('logging records', () => {
  test('[INFO]\\t<time>\\t<rid>\\tmsg', () => {
    assert.deepEqual(compact(parseLine(`[INFO]\t${TIME}\t${RID}\tProcessing order 42\n`)), {
      kind: 'app',
      requestId: RID,
      level: 'INFO',
      text: 'Processing order 42',
    });
  });

  test('[WARNING] and [CRITICAL] are WARN and FATAL', () => {
    assert.equal(asApp(parseLine(`[WARNING]\t${TIME}\t${RID}\tslow`)).level, 'WARN');
    assert.equal(asApp(parseLine(`[CRITICAL]\t${TIME}\t${RID}\tgiving up`)).level, 'FATAL');
  });

  test('[DEBUG] keeps a message containing tabs whole', () => {
    assert.deepEqual(compact(parseLine(`[DEBUG]\t${TIME}\t${RID}\tcol1\tcol2`)), { kind: 'app', requestId: RID, level: 'DEBUG', text: 'col1\tcol2' });
  });

  test('[ERROR] logger.error without exception: untyped, handled', () => {
    assert.deepEqual(compact(parseLine(`[ERROR]\t${TIME}\t${RID}\tpayment declined for order 42\n`)), {
      kind: 'app',
      requestId: RID,
      level: 'ERROR',
      text: 'payment declined for order 42',
      error: { type: 'Error', message: 'payment declined for order 42', frames: [] },
      outOfMemory: false,
    });
  });

  test('[ERROR] logger.exception: type and message from the last traceback line, frames innermost first', () => {
    const text = [
      'Failed to process order',
      'Traceback (most recent call last):',
      '  File "/var/task/app.py", line 12, in handler',
      '    process(order)',
      '  File "/var/task/orders.py", line 40, in process',
      '    total = pricing.total(order)',
      '  File "/opt/python/lib/python3.12/site-packages/pricing/core.py", line 88, in total',
      '    raise ValueError(f"bad total {value}")',
      'ValueError: bad total -3',
    ].join('\n');
    const line = asApp(parseLine(`[ERROR]\t${TIME}\t${RID}\t${text}\n`));
    assert.deepEqual([line.requestId, line.level, line.text, line.failure], [RID, 'ERROR', text, undefined]);
    assert.deepEqual([line.error?.type, line.error?.message], ['ValueError', 'bad total -3']);
    assert.deepEqual(line.error?.frames.map(frameFields), [
      { file: '/opt/python/lib/python3.12/site-packages/pricing/core.py', line: 88, function: 'total', inApp: false },
      { file: '/var/task/orders.py', line: 40, function: 'process', inApp: true },
      { file: '/var/task/app.py', line: 12, function: 'handler', inApp: true },
    ]);
  });

  // A traceback whose source line reads `obj.method(args)`, as most Python code does.
  const clientErrorTraceback = [
    'put_item failed',
    'Traceback (most recent call last):',
    '  File "/var/task/store.py", line 21, in save',
    '    table.put_item(Item=item)',
    'botocore.exceptions.ClientError: An error occurred (ConditionalCheckFailedException) when calling the PutItem operation: The conditional request failed',
  ].join('\r');

  test('logger.exception with a dotted exception type and \\r separators (stdout sink)', () => {
    const line = asApp(parseLine(`[ERROR]\t${TIME}\t${RID}\t${clientErrorTraceback}`));
    assert.deepEqual([line.error?.type, line.error?.message], [
      'botocore.exceptions.ClientError',
      'An error occurred (ConditionalCheckFailedException) when calling the PutItem operation: The conditional request failed',
    ]);
  });

  test('a Python source line such as `table.put_item(Item=item)` is not a stack frame', () => {
    const line = asApp(parseLine(`[ERROR]\t${TIME}\t${RID}\t${clientErrorTraceback}`));
    assert.deepEqual(line.error?.frames.map(frameFields), [{ file: '/var/task/store.py', line: 21, function: 'save', inApp: true }]);
  });
});

describe("the runtime's uncaught error", () => {
  test("[ERROR] KeyError: 'action' with a U+00A0-indented traceback: failure, no request id", () => {
    const message =
      [
        "[ERROR] KeyError: 'action'",
        'Traceback (most recent call last):',
        nb(2, 'File "/var/task/app.py", line 10, in lambda_handler'),
        nb(4, 'return router.dispatch(event)'),
        nb(2, 'File "/opt/python/aws_lambda_powertools/event_handler/router.py", line 57, in dispatch'),
        nb(4, "handler = self.routes[event['action']]"),
      ].join('\r') + '\n';
    const line = asApp(parseLine(message));
    assert.deepEqual([line.kind, line.requestId, line.level, line.failure, line.outOfMemory], ['app', undefined, 'ERROR', true, false]);
    assert.deepEqual([line.error?.type, line.error?.message], ['KeyError', "'action'"]);
    assert.deepEqual(line.error?.frames.map(frameFields), [
      { file: '/opt/python/aws_lambda_powertools/event_handler/router.py', line: 57, function: 'dispatch', inApp: false },
      { file: '/var/task/app.py', line: 10, function: 'lambda_handler', inApp: true },
    ]);
    assert.equal(line.error?.frames[1]?.raw, 'File "/var/task/app.py", line 10, in lambda_handler', 'raw frame text has the no-break spaces normalised');
  });

  test('the single-frame KeyError of the python-exceptions doc', () => {
    const message = ["[ERROR] KeyError: 'action'", 'Traceback (most recent call last):', nb(2, 'File "/var/task/lambda_function.py", line 36, in lambda_handler'), nb(4, "result = ACTIONS[event['action']](event['number'])")].join('\r');
    const line = asApp(parseLine(message));
    assert.deepEqual(compact(line.error), {
      type: 'KeyError',
      message: "'action'",
      frames: [{ file: '/var/task/lambda_function.py', line: 36, function: 'lambda_handler', inApp: true, raw: 'File "/var/task/lambda_function.py", line 36, in lambda_handler' }],
    });
  });

  test('Runtime.ImportModuleError without traceback', () => {
    const message = "[ERROR] Runtime.ImportModuleError: Unable to import module 'app': No module named 'daily'";
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'app',
      level: 'ERROR',
      text: "Runtime.ImportModuleError: Unable to import module 'app': No module named 'daily'",
      error: { type: 'Runtime.ImportModuleError', message: "Unable to import module 'app': No module named 'daily'", frames: [] },
      failure: true,
      outOfMemory: false,
    });
  });

  test('Runtime.ImportModuleError followed by an empty traceback, as the runtime writes it', () => {
    const message = "[ERROR] Runtime.ImportModuleError: Unable to import module 'app': No module named 'daily'\rTraceback (most recent call last):\n";
    const line = asApp(parseLine(message));
    assert.deepEqual([line.failure, line.error?.type, line.error?.message, line.error?.frames.length], [true, 'Runtime.ImportModuleError', "Unable to import module 'app': No module named 'daily'", 0]);
  });

  test('Runtime.HandlerNotFound', () => {
    const line = asApp(parseLine("[ERROR] Runtime.HandlerNotFound: Handler 'lambda_handler' missing on module 'app'\rTraceback (most recent call last):"));
    assert.deepEqual([line.failure, line.error?.type, line.error?.message], [true, 'Runtime.HandlerNotFound', "Handler 'lambda_handler' missing on module 'app'"]);
  });

  test('[ERROR] MemoryError with no message and no traceback', () => {
    const line = asApp(parseLine('[ERROR] MemoryError'));
    assert.deepEqual(compact(line.error), { type: 'MemoryError', message: '', frames: [] });
    assert.deepEqual([line.failure, line.outOfMemory], [true, true]);
  });

  test('[ERROR] MemoryError with a traceback: the message stays empty as the runtime printed none', () => {
    const message = ['[ERROR] MemoryError', 'Traceback (most recent call last):', nb(2, 'File "/var/task/app.py", line 5, in handler'), nb(4, "data = b'x' * n")].join('\r');
    const line = asApp(parseLine(message));
    assert.deepEqual([line.error?.type, line.error?.message, line.failure, line.outOfMemory], ['MemoryError', '', true, true]);
  });

  test("[ERROR] Exception: boom (the base class, raised as is): type Exception", () => {
    const message = ['[ERROR] Exception: boom', 'Traceback (most recent call last):', nb(2, 'File "/var/task/app.py", line 3, in handler'), nb(4, 'raise Exception("boom")')].join('\r');
    const line = asApp(parseLine(message));
    assert.deepEqual([line.failure, line.error?.type, line.error?.message], [true, 'Exception', 'boom']);
  });

  test('logger.exception of a bare Exception: the last traceback line names it', () => {
    const text = 'failed\nTraceback (most recent call last):\n  File "/var/task/app.py", line 3, in h\n    raise Exception("boom")\nException: boom';
    const line = asApp(parseLine(`[ERROR]\t${TIME}\t${RID}\t${text}`));
    assert.deepEqual([line.failure, line.error?.type, line.error?.message], [undefined, 'Exception', 'boom']);
  });

  test('a bracketed word that is not a level is plain text', () => {
    assert.deepEqual(compact(parseLine('[notice] disk almost full')), { kind: 'app', text: '[notice] disk almost full' });
  });
});
