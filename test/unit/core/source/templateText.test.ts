import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTemplateText } from '../../../../src/core/source/templateText';

function valueOf(file: string, text: string): unknown {
  const parsed = parseTemplateText(file, text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem.message);
  return parsed.value;
}

test('CloudFormation short tags read as their JSON form', () => {
  const value = valueOf(
    'template.yaml',
    [
      'Name: !Sub "${AWS::StackName}-checkout"',
      'SubList: !Sub',
      '  - "${Prefix}-x"',
      '  - Prefix: !Ref Env',
      'Role: !GetAtt Role.Arn',
      'Nested: !GetAtt Stack.Outputs.Url',
      'Join: !Join [",", [a, !Ref B]]',
      'If: !If [IsProd, !Ref A, !Ref "AWS::NoValue"]',
      'Select: !Select [0, !GetAZs ""]',
      'Import: !ImportValue shared-vpc',
      'Map: !FindInMap [Sizes, !Ref "AWS::Region", small]',
      'B64: !Base64 { "Fn::Sub": "echo ${X}" }',
      'Cidr: !Cidr [10.0.0.0/16, 4, 8]',
      'Split: !Split [",", "a,b"]',
      'Cond: !And [!Equals [a, b], !Not [!Condition Other], !Or [!Condition A, !Condition B]]',
    ].join('\n'),
  );
  assert.deepEqual(value, {
    Name: { 'Fn::Sub': '${AWS::StackName}-checkout' },
    SubList: { 'Fn::Sub': ['${Prefix}-x', { Prefix: { Ref: 'Env' } }] },
    Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
    Nested: { 'Fn::GetAtt': ['Stack', 'Outputs.Url'] },
    Join: { 'Fn::Join': [',', ['a', { Ref: 'B' }]] },
    If: { 'Fn::If': ['IsProd', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] },
    Select: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
    Import: { 'Fn::ImportValue': 'shared-vpc' },
    Map: { 'Fn::FindInMap': ['Sizes', { Ref: 'AWS::Region' }, 'small'] },
    B64: { 'Fn::Base64': { 'Fn::Sub': 'echo ${X}' } },
    Cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
    Split: { 'Fn::Split': [',', 'a,b'] },
    Cond: {
      'Fn::And': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Not': [{ Condition: 'Other' }] }, { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    },
  });
});

test('the template date stays a string, and anchors and merge keys work', () => {
  const value = valueOf('template.yml', "AWSTemplateFormatVersion: 2010-09-09\nbase: &base\n  Runtime: python3.12\nfn:\n  <<: *base\n  Handler: app.handler\n");
  assert.deepEqual(value, { AWSTemplateFormatVersion: '2010-09-09', base: { Runtime: 'python3.12' }, fn: { Runtime: 'python3.12', Handler: 'app.handler' } });
});

test('JSON templates', () => {
  assert.deepEqual(valueOf('infra/template.json', '{"Resources": {"Fn": {"Type": "AWS::Lambda::Function"}}}'), { Resources: { Fn: { Type: 'AWS::Lambda::Function' } } });
});

test('broken YAML and JSON come back as a problem with the line', () => {
  const yaml = parseTemplateText('template.yaml', 'Resources:\n  Fn:\n    Type: [unclosed\n  Other: 1\n');
  assert.equal(yaml.ok, false);
  if (!yaml.ok) {
    assert.equal(yaml.problem.file, 'template.yaml');
    assert.match(yaml.problem.message, /^Invalid YAML: /);
    assert.equal(typeof yaml.problem.line, 'number');
  }
  const tabs = parseTemplateText('template.yaml', 'a: b\n  c: d\n');
  assert.equal(tabs.ok, false);
  const json = parseTemplateText('template.json', '{"Resources": ');
  assert.equal(json.ok, false);
  if (!json.ok) assert.match(json.problem.message, /^Invalid JSON: /);
  const twoDocuments = parseTemplateText('template.yaml', 'a: 1\n---\nb: 2\n');
  assert.equal(twoDocuments.ok, false);
});

test('an alias bomb is refused, not expanded', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');
  const parsed = parseTemplateText('template.yaml', bomb);
  assert.equal(parsed.ok, false);
});

test('no input makes the parser throw', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('template.yaml', 'template.json', 'serverless.yml'), (text, file) => {
      parseTemplateText(file, text);
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.array(fc.constantFrom('!Ref ', '!Sub ', '!If ', '[', ']', '{', '}', ':', '- ', '\n', '  ', 'a', '"', '&x ', '*x', '<<: '), { maxLength: 40 }), (parts) => {
      parseTemplateText('template.yaml', parts.join(''));
    }),
    { numRuns: 500 },
  );
});
