// `[ERROR] ` + text with no tab is the Python runtime's uncaught exception only in its own shape:
// `[ERROR] <Type>: <message>` (awslambdaric log_error), or a bare `<Type>` heading a traceback.
// Anything else is the application printing an error it went on from.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLine } from '../../../../src/core/logs/parseLine';
import { NBSP, asApp, compact } from './helpers';

describe('`[ERROR] ` followed by free text', () => {
  test('`[ERROR] payment declined for order 1234`: an untyped handled error, no failure', () => {
    assert.deepEqual(compact(parseLine('[ERROR] payment declined for order 1234\n')), {
      kind: 'app',
      level: 'ERROR',
      text: 'payment declined for order 1234',
      error: { type: 'Error', message: 'payment declined for order 1234', frames: [] },
      outOfMemory: false,
    });
  });

  test('other prints that are not `Type: message`', () => {
    for (const text of ['could not reach: the ledger', 'retry 3/5: giving up on 1234', 'failed', 'Ledger: ', 'Ledger:unreachable', '[ERROR] nested', '2024 batch: 3 failures', 'Database: connection lost', 'Note: order 1234 refunded twice']) {
      const line = asApp(parseLine(`[ERROR] ${text}`));
      assert.deepEqual([line.level, line.failure, line.error === undefined], ['ERROR', undefined, false], text);
    }
    assert.equal(asApp(parseLine('[CRITICAL] disk almost full')).failure, undefined);
  });
});

describe("the runtime's shape is still a failure", () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ["[ERROR] KeyError: 'amount'", 'KeyError', "'amount'"],
    ['[ERROR] botocore.exceptions.NoCredentialsError: Unable to locate credentials', 'botocore.exceptions.NoCredentialsError', 'Unable to locate credentials'],
    // An exception class of any name, with the traceback the runtime always writes for one.
    [`[ERROR] PaymentDeclined: card 4242 declined\rTraceback (most recent call last):\r${NBSP.repeat(2)}File "/var/task/app.py", line 31, in lambda_handler`, 'PaymentDeclined', 'card 4242 declined'],
    ['[ERROR] Runtime.ImportModuleError: Unable to import module \'app\': No module named \'requests\'', 'Runtime.ImportModuleError', "Unable to import module 'app': No module named 'requests'"],
    ['[ERROR] MemoryError', 'MemoryError', ''],
    [`[ERROR] StopIteration\rTraceback (most recent call last):\r${NBSP.repeat(2)}File "/var/task/app.py", line 9, in lambda_handler`, 'StopIteration', ''],
  ];
  for (const [message, type, text] of cases) {
    test(message.split('\r')[0] as string, () => {
      const line = asApp(parseLine(message));
      assert.deepEqual([line.failure, line.error?.type, line.error?.message], [true, type, text]);
    });
  }
});
