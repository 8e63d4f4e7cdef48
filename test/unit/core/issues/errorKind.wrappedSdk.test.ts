// SDK errors as they reach the logs: under full class names (botocore's error factory, the Java SDK's
// model packages), wrapped in boto3's ClientError text, or in another exception with the Java SDK's
// `(Service: …, Status Code: …)` suffix. Throttling and capacity errors are the downstream service's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyOf, issueKindOf } from '../../../../src/core/issues/errorKind';
import type { ErrorInfo } from '../../../../src/core/logs/parsedLine';

const err = (type: string, message: string): ErrorInfo => ({ type, message, frames: [] });

const THROUGHPUT =
  'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';

describe('throttling and capacity errors under any name are dependency failures', () => {
  const cases: ReadonlyArray<readonly [string, ErrorInfo, string | undefined]> = [
    [
      'botocore error factory class, full name',
      err('botocore.errorfactory.ProvisionedThroughputExceededException', `An error occurred (ProvisionedThroughputExceededException) when calling the PutItem operation (reached max retries: 9): ${THROUGHPUT}`),
      'dynamodb:PutItem',
    ],
    [
      "boto3's ClientError naming ThrottlingException",
      err('botocore.exceptions.ClientError', 'An error occurred (ThrottlingException) when calling the PutEvents operation: Rate exceeded'),
      'PutEvents',
    ],
    [
      "boto3's ClientError naming a code with no telling words in its message",
      err('ClientError', 'An error occurred (TooManyRequestsException) when calling the Invoke operation: Concurrency limit reached'),
      'Invoke',
    ],
    [
      'Java SDK v2 model class, full name',
      err('software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException', `${THROUGHPUT} (Service: DynamoDb, Status Code: 400, Request ID: 4KBNVRGD25RG1KEO9UT4V3FQDJVV4KQNSO5AEMVJF66Q9ASUAAJG)`),
      'dynamodb',
    ],
    [
      'Java SDK v2 error wrapped in a RuntimeException',
      err(
        'java.lang.RuntimeException',
        `software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException: ${THROUGHPUT} (Service: DynamoDb, Status Code: 400, Request ID: 4KBNVRGD25RG1KEO9UT4V3FQDJVV4KQNSO5AEMVJF66Q9ASUAAJG)`,
      ),
      'dynamodb',
    ],
    [
      'Java SDK v1 service exception with its Error Code',
      err('com.amazonaws.services.dynamodbv2.model.AmazonDynamoDBException', `${THROUGHPUT} (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ProvisionedThroughputExceededException; Request ID: 7D0FQ2M4K8S1V6B9N3C5X7Z0L2J4H6G8F1D3S5A7P9O1I3U5Y7T)`),
      'dynamodb',
    ],
    [
      'Java SDK v2 429 from Lambda',
      err('software.amazon.awssdk.services.lambda.model.TooManyRequestsException', 'Rate Exceeded. (Service: Lambda, Status Code: 429, Request ID: 2b7ad1c8-4bd0-4f3c-a9f4-4e1d2c9b7f11)'),
      'lambda',
    ],
  ];
  for (const [name, error, dependency] of cases) {
    test(name, () => {
      assert.equal(issueKindOf('error', error), 'dependency');
      assert.equal(issueKindOf('handled', error), 'dependency');
      assert.equal(dependencyOf(error), dependency);
    });
  }

  test('"Throttling" and "Throttled" inside a code', () => {
    assert.equal(issueKindOf('error', err('Error', 'ThrottlingException: Rate of requests exceeds the allowed throughput')), 'dependency');
    assert.equal(issueKindOf('error', err('Error', 'SQS returned RequestThrottled for SendMessageBatch')), 'dependency');
  });
});

describe('the same names for setup errors', () => {
  test('a ResourceNotFoundException under its full class name, or wrapped in boto3 text, is misconfiguration', () => {
    assert.equal(issueKindOf('error', err('software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException', 'Cannot do operations on a non-existent table (Service: DynamoDb, Status Code: 400, Request ID: X)')), 'misconfiguration');
    assert.equal(issueKindOf('error', err('ClientError', 'An error occurred (ParameterNotFound) when calling the GetParameter operation: ')), 'misconfiguration');
  });
});

describe('what stays an error', () => {
  test("an application's own class whose last segment is an ordinary name", () => {
    assert.equal(issueKindOf('error', err('com.example.orders.OrderRejectedException', 'Order 1234 rejected')), 'error');
  });

  test('a Java SDK 4xx that is neither setup nor capacity', () => {
    const e = err('software.amazon.awssdk.services.dynamodb.model.DynamoDbException', 'One or more parameter values were invalid: Missing the key id in the item (Service: DynamoDb, Status Code: 400, Request ID: X)');
    assert.equal(issueKindOf('error', e), 'error');
  });

  test('a boto3 ValidationException', () => {
    assert.equal(issueKindOf('error', err('botocore.exceptions.ClientError', 'An error occurred (ValidationException) when calling the Query operation: Invalid KeyConditionExpression')), 'error');
  });

  test('an error type spelled like an Object property names no service', () => {
    assert.equal(dependencyOf(err('constructor', 'An error occurred (x) when calling the Scan operation')), 'Scan');
  });
});
