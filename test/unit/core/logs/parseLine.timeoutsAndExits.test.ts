// Timeouts and runtime exits: the lines the platform writes when an invocation never answered.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLine } from '../../../../src/core/logs/parseLine';
import { compact } from './helpers';

const RID = '7c9567b5-107b-4a6c-8798-0157ac21db52';

describe('timeouts', () => {
  test('time and request id before the message, space separated (DataDog fixture)', () => {
    assert.deepEqual(compact(parseLine(`2020-06-09T15:02:26.150Z ${RID} Task timed out after 3.00 seconds`)), {
      kind: 'timeout',
      requestId: RID,
      seconds: 3,
    });
  });

  test('the same, tab separated and ending in \\n', () => {
    assert.deepEqual(compact(parseLine(`2020-06-09T15:02:26.150Z\t${RID}\tTask timed out after 3.00 seconds\n`)), {
      kind: 'timeout',
      requestId: RID,
      seconds: 3,
    });
  });

  test('RequestId: x Error: Task timed out after 30.03 seconds', () => {
    assert.deepEqual(compact(parseLine(`RequestId: ${RID} Error: Task timed out after 30.03 seconds\n`)), {
      kind: 'timeout',
      requestId: RID,
      seconds: 30.03,
    });
  });

  test('bare message without request id', () => {
    assert.deepEqual(compact(parseLine('Task timed out after 900.10 seconds')), { kind: 'timeout', seconds: 900.1 });
  });

  test('an application that logs the same words is not a timeout', () => {
    const message = `2024-03-05T10:11:12.345Z\t${RID}\tINFO\tTask timed out after 3.00 seconds`;
    assert.deepEqual(compact(parseLine(message)), { kind: 'app', requestId: RID, level: 'INFO', text: 'Task timed out after 3.00 seconds' });
  });

  test('the words without a number of seconds are not a timeout', () => {
    assert.deepEqual(compact(parseLine('Task timed out after seconds')), { kind: 'app', text: 'Task timed out after seconds' });
  });
});

describe('runtime exits', () => {
  test('signal: killed, the error type on the next line of the same event', () => {
    assert.deepEqual(compact(parseLine(`RequestId: ${RID} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`)), {
      kind: 'runtimeExit',
      requestId: RID,
      reason: 'Runtime exited with error: signal: killed',
      killed: true,
      errorType: 'Runtime.ExitError',
    });
  });

  test('exit status 1 is not a kill', () => {
    assert.deepEqual(compact(parseLine(`RequestId: ${RID} Error: Runtime exited with error: exit status 1\nRuntime.ExitError\n`)), {
      kind: 'runtimeExit',
      requestId: RID,
      reason: 'Runtime exited with error: exit status 1',
      killed: false,
      errorType: 'Runtime.ExitError',
    });
  });

  test('exit status 1 with Runtime.ExitError on the same line (form quoted in the reference, section 1.3)', () => {
    assert.deepEqual(compact(parseLine(`RequestId: ${RID} Error: Runtime exited with error: exit status 1 Runtime.ExitError`)), {
      kind: 'runtimeExit',
      requestId: RID,
      reason: 'Runtime exited with error: exit status 1',
      killed: false,
      errorType: 'Runtime.ExitError',
    });
  });

  test('Process exited before completing request (older platform)', () => {
    assert.deepEqual(compact(parseLine('RequestId: 16f8d3a2-26fc-11e8-bca6-73dbc61c39e7 Process exited before completing request\n')), {
      kind: 'runtimeExit',
      requestId: '16f8d3a2-26fc-11e8-bca6-73dbc61c39e7',
      reason: 'Process exited before completing request',
      killed: false,
    });
  });
});
