import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceError } from '../../../../src/core/ports';
import { healthFromError } from '../../../../src/core/poll/profileHealth';

test("a profile's health from the error that stopped its cycle: the poller says when it retries, the error alone does not", () => {
  const unavailable = new SourceError('unavailable', 'ListFunctions failed: AWS or the network is unavailable (ECONNREFUSED).');
  assert.deepEqual(healthFromError(unavailable, 5), { state: 'degraded', reason: 'ListFunctions failed: AWS or the network is unavailable (ECONNREFUSED). Retrying with backoff.', since: 5 });
  assert.equal(healthFromError(new SourceError('throttled', 'AWS throttled ListFunctions (ThrottlingException).'), 5).reason, 'AWS throttled ListFunctions (ThrottlingException). Retrying with backoff.');
  const expired = new SourceError('credentials', "The profile's credentials are expired or invalid (ExpiredToken). Refresh them (e.g. `aws sso login`) and retry.");
  assert.deepEqual(healthFromError(expired, 7), { state: 'paused', reason: expired.message, since: 7 });
  const denied = new SourceError('accessDenied', 'Access denied: the profile cannot call lambda:ListFunctions. Grant it in the IAM policy.');
  assert.deepEqual(healthFromError(denied, 9), { state: 'failing', reason: denied.message, since: 9 });
});
