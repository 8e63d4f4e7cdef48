// The helpers behind error extraction (src/core/logs/runtimeErrors.ts) and the platform-line entry
// points of src/core/logs/platformLines.ts, called directly.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  errorAfterLabel,
  errorFromDocument,
  errorFromText,
  isOutOfMemoryText,
  isOutOfMemoryType,
  nodeFailureLabel,
  parseJsonObject,
  untypedError,
} from '../../../../src/core/logs/runtimeErrors';
import { parseTextPlatformLine, toStatus } from '../../../../src/core/logs/platformLines';
import { trimEventMessage } from '../../../../src/core/logs/parseLine';
import { compact } from './helpers';

describe('errorFromText', () => {
  test('Node headline and frames', () => {
    const error = errorFromText('RangeError: Invalid array length\n    at build (/var/task/a.js:3:9)');
    assert.deepEqual(compact(error), {
      type: 'RangeError',
      message: 'Invalid array length',
      frames: [{ file: '/var/task/a.js', function: 'build', line: 3, column: 9, inApp: true, raw: 'at build (/var/task/a.js:3:9)' }],
    });
  });

  test('dotted Java type, message containing colons', () => {
    const error = errorFromText('java.lang.IllegalStateException: state: CLOSED: cannot write');
    assert.deepEqual([error?.type, error?.message], ['java.lang.IllegalStateException', 'state: CLOSED: cannot write']);
  });

  test('Runtime.* types that do not end in Error', () => {
    assert.deepEqual(compact(errorFromText('Runtime.Unknown: Unknown application error occurred')), { type: 'Runtime.Unknown', message: 'Unknown application error occurred', frames: [] });
  });

  test('a type with no message', () => {
    assert.deepEqual(compact(errorFromText('TimeoutError')), { type: 'TimeoutError', message: '', frames: [] });
  });

  test('a multi-line message after the headline stays out of the message', () => {
    assert.equal(errorFromText('TypeError: first line\rsecond line')?.message, 'first line');
  });

  test('the plain `Error` and `Exception` types are error types too', () => {
    assert.deepEqual(compact(errorFromText('Error: boom\n    at f (/var/task/a.js:1:2)')), {
      type: 'Error',
      message: 'boom',
      frames: [{ file: '/var/task/a.js', function: 'f', line: 1, column: 2, inApp: true, raw: 'at f (/var/task/a.js:1:2)' }],
    });
    assert.deepEqual(compact(errorFromText('Exception: boom')), { type: 'Exception', message: 'boom', frames: [] });
  });

  test('text that names no error type is not an error', () => {
    assert.equal(errorFromText('something failed: Error somewhere'), undefined);
    assert.equal(errorFromText('Errors: 3'), undefined);
    assert.equal(errorFromText(''), undefined);
  });

  test('Python traceback without a final exception line: the headline names it', () => {
    const error = errorFromText("KeyError: 'action'\rTraceback (most recent call last):\r\u00a0\u00a0File \"/var/task/app.py\", line 10, in h\r\u00a0\u00a0\u00a0\u00a0x = d['action']");
    assert.deepEqual([error?.type, error?.message, error?.frames.length], ['KeyError', "'action'", 1]);
  });

  test('Python exception without "Error" in its name (StopIteration) is taken from the last line', () => {
    const error = errorFromText('iteration ended\nTraceback (most recent call last):\n  File "/var/task/app.py", line 4, in h\n    next(it)\nStopIteration');
    assert.deepEqual([error?.type, error?.message], ['StopIteration', '']);
  });

  test('chained Python exceptions: the last exception line wins', () => {
    const text = [
      'lookup failed',
      'Traceback (most recent call last):',
      '  File "/var/task/app.py", line 5, in get',
      "    return cache['k']",
      "KeyError: 'k'",
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/var/task/app.py", line 7, in get',
      "    raise LookupError('missing k')",
      'LookupError: missing k',
    ].join('\n');
    const error = errorFromText(text);
    assert.deepEqual([error?.type, error?.message], ['LookupError', 'missing k']);
  });
});

