import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSourceError, SourceError } from '../../../src/core/ports';

test('a SourceError is recognised by its mark, as one made by another bundle\'s copy of the class would be', () => {
  const own = new SourceError('throttled', 'AWS throttled ListFunctions', { operation: 'ListFunctions' });
  assert.ok(own instanceof SourceError && own instanceof Error && isSourceError(own));
  assert.equal(own.retryable, true);
  // What another copy of the class makes: its own prototype, the same registered mark.
  const foreign = Object.assign(new Error('denied'), { kind: 'accessDenied', [Symbol.for('lambdascope.SourceError')]: true });
  assert.ok(foreign instanceof SourceError);
  assert.ok(isSourceError(foreign));
  for (const other of [new Error('x'), { kind: 'throttled', message: 'x' }, Object.assign(new Error('x'), { [Symbol('lambdascope.SourceError')]: true }), null, undefined, 'SourceError', 42]) {
    assert.equal(other instanceof SourceError, false, String(other));
    assert.equal(isSourceError(other), false);
  }
});
