import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { issueSignature } from '../../../../src/core/issues/fingerprint';
import { framesFromStackArray, framesFromText, type StackFrame } from '../../../../src/core/issues/stackFrames';
import type { ErrorInfo } from '../../../../src/core/logs/parsedLine';

function nodeError(type: string, message: string, stackLines: string[] = []): ErrorInfo {
  return { type, message, frames: framesFromStackArray([`${type}: ${message}`, ...stackLines]) };
}

const INTERNAL = '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)';
const RUNTIME = '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)';

function fp(functionName: string, error: ErrorInfo, status: Parameters<typeof issueSignature>[1] = 'error'): string {
  return issueSignature(functionName, status, error).fingerprint;
}

describe('issueSignature: grouping', () => {
  test('the same bug with different ids, numbers and quoted values gives one fingerprint', () => {
    const stack = ['    at loadOrder (/var/task/src/orders.js:40:11)', INTERNAL];
    const a = nodeError('NotFoundError', "Order 1183 of user 9f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b not in table 'orders-prod' (session 5f3a9c2e8b7d1f04)", stack);
    const b = nodeError('NotFoundError', "Order 77 of user 0b2d4c6e-8a0b-4c1d-9e2f-3a4b5c6d7e8f not in table 'orders-dev' (session ab01cd23ef45ab67)", stack);
    const sa = issueSignature('orders', 'error', a);
    const sb = issueSignature('orders', 'error', b);
    assert.equal(sa.fingerprint, sb.fingerprint);
    assert.equal(sa.title, "NotFoundError: Order <num> of user <uuid> not in table '<str>' (session <id>)");
    assert.equal(sb.title, sa.title);
  });

  test('TypeError title and signature fields', () => {
    const e = nodeError('TypeError', "Cannot read properties of undefined (reading 'id')", ['    at handler (/var/task/index.js:3:3)']);
    const s = issueSignature('api', 'error', e);
    assert.equal(s.title, "TypeError: Cannot read properties of undefined (reading '<str>')");
    assert.equal(s.errorType, 'TypeError');
    assert.equal(s.kind, 'error');
    assert.equal(s.culprit, '/var/task/index.js in handler');
    assert.equal(s.dependency, undefined);
    assert.match(s.fingerprint, /^[0-9a-f]{14}$/);
  });

  test('the same message from two different top in-app files gives two fingerprints', () => {
    const message = "Cannot read properties of undefined (reading 'id')";
    const a = nodeError('TypeError', message, ['    at handler (/var/task/src/a.js:3:3)']);
    const b = nodeError('TypeError', message, ['    at handler (/var/task/src/b.js:3:3)']);
    assert.notEqual(fp('api', a), fp('api', b));
  });

  test('the same message from two different functions in one file gives two fingerprints', () => {
    const message = "Cannot read properties of undefined (reading 'id')";
    const a = nodeError('TypeError', message, ['    at getUser (/var/task/src/users.js:3:3)']);
    const b = nodeError('TypeError', message, ['    at getOrder (/var/task/src/users.js:3:3)']);
    assert.notEqual(fp('api', a), fp('api', b));
  });

  test('a different line or column of the same frame keeps one fingerprint', () => {
    const message = 'boom';
    const a = nodeError('Error', message, ['    at getUser (/var/task/src/users.js:3:3)']);
    const b = nodeError('Error', message, ['    at getUser (/var/task/src/users.js:120:41)']);
    assert.equal(fp('api', a), fp('api', b));
    const py1: ErrorInfo = { type: 'ValueError', message: 'bad', frames: framesFromText(['Traceback (most recent call last):', '  File "/var/task/app.py", line 10, in handler']) };
    const py2: ErrorInfo = { type: 'ValueError', message: 'bad', frames: framesFromText(['Traceback (most recent call last):', '  File "/var/task/app.py", line 99, in handler']) };
    assert.equal(fp('py', py1), fp('py', py2));
  });

  test('runtime frames (node:internal, /var/runtime) are skipped when choosing the top frame', () => {
    const app = '    at getUser (/var/task/src/users.js:3:3)';
    const bare = nodeError('Error', 'boom', [app]);
    const wrapped = nodeError('Error', 'boom', [INTERNAL, RUNTIME, app, RUNTIME]);
    const otherRuntime = nodeError('Error', 'boom', ['    at Runtime.handleOnce (/var/runtime/Runtime.js:66:25)', app]);
    assert.equal(issueSignature('api', 'error', wrapped).culprit, '/var/task/src/users.js in getUser');
    assert.equal(fp('api', wrapped), fp('api', bare));
    assert.equal(fp('api', otherRuntime), fp('api', bare));
  });

  test('an error with no in-app frame has no culprit, and differs from one with a culprit', () => {
    const none = nodeError('Error', 'boom', [INTERNAL, RUNTIME]);
    const s = issueSignature('api', 'error', none);
    assert.equal(s.culprit, undefined);
    assert.equal(fp('api', nodeError('Error', 'boom')), s.fingerprint);
    assert.notEqual(fp('api', nodeError('Error', 'boom', ['    at handler (/var/task/index.js:1:1)'])), s.fingerprint);
  });

  test('different Lambda function names give different fingerprints', () => {
    const e = nodeError('Error', 'boom', ['    at handler (/var/task/index.js:1:1)']);
    assert.notEqual(fp('orders', e), fp('payments', e));
  });

  test('different error types with the same message give different fingerprints', () => {
    assert.notEqual(fp('api', nodeError('TypeError', 'boom')), fp('api', nodeError('RangeError', 'boom')));
  });

  test('different messages give different fingerprints', () => {
    assert.notEqual(fp('api', nodeError('Error', 'cannot parse body')), fp('api', nodeError('Error', 'cannot parse header')));
  });

  test('only the first line of the message takes part', () => {
    const a: ErrorInfo = { type: 'Error', message: 'boom\ncontext: alpha', frames: [] };
    const b: ErrorInfo = { type: 'Error', message: 'boom\r\ncontext: completely different', frames: [] };
    assert.equal(fp('api', a), fp('api', b));
  });

  test('the status does not split a non-timeout issue (handled vs error share a fingerprint)', () => {
    const e = nodeError('Error', 'boom');
    assert.equal(fp('api', e, 'handled'), fp('api', e, 'error'));
  });

  test(
    'decimal ids of 7 and 8 digits give one fingerprint',
    () => {
      assert.equal(fp('orders', nodeError('Error', 'Order 9999999 not found')), fp('orders', nodeError('Error', 'Order 10000000 not found')));
    },
  );

  test(
    'Java stack traces printed with "at" that differ only in line numbers give one fingerprint',
    () => {
      const frames = (line: number): StackFrame[] =>
        framesFromText([`\tat com.example.Handler.handleRequest(Handler.java:${line})`, '\tat java.base/java.lang.Thread.run(Thread.java:833)']);
      const a: ErrorInfo = { type: 'java.lang.IllegalStateException', message: 'bad state', frames: frames(28) };
      const b: ErrorInfo = { type: 'java.lang.IllegalStateException', message: 'bad state', frames: frames(31) };
      assert.equal(issueSignature('java-fn', 'error', a).culprit, 'Handler.java in com.example.Handler.handleRequest');
      assert.equal(fp('java-fn', a), fp('java-fn', b));
    },
  );
});

