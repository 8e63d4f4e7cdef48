import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyOf, isDependencyFailure, isMisconfiguration, issueKindOf } from '../../../../src/core/issues/errorKind';
import type { StackFrame } from '../../../../src/core/issues/stackFrames';
import type { ErrorInfo } from '../../../../src/core/logs/parsedLine';

function err(type: string, message: string, frames: StackFrame[] = []): ErrorInfo {
  return { type, message, frames };
}

function frame(file: string, fn: string, line: number, inApp: boolean): StackFrame {
  return { file, function: fn, line, inApp, raw: `File "${file}", line ${line}, in ${fn}` };
}

const ACCESS_DENIED_MESSAGE =
  'User: arn:aws:sts::123:assumed-role/x/y is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders';

describe('issueKindOf: from the invocation status', () => {
  test('timeout and outOfMemory come from the status, whatever the error says', () => {
    assert.equal(issueKindOf('timeout', err('Sandbox.Timedout', 'Task timed out after 3.00 seconds')), 'timeout');
    assert.equal(issueKindOf('timeout', err('AccessDeniedException', ACCESS_DENIED_MESSAGE)), 'timeout');
    assert.equal(issueKindOf('outOfMemory', err('Runtime.OutOfMemory', 'Runtime exited with error: signal: killed')), 'outOfMemory');
    assert.equal(issueKindOf('outOfMemory', err('Error', 'read ECONNRESET')), 'outOfMemory');
  });

  test('init and crash come from the status when the error is neither setup nor dependency', () => {
    assert.equal(issueKindOf('initError', err('Runtime.UserCodeSyntaxError', 'SyntaxError: Unexpected token }')), 'init');
    assert.equal(issueKindOf('crash', err('Runtime.ExitError', 'Runtime exited with error: exit status 1')), 'crash');
  });

  test('a plain TypeError is an error, handled or not', () => {
    const typeError = err('TypeError', "Cannot read properties of undefined (reading 'id')");
    assert.equal(issueKindOf('error', typeError), 'error');
    assert.equal(issueKindOf('handled', typeError), 'error');
    assert.equal(issueKindOf('success', typeError), 'error');
  });

  test('misconfiguration wins over dependency and over init', () => {
    // The message mentions a throttle, but the type says access denied.
    assert.equal(issueKindOf('error', err('AccessDeniedException', 'Access denied while Throttled')), 'misconfiguration');
    assert.equal(issueKindOf('initError', err('Runtime.HandlerNotFound', 'index.handler is undefined or not exported')), 'misconfiguration');
  });

  test('dependency wins over init and crash', () => {
    assert.equal(issueKindOf('initError', err('Error', 'getaddrinfo ENOTFOUND secretsmanager.us-east-1.amazonaws.com')), 'dependency');
    assert.equal(issueKindOf('crash', err('Error', 'read ECONNRESET')), 'dependency');
  });
});

describe('misconfiguration', () => {
  test('AccessDeniedException with an STS "not authorized to perform" message', () => {
    const e = err('AccessDeniedException', ACCESS_DENIED_MESSAGE);
    assert.equal(isMisconfiguration(e), true);
    assert.equal(issueKindOf('error', e), 'misconfiguration');
    assert.equal(dependencyOf(e), 'dynamodb:PutItem');
  });

  test('the "not authorized to perform" text alone is enough, whatever the type', () => {
    const e = err('Error', ACCESS_DENIED_MESSAGE);
    assert.equal(issueKindOf('error', e), 'misconfiguration');
    assert.equal(dependencyOf(e), 'dynamodb:PutItem');
  });

  test('ResourceNotFoundException', () => {
    const e = err('ResourceNotFoundException', 'Requested resource not found');
    assert.equal(issueKindOf('error', e), 'misconfiguration');
    assert.equal(issueKindOf('error', err('ResourceNotFoundException', 'Function not found')), 'misconfiguration');
  });

  test('Runtime.HandlerNotFound (Node and Python wording)', () => {
    assert.equal(issueKindOf('error', err('Runtime.HandlerNotFound', 'index.handler is undefined or not exported')), 'misconfiguration');
    assert.equal(issueKindOf('error', err('Runtime.HandlerNotFound', "Handler 'lambda_handler' missing on module 'app'")), 'misconfiguration');
  });

  test('Python KeyError raised in os.environ.__getitem__ (<frozen os> and os.py)', () => {
    const frozen = err("KeyError", "'DATABASE_URL'", [
      frame('<frozen os>', '__getitem__', 714, false),
      frame('/var/task/app.py', 'lambda_handler', 5, true),
    ]);
    assert.equal(isMisconfiguration(frozen), true);
    assert.equal(issueKindOf('error', frozen), 'misconfiguration');
    const osPy = err('KeyError', "'DATABASE_URL'", [
      frame('/var/lang/lib/python3.9/os.py', '__getitem__', 679, false),
      frame('/var/task/app.py', 'lambda_handler', 5, true),
    ]);
    assert.equal(issueKindOf('error', osPy), 'misconfiguration');
  });

  test('a KeyError on an ordinary dict is an error', () => {
    const e = err('KeyError', "'action'", [frame('/var/task/app.py', 'lambda_handler', 10, true)]);
    assert.equal(isMisconfiguration(e), false);
    assert.equal(issueKindOf('error', e), 'error');
  });

  test("Runtime.ImportModuleError for the handler's own module is misconfiguration (Python)", () => {
    const e = err('Runtime.ImportModuleError', "Unable to import module 'app': No module named 'app'");
    assert.equal(issueKindOf('initError', e), 'misconfiguration');
  });

  test("Runtime.ImportModuleError for the handler's own module is misconfiguration (Node)", () => {
    const e = err('Runtime.ImportModuleError', "Error: Cannot find module 'index'\nRequire stack:\n- /var/runtime/index.mjs");
    assert.equal(issueKindOf('initError', e), 'misconfiguration');
  });

  test('Runtime.ImportModuleError for a missing dependency package is init (Python)', () => {
    const e = err('Runtime.ImportModuleError', "Unable to import module 'app': No module named 'requests'");
    assert.equal(isMisconfiguration(e), false);
    assert.equal(issueKindOf('initError', e), 'init');
  });

  test(
    'Runtime.ImportModuleError for a missing dependency package is init (Node)',
    () => {
      const e = err('Runtime.ImportModuleError', "Error: Cannot find module 'axios'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs");
      assert.equal(isMisconfiguration(e), false);
      assert.equal(issueKindOf('initError', e), 'init');
    },
  );

  test('a missing environment variable said in words', () => {
    assert.equal(issueKindOf('error', err('Error', 'Environment variable TABLE_NAME is not set')), 'misconfiguration');
    assert.equal(issueKindOf('error', err('Error', 'Missing required environment variable STRIPE_KEY')), 'misconfiguration');
  });

  test('negative: a message mentioning the environment casually is not misconfiguration', () => {
    for (const message of [
      'Could not render the template for environment staging',
      "Unknown environment 'prod-eu'; expected one of dev, staging",
      'Environment snapshot took 512 ms',
    ]) {
      const e = err('Error', message);
      assert.equal(isMisconfiguration(e), false, message);
      assert.equal(issueKindOf('error', e), 'error', message);
    }
  });
});

