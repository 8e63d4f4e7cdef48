import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { issueTitle, normalizeMessage } from '../../../../src/core/issues/normalizeMessage';

/** [input, exact normalised output] */
type Case = readonly [string, string];

function check(cases: readonly Case[]): void {
  for (const [input, expected] of cases) {
    assert.equal(normalizeMessage(input), expected, `normalizeMessage(${JSON.stringify(input)})`);
  }
}

describe('normalizeMessage', () => {
  test('numbers: integers, negatives, decimals and thousands separators become <num>', () => {
    check([
      ['Expected 3 items but got 12', 'Expected <num> items but got <num>'],
      ['amount -12.50 is below the minimum', 'amount <num> is below the minimum'],
      ['ratio 1,234,567 out of range', 'ratio <num> out of range'],
      ['Task timed out after 3.00 seconds', 'Task timed out after <num> seconds'],
      ['retry 7 of 9', 'retry <num> of <num>'],
    ]);
  });

  test('UUIDs, in either case, become <uuid>', () => {
    check([
      ['User 9f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b not found', 'User <uuid> not found'],
      ['User 9F1C2A7E-3B4D-4E5F-8A9B-0C1D2E3F4A5B not found', 'User <uuid> not found'],
      ['job 4ce9340a-b765-490f-ad8a-02ab3415e2bf/step failed', 'job <uuid>/step failed'],
    ]);
  });

  test('hex ids: 0x literals and long hex strings; mixed letter-digit tokens become <id>', () => {
    check([
      ['bad pointer 0xdeadBEEF', 'bad pointer <hex>'],
      ['object deadbeefcafe missing', 'object <hex> missing'],
      ['session 5f3a9c2e8b7d1f04 expired', 'session <id> expired'],
      ['request abc12345def rejected', 'request <id> rejected'],
    ]);
  });

  test("quoted values in '…', \"…\" and `…` become <str>, keeping the quotes", () => {
    check([
      ["Cannot read properties of undefined (reading 'id')", "Cannot read properties of undefined (reading '<str>')"],
      ['Unexpected token "foo" in JSON', 'Unexpected token "<str>" in JSON'],
      ['Unknown column `email` in field list', 'Unknown column `<str>` in field list'],
      ["KeyError: 'DATABASE_URL'", "KeyError: '<str>'"],
      ["x='abc'", "x='<str>'"],
      ["'DATABASE_URL'", "'<str>'"],
      ["table 'orders-prod'.", "table '<str>'."],
    ]);
  });

  test("apostrophes inside words (can't, don't) are not quotes", () => {
    check([
      ["I can't do it, don't ask", "I can't do it, don't ask"],
      ["Can't find user 'bob'", "Can't find user '<str>'"],
      ["The users' table isn't ready", "The users' table isn't ready"],
      ["we don't know what 'x' is and can't guess", "we don't know what '<str>' is and can't guess"],
    ]);
  });

  test('e-mail addresses become <email>', () => {
    check([
      ['Could not send to jane.doe+test@example.co.uk', 'Could not send to <email>'],
      ['bob@example.com bounced', '<email> bounced'],
    ]);
  });

  test('ARNs become <arn>, whole, including their account ids and colons', () => {
    check([
      ['arn:aws:lambda:us-east-1:123456789012:function:my-fn failed', '<arn> failed'],
      [
        'User: arn:aws:sts::123:assumed-role/x/y is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders',
        'User: <arn> is not authorized to perform: dynamodb:PutItem on resource: <arn>',
      ],
      ['queue arn:aws-us-gov:sqs:us-gov-west-1:123456789012:q1 is gone', 'queue <arn> is gone'],
    ]);
  });

  test('ISO timestamps, dates and clock times become <time>', () => {
    check([
      ['token expired at 2024-03-05T12:34:56.789Z', 'token expired at <time>'],
      ['token expired at 2024-03-05T12:34:56+02:00 (local)', 'token expired at <time> (local)'],
      ['report for 2024-03-05 missing', 'report for <time> missing'],
      ['stalled since 12:34:56.123', 'stalled since <time>'],
    ]);
  });

  test('IP addresses, with or without a port, become <ip>', () => {
    check([
      ['connect ECONNREFUSED 10.0.0.12:5432', 'connect ECONNREFUSED <ip>'],
      ['connect ECONNREFUSED 10.0.0.12', 'connect ECONNREFUSED <ip>'],
      ['host 192.168.1.10:8080, retrying', 'host <ip>, retrying'],
    ]);
  });

  test('URLs become <url>, including credentials, ports, paths and queries', () => {
    check([
      ['GET https://api.example.com/v1/users/42?x=1 returned 500', 'GET <url> returned <num>'],
      ['cannot reach postgres://app:pw@db.internal:5432/app now', 'cannot reach <url> now'],
      ['fetch "https://api.example.com/a" failed', 'fetch "<str>" failed'],
    ]);
  });

  test('whitespace is collapsed and trimmed', () => {
    assert.equal(normalizeMessage('  a \t b\r\n c  '), 'a b c');
  });

  test('the input is cut at 2,000 characters before normalising', () => {
    assert.equal(normalizeMessage('x'.repeat(2500)), 'x'.repeat(2000));
  });

  test('the same bug with different data normalises to one text', () => {
    const variants = [
      "Order 1183 for 9f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b failed: bucket 'prod-a' at 2024-03-05T12:34:56.789Z from 10.0.0.1:443 (bob@example.com)",
      "Order 2 for 0b2d4c6e-8a0b-4c1d-9e2f-3a4b5c6d7e8f failed: bucket 'staging-zz' at 2025-12-31T23:59:59Z from 172.16.3.200:8080 (alice.smith@corp.example.org)",
    ];
    const expected = "Order <num> for <uuid> failed: bucket '<str>' at <time> from <ip> (<email>)";
    for (const v of variants) assert.equal(normalizeMessage(v), expected);
  });

  test('different bugs keep different texts', () => {
    assert.notEqual(normalizeMessage("Cannot read properties of undefined (reading 'id')"), normalizeMessage("Cannot read properties of null (reading 'id')"));
  });

  test(
    'a purely decimal id normalises the same whatever its number of digits',
    () => {
      assert.equal(normalizeMessage('Order 1234567 not found'), 'Order <num> not found');
      assert.equal(normalizeMessage('Order 12345678 not found'), 'Order <num> not found');
      assert.equal(normalizeMessage('Payload size 10485760 exceeds the limit'), 'Payload size <num> exceeds the limit');
    },
  );
});

