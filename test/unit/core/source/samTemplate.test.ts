import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredNameOf } from '../../../../src/core/source/cfnName';
import { fitName } from '../../../../src/core/source/deployedName';
import { functionsOfTemplate, isCloudFormationTemplate } from '../../../../src/core/source/samTemplate';
import { parseTemplateText } from '../../../../src/core/source/templateText';

function parse(text: string): unknown {
  const parsed = parseTemplateText('template.yaml', text);
  assert.ok(parsed.ok);
  return parsed.value;
}

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env:
    Type: String
    Default: prod
Globals:
  Function:
    Runtime: nodejs20.x
    Handler: index.handler
    Timeout: 10
Resources:
  CheckoutFunction:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: esbuild
      BuildProperties:
        EntryPoints: [src/checkout.ts]
    Properties:
      FunctionName: !Sub "\${AWS::StackName}-checkout"
      CodeUri: ./functions/checkout/
      Handler: checkout.handler
  ResizeFunction:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Join ["-", [resize, !Ref Env]]
      CodeUri: resize
      Runtime: python3.12
      Handler: app.lambda_handler
  DefaultsFunction:
    Type: AWS::Serverless::Function
  PlainFunction:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: plain
      Handler: main.handler
      Runtime: nodejs18.x
      Code: ../plain-src
  InlineFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      Code:
        ZipFile: "def handler(e, c): pass"
  S3Function:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key.zip
  ImageFunction:
    Type: AWS::Serverless::Function
    Metadata:
      DockerContext: ./image
      Dockerfile: Dockerfile
    Properties:
      PackageType: Image
      ImageConfig:
        Command: ["app.handler"]
  Table:
    Type: AWS::DynamoDB::Table
`;

test('functions of a SAM template: Globals, CodeUri relative to the template, esbuild entry points', () => {
  const defs = functionsOfTemplate('services/shop/template.yaml', parse(TEMPLATE));
  const byId = new Map(defs.map((d) => [d.logicalId, d]));
  assert.deepEqual([...byId.keys()], ['CheckoutFunction', 'ResizeFunction', 'DefaultsFunction', 'PlainFunction', 'InlineFunction', 'S3Function', 'ImageFunction']);

  const checkout = byId.get('CheckoutFunction');
  assert.equal(checkout?.via, 'template');
  assert.equal(checkout?.file, 'services/shop/template.yaml');
  assert.equal(checkout?.runtime, 'nodejs20.x', 'from Globals');
  assert.equal(checkout?.handler, 'checkout.handler', 'its own wins over Globals');
  assert.equal(checkout?.codeRoot, 'services/shop/functions/checkout');
  assert.equal(checkout?.buildRoot, 'services/shop/.aws-sam/build/CheckoutFunction');
  assert.deepEqual(checkout?.entryPoints, ['services/shop/functions/checkout/src/checkout.ts']);

  const resize = byId.get('ResizeFunction');
  assert.equal(resize?.runtime, 'python3.12');
  assert.equal(resize?.codeRoot, 'services/shop/resize');
  assert.equal(resize?.buildRoot, undefined, 'only bundled functions are mapped through the build folder');
  assert.deepEqual(resize?.entryPoints, []);

  const defaults = byId.get('DefaultsFunction');
  assert.equal(defaults?.handler, 'index.handler');
  assert.equal(defaults?.codeRoot, 'services/shop', 'SAM builds the template folder without a CodeUri');
  assert.equal(defaults?.name, undefined);

  const plain = byId.get('PlainFunction');
  assert.equal(plain?.runtime, 'nodejs18.x', 'Globals do not apply to AWS::Lambda::Function');
  assert.equal(plain?.codeRoot, 'services/plain-src');

  assert.equal(byId.get('InlineFunction')?.codeRoot, undefined);
  assert.equal(byId.get('S3Function')?.codeRoot, undefined);
  assert.equal(byId.get('ImageFunction')?.codeRoot, 'services/shop/image');
  assert.equal(byId.get('ImageFunction')?.handler, 'app.handler');
});

test('a CodeUri that leaves the workspace has no code root', () => {
  const defs = functionsOfTemplate('template.yaml', parse('Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ../elsewhere\n'));
  assert.equal(defs[0]?.codeRoot, undefined);
});

test('not a template: no functions', () => {
  assert.equal(isCloudFormationTemplate({ name: 'template' }), false);
  assert.deepEqual(functionsOfTemplate('template.json', { name: 'email template' }), []);
  assert.deepEqual(functionsOfTemplate('template.yaml', 'text'), []);
  assert.deepEqual(functionsOfTemplate('template.yaml', { Resources: { F: 'broken', G: { Type: 'AWS::Serverless::Function', Properties: 'x' } } }).map((d) => d.logicalId), ['G']);
});

test('declared names: Sub with the stack name, Join, parameter defaults as guesses', () => {
  const defs = functionsOfTemplate('template.yaml', parse(TEMPLATE));
  const checkout = defs.find((d) => d.logicalId === 'CheckoutFunction')?.name;
  const resize = defs.find((d) => d.logicalId === 'ResizeFunction')?.name;
  assert.ok(checkout && resize);
  assert.deepEqual(checkout, [{ stackName: true }, { text: '-checkout' }]);
  assert.equal(fitName(checkout, 'shop-prod-checkout', 'shop-prod'), 'exact');
  assert.equal(fitName(checkout, 'shop-prod-checkout'), 'pattern', 'without the stack name, any prefix');
  assert.equal(fitName(checkout, 'shop-prod-payments'), 'mismatch');
  assert.equal(fitName(resize, 'resize-prod'), 'guessed', 'the default was deployed');
  assert.equal(fitName(resize, 'resize-staging'), 'pattern', 'another value was');
});

test('declared names: escapes, Sub variables, unknown intrinsics', () => {
  const params = { Prefix: { Type: 'String', Default: 'app' }, NoDefault: { Type: 'String' } };
  assert.deepEqual(declaredNameOf({ 'Fn::Sub': '${!Literal}-x' }, params), [{ text: '${Literal}-x' }]);
  assert.deepEqual(declaredNameOf({ 'Fn::Sub': ['${P}-${Res.Arn}', { P: { Ref: 'Prefix' } }] }, params), [{ text: 'app', guess: true }, { text: '-' }, { unknown: true }]);
  assert.deepEqual(declaredNameOf({ Ref: 'NoDefault' }, params), [{ unknown: true }]);
  assert.deepEqual(declaredNameOf({ 'Fn::If': ['C', 'a', 'b'] }, params), [{ unknown: true }]);
  assert.equal(fitName(declaredNameOf({ 'Fn::FindInMap': ['M', 'k', 'v'] }, params), 'anything'), 'unknown');
  assert.deepEqual(declaredNameOf({ 'Fn::Sub': 'constructor-${constructor}' }, params), [{ text: 'constructor-' }, { unknown: true }]);
});
