import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitName } from '../../../../src/core/source/deployedName';
import { functionsOfServerless, isServerlessConfig } from '../../../../src/core/source/serverlessConfig';
import { parseTemplateText } from '../../../../src/core/source/templateText';

function parse(text: string): unknown {
  const parsed = parseTemplateText('serverless.yml', text);
  assert.ok(parsed.ok);
  return parsed.value;
}

test('serverless.yml: <service>-<stage>-<function> with the default stage dev', () => {
  const defs = functionsOfServerless('api/serverless.yml', parse('service: shop\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  hello:\n    handler: src/handler.hello\n  resize-image:\n    handler: resize.main\n    runtime: python3.12\n'));
  assert.equal(defs.length, 2);
  const [hello, resize] = defs;
  assert.equal(hello?.via, 'serverless');
  assert.equal(hello?.file, 'api/serverless.yml');
  assert.equal(hello?.codeRoot, 'api');
  assert.equal(hello?.handler, 'src/handler.hello');
  assert.equal(hello?.runtime, 'nodejs20.x');
  assert.equal(hello?.logicalId, 'HelloLambdaFunction');
  assert.ok(hello?.name);
  assert.equal(fitName(hello.name, 'shop-dev-hello'), 'guessed');
  assert.equal(fitName(hello.name, 'shop-prod-hello'), 'pattern', 'deployed with --stage prod');
  assert.equal(fitName(hello.name, 'shop-dev-goodbye'), 'mismatch');
  assert.equal(resize?.runtime, 'python3.12');
  assert.equal(resize?.logicalId, 'ResizeDashimageLambdaFunction');
});

test('serverless.yml: the configured stage, ${opt:stage, ...} and a function name with variables', () => {
  const config = parse(
    [
      'service:',
      '  name: billing',
      'custom:',
      '  prefix: acme',
      'provider:',
      '  name: aws',
      "  stage: ${opt:stage, 'staging'}",
      '  runtime: python3.12',
      'functions:',
      '  invoice:',
      '    handler: app.invoice',
      '    name: ${self:custom.prefix}-${self:service}-${sls:stage}-invoices',
      '  report:',
      '    handler: app.report',
      '    name: ${env:REPORT_NAME}',
    ].join('\n'),
  );
  const [invoice, report] = functionsOfServerless('serverless.yml', config);
  assert.ok(invoice?.name && report?.name);
  assert.equal(invoice.codeRoot, '');
  assert.equal(fitName(invoice.name, 'acme-billing-staging-invoices'), 'guessed');
  assert.equal(fitName(invoice.name, 'acme-billing-prod-invoices'), 'pattern');
  assert.equal(fitName(report.name, 'whatever'), 'unknown');
  const fixedStage = functionsOfServerless('serverless.yml', parse('service: s\nprovider:\n  name: aws\n  stage: prod\nfunctions:\n  f:\n    handler: a.b\n'));
  assert.ok(fixedStage[0]?.name);
  assert.equal(fitName(fixedStage[0].name, 's-prod-f'), 'guessed');
});

test('not a serverless.yml for AWS: no functions', () => {
  assert.equal(isServerlessConfig({ functions: {} }), false);
  assert.deepEqual(functionsOfServerless('serverless.yml', parse('service: s\nprovider:\n  name: google\nfunctions:\n  f:\n    handler: x\n')), []);
  assert.deepEqual(functionsOfServerless('serverless.yml', parse('service: s\nfunctions:\n  f: broken\n  g:\n    image: repo:tag\n')).map((d) => d.logicalId), ['GLambdaFunction']);
});