describe('issueTitle', () => {
  test('TypeError reading a property of undefined', () => {
    assert.equal(
      issueTitle('TypeError', "Cannot read properties of undefined (reading 'id')"),
      "TypeError: Cannot read properties of undefined (reading '<str>')",
    );
  });

  test('only the first line counts, whatever the line break', () => {
    assert.equal(issueTitle('Error', 'boom 42\nat line 2'), 'Error: boom <num>');
    assert.equal(issueTitle('Error', 'boom 42\r\nat line 2'), 'Error: boom <num>');
    assert.equal(issueTitle('Error', 'boom 42\rat line 2'), 'Error: boom <num>');
  });

  test('an empty message (or one that normalises to nothing) gives the type alone', () => {
    assert.equal(issueTitle('Runtime.ExitError', ''), 'Runtime.ExitError');
    assert.equal(issueTitle('Runtime.ExitError', '   \nsecond line'), 'Runtime.ExitError');
  });

  test('long titles are cut to 200 characters ending in an ellipsis', () => {
    const title = issueTitle('Error', 'x'.repeat(300));
    assert.equal(title.length, 200);
    assert.equal(title, `Error: ${'x'.repeat(192)}…`);
    const exact = issueTitle('Error', 'y'.repeat(193));
    assert.equal(exact, `Error: ${'y'.repeat(193)}`, 'a 200-character title is kept whole');
  });
});
