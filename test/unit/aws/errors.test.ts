// classifyAwsError: every SDK v3 / node error shape we know of, mapped to what the poller does
// next, with a short message that never repeats a secret.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAwsError, permissionFor, scrubSecrets } from '../../../src/aws/errors';
import { SourceError } from '../../../src/core/ports';
import type { SourceErrorKind } from '../../../src/core/ports';

/** An error shaped like an SDK v3 service exception. */
function sdkError(name: string, message: string, status?: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status !== undefined && status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 },
    ...extra,
  });
}

/** A node socket error (what node-http-handler rejects with when the connection fails). */
function netError(code: string, message = `connect ${code} 1.2.3.4:443`): Error {
  return Object.assign(new Error(message), { code, errno: -1, syscall: 'connect' });
}

const kind = (error: unknown, operation = 'FilterLogEvents'): SourceErrorKind => classifyAwsError(error, operation).kind;

describe('throttled', () => {
  for (const name of ['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded', 'LimitExceededException']) {
    test(name, () => assert.equal(kind(sdkError(name, 'Rate exceeded', 400)), 'throttled'));
  }
  test('HTTP 429 whatever the name', () => assert.equal(kind(sdkError('SomethingNew', 'slow down', 429)), 'throttled'));
  test('$retryable.throttling', () => assert.equal(kind(sdkError('Weird', 'x', 400, { $retryable: { throttling: true } })), 'throttled'));
  test('the awsQuery code of a query-compatible service (CloudWatch)', () => assert.equal(kind(sdkError('Error', 'Rate exceeded', 400, { Code: 'Throttling' })), 'throttled'));
  test('is retryable, with the code kept', () => {
    const e = classifyAwsError(sdkError('ThrottlingException', 'Rate exceeded', 400), 'FilterLogEvents', '/aws/lambda/x');
    assert.equal(e.retryable, true);
    assert.equal(e.details.code, 'ThrottlingException');
    assert.equal(e.details.httpStatus, 400);
    assert.equal(e.message, 'AWS throttled FilterLogEvents on /aws/lambda/x (ThrottlingException).');
  });
});

describe('unavailable', () => {
  test('any 5xx', () => {
    assert.equal(kind(sdkError('UnknownError', '', 500)), 'unavailable');
    assert.equal(kind(sdkError('Whatever', 'bad gateway', 502)), 'unavailable');
  });
  for (const name of ['ServiceUnavailable', 'ServiceUnavailableException', 'InternalFailure', 'InternalServerError', 'ServiceException']) {
    test(name, () => assert.equal(kind(sdkError(name, 'try later', 503)), 'unavailable'));
  }
  test('$fault server without a status', () => assert.equal(kind(Object.assign(new Error('x'), { name: 'Odd', $fault: 'server' })), 'unavailable'));
  for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']) {
    test(`network ${code}`, () => assert.equal(kind(netError(code)), 'unavailable'));
  }
  test('socket hang up', () => assert.equal(kind(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), 'unavailable'));
  test('socket hang up without a code', () => assert.equal(kind(new Error('socket hang up')), 'unavailable'));
  test('TimeoutError (node-http-handler request or connection timeout)', () => assert.equal(kind(Object.assign(new Error('@smithy/node-http-handler - the request socket did not establish a connection'), { name: 'TimeoutError' })), 'unavailable'));
  test('a network error wrapped as the cause', () => assert.equal(kind(Object.assign(new Error('fetch failed'), { cause: netError('ECONNRESET') })), 'unavailable'));
  test('the message names the code, not the address', () => {
    const e = classifyAwsError(netError('ECONNREFUSED'), 'GetMetricData');
    assert.equal(e.details.code, 'ECONNREFUSED');
    assert.equal(e.message, 'GetMetricData failed: AWS or the network is unavailable (ECONNREFUSED).');
  });
});