describe('errorFromDocument', () => {
  test('stack as a single string', () => {
    const error = errorFromDocument({ errorType: 'Error', errorMessage: 'x', stack: 'Error: x\n    at f (/var/task/a.js:1:2)' });
    assert.deepEqual(error?.frames.map((f) => f.function), ['f']);
  });

  test('neither errorType nor errorMessage: not an error document', () => {
    assert.equal(errorFromDocument({ message: 'x', stack: [] }), undefined);
  });

  test('non-string fields are ignored', () => {
    assert.deepEqual(compact(errorFromDocument({ errorType: 42, errorMessage: 'm' })), { type: 'Error', message: 'm', frames: [] });
  });
});

describe('errorAfterLabel and nodeFailureLabel', () => {
  test('labels are recognised only at the start', () => {
    assert.deepEqual(
      ['Invoke Error \t{}', 'Uncaught Exception \t{}', 'Unhandled Promise Rejection \t{}', 'caught: Invoke Error', 'Invoke error'].map(nodeFailureLabel),
      ['Invoke Error', 'Uncaught Exception', 'Unhandled Promise Rejection', undefined, undefined],
    );
  });

  test('JSON after the label', () => {
    assert.deepEqual(compact(errorAfterLabel('Invoke Error \t{"errorType":"Error","errorMessage":"boom","stack":["Error: boom"]}', 'Invoke Error')), {
      type: 'Error',
      message: 'boom',
      frames: [],
    });
  });

  test('typed text after the label', () => {
    assert.deepEqual(compact(errorAfterLabel('Uncaught Exception \tTypeError: bad', 'Uncaught Exception')), { type: 'TypeError', message: 'bad', frames: [] });
  });
});

describe('small helpers', () => {
  test('parseJsonObject', () => {
    assert.deepEqual(parseJsonObject('\t{"a":1}'), { a: 1 });
    assert.equal(parseJsonObject('[1]'), undefined);
    assert.equal(parseJsonObject('{"a":'), undefined);
    assert.equal(parseJsonObject('no braces'), undefined);
  });

  test('untypedError keeps the first line, trimmed', () => {
    assert.deepEqual(untypedError('  upstream said no \r details'), { type: 'Error', message: 'upstream said no', frames: [] });
  });

  test('isOutOfMemoryText and isOutOfMemoryType', () => {
    assert.deepEqual(
      ['JavaScript heap out of memory', 'java.lang.OutOfMemoryError: Metaspace', 'fatal error: runtime: out of memory', 'failed to allocate memory (NoMemoryError)', 'Error Type: Runtime.OutOfMemory', 'memory is fine'].map(isOutOfMemoryText),
      [true, true, true, true, true, false],
    );
    assert.deepEqual(['MemoryError', 'java.lang.OutOfMemoryError', 'Runtime.OutOfMemory', 'OutOfMemoryError', 'Error', undefined].map(isOutOfMemoryType), [true, true, true, true, false, false]);
  });

  test('trimEventMessage strips trailing \\n, \\r, \\t and spaces only', () => {
    assert.equal(trimEventMessage('  REPORT x \t\r\n'), '  REPORT x');
    const untouched = 'nothing to trim';
    assert.equal(trimEventMessage(untouched), untouched);
    assert.equal(trimEventMessage('\n\t '), '');
  });

  test('toStatus accepts the four platform statuses only', () => {
    assert.deepEqual(['success', 'error', 'timeout', 'failure', 'Success', 'ok', 1, undefined].map(toStatus), ['success', 'error', 'timeout', 'failure', undefined, undefined, undefined, undefined]);
  });
});

describe('parseTextPlatformLine', () => {
  test('returns undefined for application lines starting with the same letters', () => {
    for (const message of ['Starting up', 'END OF FILE', 'Retrying request', 'INITIALISING', 'X marks the spot', 'Timeout set to 3 s', 'RequestId missing']) {
      assert.equal(parseTextPlatformLine(message), undefined, message);
    }
  });

  test('does not trim: a REPORT with trailing \\t still parses', () => {
    assert.equal(parseTextPlatformLine('REPORT RequestId: r\tDuration: 1.00 ms\t')?.kind, 'report');
  });
});