describe('issueSignature: timeouts and out-of-memory', () => {
  const timeout = (seconds: string): ErrorInfo => ({ type: 'Sandbox.Timedout', message: `Task timed out after ${seconds} seconds`, frames: [] });

  test('timeouts of 3.00 and 6.00 seconds in one function are one issue', () => {
    const a = issueSignature('orders', 'timeout', timeout('3.00'));
    const b = issueSignature('orders', 'timeout', timeout('6.00'));
    assert.equal(a.fingerprint, b.fingerprint);
    assert.equal(a.kind, 'timeout');
    assert.equal(a.title, 'Task timed out after 3.00 seconds');
    assert.equal(a.culprit, undefined);
    assert.equal(a.dependency, undefined);
  });

  test('a timeout ignores the frames and message entirely', () => {
    const withFrames: ErrorInfo = { type: 'Error', message: 'anything', frames: framesFromStackArray(['Error: x', '    at handler (/var/task/index.js:1:1)']) };
    assert.equal(fp('orders', withFrames, 'timeout'), fp('orders', timeout('3.00'), 'timeout'));
  });

  test('timeouts in two functions are two issues; timeout and OOM in one function are two issues', () => {
    assert.notEqual(fp('orders', timeout('3.00'), 'timeout'), fp('payments', timeout('3.00'), 'timeout'));
    const oom: ErrorInfo = { type: 'Runtime.OutOfMemory', message: '', frames: [] };
    const oomSig = issueSignature('orders', 'outOfMemory', oom);
    assert.equal(oomSig.kind, 'outOfMemory');
    assert.equal(oomSig.title, 'Runtime.OutOfMemory', 'an empty message falls back to the type');
    assert.notEqual(oomSig.fingerprint, fp('orders', timeout('3.00'), 'timeout'));
  });

  test('out-of-memory kills with different texts in one function are one issue', () => {
    const a: ErrorInfo = { type: 'Runtime.ExitError', message: 'Runtime exited with error: signal: killed', frames: [] };
    const b: ErrorInfo = { type: 'Runtime.OutOfMemory', message: 'JavaScript heap out of memory', frames: [] };
    assert.equal(fp('orders', a, 'outOfMemory'), fp('orders', b, 'outOfMemory'));
  });
});

describe('issueSignature: dependency and misconfiguration name what they are about', () => {
  test('dependency', () => {
    const s = issueSignature('pay', 'error', nodeError('Error', 'getaddrinfo ENOTFOUND api.stripe.com'));
    assert.equal(s.kind, 'dependency');
    assert.equal(s.dependency, 'api.stripe.com');
    assert.equal(s.title, 'Error: getaddrinfo ENOTFOUND api.stripe.com');
  });

  test('misconfiguration', () => {
    const s = issueSignature(
      'orders',
      'error',
      nodeError('AccessDeniedException', 'User: arn:aws:sts::123:assumed-role/x/y is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123:table/Orders'),
    );
    assert.equal(s.kind, 'misconfiguration');
    assert.equal(s.dependency, 'dynamodb:PutItem');
    assert.equal(s.title, 'AccessDeniedException: User: <arn> is not authorized to perform: dynamodb:PutItem on resource: <arn>');
  });

  test('a plain error names no dependency even when its text has a host', () => {
    const s = issueSignature('api', 'error', nodeError('Error', 'bad response from https://api.example.com/v1'));
    assert.equal(s.kind, 'error');
    assert.equal(s.dependency, undefined);
  });
});