describe('credentials', () => {
  for (const name of ['ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'CredentialsProviderError']) {
    test(name, () => {
      const e = classifyAwsError(sdkError(name, 'The security token included in the request is expired', 400), 'ListFunctions');
      assert.equal(e.kind, 'credentials');
      assert.equal(e.retryable, false);
      assert.match(e.message, /expired or invalid/);
      assert.match(e.message, /aws sso login/);
    });
  }
  test('an SSO session that expired', () => assert.equal(kind(Object.assign(new Error('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.'), { name: 'CredentialsProviderError' })), 'credentials'));
});

describe('configuration', () => {
  test('an unknown profile', () => assert.equal(kind(Object.assign(new Error('Profile staging was not found.'), { name: 'CredentialsProviderError' })), 'configuration'));
  test('no region', () => assert.equal(kind(new Error('Region is missing')), 'configuration'));
});

describe('accessDenied', () => {
  const logsDenied =
    'User: arn:aws:sts::123456789012:assumed-role/ReadOnly/alice is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:log-stream: because no identity-based policy allows the logs:FilterLogEvents action';

  test('the permission is parsed from the message; the resource the caller named is shown', () => {
    const e = classifyAwsError(sdkError('AccessDeniedException', logsDenied, 400), 'FilterLogEvents', '/aws/lambda/x');
    assert.equal(e.kind, 'accessDenied');
    assert.equal(e.details.permission, 'logs:FilterLogEvents');
    assert.equal(e.details.operation, 'FilterLogEvents');
    assert.equal(e.message, 'Access denied: the profile cannot call logs:FilterLogEvents on /aws/lambda/x. Grant it in the IAM policy.');
    assert.doesNotMatch(e.message, /alice|assumed-role/);
  });
  test('without a resource from the caller, the one AWS named', () => {
    const e = classifyAwsError(sdkError('AccessDeniedException', logsDenied, 400), 'FilterLogEvents');
    assert.match(e.message, /on arn:aws:logs:us-east-1:123456789012:log-group:\/aws\/lambda\/x:log-stream:\. Grant/);
  });
  test('the permission in the message wins over the one derived from the operation', () => {
    const e = classifyAwsError(sdkError('AccessDeniedException', 'User: u is not authorized to perform: kms:Decrypt on resource: k', 400), 'FilterLogEvents');
    assert.equal(e.details.permission, 'kms:Decrypt');
  });
  test('a bare "Access Denied": the permission derived from service and operation', () => {
    for (const [operation, permission] of [
      ['ListFunctions', 'lambda:ListFunctions'],
      ['ListTags', 'lambda:ListTags'],
      ['GetMetricData', 'cloudwatch:GetMetricData'],
      ['StartQuery', 'logs:StartQuery'],
      ['GetQueryResults', 'logs:GetQueryResults'],
    ] as const) {
      const e = classifyAwsError(sdkError('AccessDenied', 'Access Denied', 403), operation);
      assert.equal(e.kind, 'accessDenied');
      assert.equal(e.details.permission, permission);
      assert.equal(e.message, `Access denied: the profile cannot call ${permission}. Grant it in the IAM policy.`);
    }
  });
  test('UnauthorizedOperation, and any error whose message says "is not authorized to perform"', () => {
    assert.equal(kind(sdkError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403)), 'accessDenied');
    assert.equal(kind(sdkError('Error', 'User: x is not authorized to perform: cloudwatch:GetMetricData', 403)), 'accessDenied');
  });
  test('an operation given as service:Operation', () => {
    const e = classifyAwsError(sdkError('AccessDenied', 'Access Denied', 403), 'sts:GetCallerIdentity');
    assert.equal(e.details.permission, 'sts:GetCallerIdentity');
    assert.equal(e.details.operation, 'GetCallerIdentity');
  });
});

