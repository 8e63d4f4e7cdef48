import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLine } from '../../../src/core/logs/parseLine';

test('a START line parses', () => {
  const line = parseLine('START RequestId: 4ce9340a-b765-490f-ad8a-02ab3415e2bf Version: $LATEST\n');
  assert.deepEqual(line, { kind: 'start', requestId: '4ce9340a-b765-490f-ad8a-02ab3415e2bf', version: '$LATEST' });
});
