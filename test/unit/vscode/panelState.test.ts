import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refOf } from '../../../src/vscode/panels/panelState';

test('a restored panel names its function (and issue) from the state its page kept', () => {
  assert.deepEqual(refOf({ profile: 'Demo', region: 'us-east-1', functionName: 'checkout-api', tab: 'timeline' }), { profile: 'Demo', region: 'us-east-1', functionName: 'checkout-api' });
  assert.deepEqual(refOf({ profile: 'dev@corp', region: 'eu-west-1', functionName: 'orders-worker', fingerprint: '3f2a9c0d1e' }), { profile: 'dev@corp', region: 'eu-west-1', functionName: 'orders-worker', fingerprint: '3f2a9c0d1e' });
});

test('state from a page is checked: missing, mistyped or odd fields restore nothing', () => {
  for (const state of [undefined, null, 'checkout-api', [], {}, { profile: 'Demo', region: 'us-east-1' }, { profile: 1, region: 'us-east-1', functionName: 'f' }, { profile: 'Demo', region: 'us-east-1', functionName: '<script>' }, { profile: 'Demo', region: 'us-east-1', functionName: 'f', fingerprint: '../../x' }, { profile: 'Demo', region: 'us-east-1', functionName: 'x'.repeat(300) }]) {
    assert.equal(refOf(state), undefined, JSON.stringify(state));
  }
});