describe('notFound, aborted, unknown', () => {
  test('ResourceNotFoundException', () => {
    const e = classifyAwsError(sdkError('ResourceNotFoundException', 'The specified log group does not exist.', 400), 'FilterLogEvents', '/aws/lambda/gone');
    assert.equal(e.kind, 'notFound');
    assert.equal(e.message, 'Not found: /aws/lambda/gone (FilterLogEvents: The specified log group does not exist.).');
  });
  test('AbortError from the SDK and from the platform', () => {
    assert.equal(kind(Object.assign(new Error('Request aborted'), { name: 'AbortError' })), 'aborted');
    assert.equal(kind(new DOMException('This operation was aborted', 'AbortError')), 'aborted');
    assert.equal(classifyAwsError(Object.assign(new Error('Request aborted'), { name: 'AbortError' }), 'ListFunctions').message, 'ListFunctions was cancelled.');
  });
  test('a client error we do not know, and things that are not errors', () => {
    assert.equal(kind(sdkError('InvalidParameterException', 'bad pattern', 400)), 'unknown');
    assert.equal(kind('boom'), 'unknown');
    assert.equal(kind(undefined), 'unknown');
    assert.equal(kind(null), 'unknown');
  });
  test('a SourceError passes through unchanged', () => {
    const original = new SourceError('configuration', 'no region');
    assert.equal(classifyAwsError(original, 'ListFunctions'), original);
  });
  test('permissionFor: unknown operations have none', () => {
    assert.equal(permissionFor('FilterLogEvents'), 'logs:FilterLogEvents');
    assert.equal(permissionFor('DoSomething'), undefined);
  });
});

describe('secrets never reach the message', () => {
  const SECRETS = {
    keyId: 'ASIAY34FZKBOKMUTVV7A',
    secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    token: `IQoJb3JpZ2luX2VjEJr${'a1B2c3D4e5F6g7H8'.repeat(8)}==`,
    signature: '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
  };
  const url = `https://logs.us-east-1.amazonaws.com/?Action=FilterLogEvents&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${SECRETS.keyId}%2F20261126%2Fus-east-1%2Flogs%2Faws4_request&X-Amz-Security-Token=${encodeURIComponent(SECRETS.token)}&X-Amz-Signature=${SECRETS.signature}`;
  const messages = [
    `getaddrinfo failed for ${url}`,
    `Unexpected response from ${url}: <html>bad gateway</html>`,
    `Authorization: AWS4-HMAC-SHA256 Credential=${SECRETS.keyId}/20261126/us-east-1/logs/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SECRETS.signature}`,
    `{"accessKeyId":"${SECRETS.keyId}","secretAccessKey":"${SECRETS.secret}","sessionToken":"${SECRETS.token}"}`,
    `aws_secret_access_key = ${SECRETS.secret}\naws_session_token = ${SECRETS.token}`,
    `x-amz-security-token: ${SECRETS.token}`,
    `token ${SECRETS.token} rejected`,
  ];
  const shapes: Array<[string, (m: string) => unknown]> = [
    ['unknown', (m) => sdkError('InvalidParameterException', m, 400)],
    ['unavailable', (m) => sdkError('InternalFailure', m, 500)],
    ['notFound', (m) => sdkError('ResourceNotFoundException', m, 400)],
    ['configuration', (m) => Object.assign(new Error(`Region is missing ${m}`), { name: 'Error' })],
    ['accessDenied', (m) => sdkError('AccessDeniedException', `User: x is not authorized to perform: logs:FilterLogEvents on resource: ${url} ${m}`, 400)],
  ];
  for (const [expected, make] of shapes) {
    test(`in a ${expected} error`, () => {
      for (const message of messages) {
        const e = classifyAwsError(make(message), 'FilterLogEvents');
        assert.equal(e.kind, expected);
        for (const [what, secret] of Object.entries(SECRETS)) {
          assert.ok(!e.message.includes(secret), `${what} leaked: ${e.message}`);
          assert.ok(!JSON.stringify(e.details).includes(secret), `${what} leaked into details`);
        }
        assert.doesNotMatch(e.message, /X-Amz-Signature=[^[]|X-Amz-Security-Token=[^[]/);
        assert.ok(e.message.length < 400, e.message);
      }
    });
  }
  test('scrubSecrets keeps the readable parts', () => {
    assert.equal(scrubSecrets(`GET https://logs.us-east-1.amazonaws.com/?X-Amz-Signature=${SECRETS.signature} failed`), 'GET https://logs.us-east-1.amazonaws.com/?[redacted] failed');
    assert.equal(scrubSecrets('The specified log group does not exist.'), 'The specified log group does not exist.');
    assert.equal(scrubSecrets(`key ${SECRETS.keyId} denied`), 'key [redacted-key-id] denied');
  });
});