describe('dependency failures', () => {
  const cases: ReadonlyArray<readonly [string, string, string | undefined]> = [
    ['Error', 'read ECONNRESET', undefined],
    ['Error', 'connect ETIMEDOUT 52.94.1.10:443', '52.94.1.10:443'],
    ['Error', 'socket hang up', undefined],
    ['Error', 'getaddrinfo ENOTFOUND api.stripe.com', 'api.stripe.com'],
    ['Error', 'connect ECONNREFUSED 10.0.0.12:5432', '10.0.0.12:5432'],
    ['ThrottlingException', 'Rate exceeded', undefined],
    ['Error', 'Rate exceeded', undefined],
    [
      'ProvisionedThroughputExceededException',
      'An error occurred (ProvisionedThroughputExceededException) when calling the PutItem operation (reached max retries: 9): The level of configured provisioned throughput for the table was exceeded.',
      'dynamodb:PutItem',
    ],
    ['AxiosError', 'Request failed with status code 503', undefined],
    ['Error', 'Upstream returned HTTP 503', undefined],
    ['HTTPError', '503 Server Error: Service Unavailable for url: https://hooks.slack.com/services/T0/B0', 'hooks.slack.com'],
    ['EndpointConnectionError', 'Could not connect to the endpoint URL: "https://dynamodb.us-east-1.amazonaws.com/"', 'dynamodb'],
  ];
  for (const [type, message, dependency] of cases) {
    test(`${type}: ${message}`, () => {
      const e = err(type, message);
      assert.equal(isDependencyFailure(e), true);
      assert.equal(isMisconfiguration(e), false);
      assert.equal(issueKindOf('error', e), 'dependency');
      assert.equal(issueKindOf('handled', e), 'dependency');
      assert.equal(dependencyOf(e), dependency);
    });
  }

  test('negative: a 404 is not a dependency failure', () => {
    const e = err('Error', 'Request failed with status code 404');
    assert.equal(isDependencyFailure(e), false);
    assert.equal(issueKindOf('error', e), 'error');
  });

  test(
    'negative: an axios 404 is not a dependency failure either',
    () => {
      const e = err('AxiosError', 'Request failed with status code 404');
      assert.equal(isDependencyFailure(e), false);
      assert.equal(issueKindOf('error', e), 'error');
    },
  );

  test('negative: numbers that look like 5xx codes without an HTTP context', () => {
    for (const message of ['Processed 5503 records', 'Job 503 failed', 'Saved 500 items, status: ok']) {
      assert.equal(isDependencyFailure(err('Error', message)), false, message);
    }
  });

  test('negative: a plain TypeError is not a dependency failure, even naming a URL', () => {
    const e = err('TypeError', 'Invalid URL: https://api.example.com/%%');
    assert.equal(isDependencyFailure(e), false);
    assert.equal(issueKindOf('error', e), 'error');
  });
});

describe('dependencyOf', () => {
  test('an IAM permission wins over everything else in the text', () => {
    assert.equal(
      dependencyOf(err('AccessDeniedException', `${ACCESS_DENIED_MESSAGE} (https://example.com/help)`)),
      'dynamodb:PutItem',
    );
  });

  test('a boto3 operation alone, or with a service known from the type', () => {
    assert.equal(dependencyOf(err('ClientError', 'An error occurred (ValidationException) when calling the Query operation: bad key')), 'Query');
    assert.equal(dependencyOf(err('ConditionalCheckFailedException', 'An error occurred (ConditionalCheckFailedException) when calling the UpdateItem operation')), 'dynamodb:UpdateItem');
  });

  test('nothing to name gives undefined', () => {
    assert.equal(dependencyOf(err('TypeError', 'x is not a function')), undefined);
  });
});
