import { test } from 'node:test';
import assert from 'node:assert/strict';
import { literalName, type DeclaredName } from '../../../../src/core/source/deployedName';
import type { FunctionDefinition } from '../../../../src/core/source/functionDefinition';
import { generatedNameScore, matchDefinition } from '../../../../src/core/source/functionMatch';

function def(logicalId: string, name?: DeclaredName, file = 'template.yaml'): FunctionDefinition {
  return { via: 'template', file, logicalId, ...(name ? { name } : {}), codeRoot: '', entryPoints: [] };
}

const checkout = def('CheckoutApiFunction');
const orders = def('OrdersFunction', literalName('orders-worker'));
const stacked = def('PaymentsFunction', [{ stackName: true }, { text: '-payments' }]);
const defs = [checkout, orders, stacked];

test('the logical-id tag wins', () => {
  assert.equal(matchDefinition({ name: 'anything-at-all', logicalId: 'CheckoutApiFunction' }, defs), checkout);
});

test('a declared FunctionName, with the stack name when it is known', () => {
  assert.equal(matchDefinition({ name: 'orders-worker' }, defs), orders);
  assert.equal(matchDefinition({ name: 'shop-payments', stackName: 'shop' }, defs), stacked);
  assert.equal(matchDefinition({ name: 'shop-payments' }, defs), stacked, 'any stack');
  assert.equal(matchDefinition({ name: 'shop-payments', stackName: 'other' }, defs), undefined);
});

test('a declared name that cannot be the deployed one rules the definition out, logical id or not', () => {
  // Every SAM sample has a HelloWorldFunction: the one named otherwise is another app's.
  const mine = def('HelloWorldFunction', literalName('hello-mine'), 'a/template.yaml');
  const theirs = def('HelloWorldFunction', literalName('hello-theirs'), 'b/template.yaml');
  assert.equal(matchDefinition({ name: 'hello-theirs', logicalId: 'HelloWorldFunction' }, [mine, theirs]), theirs);
  assert.equal(matchDefinition({ name: 'hello-other', logicalId: 'HelloWorldFunction' }, [mine, theirs]), undefined);
});

test("CloudFormation's generated names, whole or truncated", () => {
  assert.equal(matchDefinition({ name: 'mystack-CheckoutApiFunction-AbC123XYZ' }, defs), checkout);
  assert.equal(generatedNameScore('my-long-stack-name-CheckoutApiFun-1QW2E3R4T5Y6', 'CheckoutApiFunction'), 65);
  assert.equal(generatedNameScore('mystack-OtherFunction-AbC123XYZ', 'CheckoutApiFunction'), 0);
});

test('a logical id that reads like the name', () => {
  assert.equal(matchDefinition({ name: 'checkout-api' }, defs), checkout);
  assert.equal(matchDefinition({ name: 'prod-checkout-api' }, defs), checkout);
  assert.equal(matchDefinition({ name: 'checkout_api' }, [def('CheckoutApiLambda')])?.logicalId, 'CheckoutApiLambda');
  assert.equal(matchDefinition({ name: 'checkout' }, defs), undefined);
  assert.equal(generatedNameScore('api', 'ApiFunction'), 50);
  assert.equal(generatedNameScore('x', 'XFunction'), 0, 'too short to mean anything');
});

test('two equally good matches are no match', () => {
  const a = def('CheckoutApiFunction', undefined, 'a/template.yaml');
  const b = def('CheckoutApiFunction', undefined, 'b/template.yaml');
  assert.equal(matchDefinition({ name: 'checkout-api' }, [a, b]), undefined);
  assert.equal(matchDefinition({ name: 'checkout-api', logicalId: 'CheckoutApiFunction' }, [a, b]), undefined);
  assert.equal(matchDefinition({ name: 'nothing-like-it' }, defs), undefined);
  assert.equal(matchDefinition({ name: 'x' }, []), undefined);
});
