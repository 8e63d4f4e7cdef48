import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FindingProperty } from '../../../../src/core/insights/findings';
import type { FunctionDefinition } from '../../../../src/core/source/functionDefinition';
import { functionsOfTemplate } from '../../../../src/core/source/samTemplate';
import { functionsOfServerless } from '../../../../src/core/source/serverlessConfig';
import { fixProperty, locateProperty, type TemplateTarget } from '../../../../src/core/source/templateEdits';
import { parseTemplateText } from '../../../../src/core/source/templateText';
import { applyTextEdits, type TextRange } from '../../../../src/core/source/textEdits';

const ROOT = join(__dirname, '../../../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** The definition the workspace scan finds, by logical id or serverless.yml key. */
function definition(file: string, text: string, id: string): FunctionDefinition {
  const parsed = parseTemplateText(file, text);
  assert.ok(parsed.ok, `${file} parses`);
  const all = [...functionsOfTemplate(file, parsed.value), ...functionsOfServerless(file, parsed.value)];
  const found = all.find((d) => d.logicalId === id || d.functionKey === id);
  assert.ok(found, `${id} in ${file}`);
  return found;
}

/** The text a range covers. */
function textAt(text: string, range: TextRange): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  return [(lines[range.start.line] ?? '').slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), (lines[range.end.line] ?? '').slice(0, range.end.character)].join('\n');
}

function lineOf(text: string, line: string): number {
  const i = text.split('\n').indexOf(line);
  assert.ok(i >= 0, `line ${JSON.stringify(line)} is in the file`);
  return i;
}

function fixed(text: string, target: TemplateTarget, property: FindingProperty, value: number | string): string {
  const fix = fixProperty(text, target, property, value);
  assert.ok(fix.ok, fix.ok ? '' : fix.reason);
  return applyTextEdits(text, fix.edits);
}

/** `before` → `after`, once, and nothing else in the file. */
function replacedOnce(text: string, before: string, after: string): string {
  assert.equal(text.split(before).length, 2, `${JSON.stringify(before)} occurs once`);
  return text.replace(before, after);
}

function resource(text: string, file: string, id: string): Record<string, unknown> {
  const parsed = parseTemplateText(file, text);
  assert.ok(parsed.ok);
  return ((parsed.value as { Resources: Record<string, { Properties: Record<string, unknown> }> }).Resources[id] ?? assert.fail(id)).Properties;
}

// --- the sample workspace ---

const SAMPLE = 'test/workspace/template.yaml';

test('sample template: report-generator’s own MemorySize is located and set, nothing else changes', () => {
  const text = read(SAMPLE);
  const target = definition(SAMPLE, text, 'ReportGeneratorFunction');
  const at = locateProperty(text, target, 'memory');
  assert.equal(at?.where, 'own');
  assert.deepEqual(at.range, { start: { line: lineOf(text, '      MemorySize: 2048'), character: 18 }, end: { line: lineOf(text, '      MemorySize: 2048'), character: 22 } });
  assert.equal(textAt(text, at.declaration), 'ReportGeneratorFunction');
  const fix = fixProperty(text, target, 'memory', 832);
  assert.ok(fix.ok);
  assert.equal(fix.label, 'MemorySize');
  assert.equal(applyTextEdits(text, fix.edits), replacedOnce(text, '      Runtime: java21\n      MemorySize: 2048\n', '      Runtime: java21\n      MemorySize: 832\n'));
});

test('sample template: an inherited Globals value is located there, and the fix adds the property to the function only', () => {
  const text = read(SAMPLE);
  const target = definition(SAMPLE, text, 'OrdersWorkerFunction');
  const at = locateProperty(text, target, 'memory');
  assert.equal(at?.where, 'inherited');
  assert.equal(at.range.start.line, lineOf(text, '    MemorySize: 256'));
  assert.equal(textAt(text, at.range), '256');
  const out = fixed(text, target, 'memory', 832);
  assert.equal(out, replacedOnce(text, '      ReservedConcurrentExecutions: 5\n', '      ReservedConcurrentExecutions: 5\n      MemorySize: 832\n'));
  assert.equal(resource(out, SAMPLE, 'OrdersWorkerFunction').MemorySize, 832);
  assert.equal(resource(out, SAMPLE, 'CheckoutApiFunction').MemorySize, 512);

  const arch = locateProperty(text, target, 'architecture');
  assert.equal(arch?.where, 'inherited');
  assert.equal(textAt(text, arch.range), '[x86_64]');
  assert.equal(fixed(text, target, 'architecture', 'arm64'), replacedOnce(text, '      ReservedConcurrentExecutions: 5\n', '      ReservedConcurrentExecutions: 5\n      Architectures: [arm64]\n'));
});

test('sample template: a value already at the recommendation has no fix; a finding without a property points at the resource', () => {
  const text = read(SAMPLE);
  const checkout = definition(SAMPLE, text, 'CheckoutApiFunction');
  const fix = fixProperty(text, checkout, 'architecture', 'arm64');
  assert.equal(fix.ok, false);
  assert.match(fix.ok ? '' : fix.reason, /already arm64/);
  const at = locateProperty(text, checkout);
  assert.equal(at?.where, 'declaration');
  assert.equal(textAt(text, at.range), 'CheckoutApiFunction');
  assert.equal(at.range.start.line, lineOf(text, '  CheckoutApiFunction:'));
});

test('sample serverless.yml: provider values are inherited; the fix goes into the function, after its last one-line key', () => {
  const file = 'test/workspace/legacy/serverless.yml';
  const text = read(file);
  const cron = definition(file, text, 'cron');
  const memory = locateProperty(text, cron, 'memory');
  assert.equal(memory?.where, 'inherited');
  assert.equal(memory.range.start.line, lineOf(text, '  memorySize: 128'));
  assert.equal(fixed(text, cron, 'memory', 256), replacedOnce(text, '    handler: index.handler\n', '    handler: index.handler\n    memorySize: 256\n'));
  // Written nowhere: the function's key, and the fix adds it.
  const tracing = locateProperty(text, cron, 'tracing');
  assert.equal(tracing?.where, 'declaration');
  assert.equal(textAt(text, tracing.range), 'cron');
  assert.equal(fixed(text, cron, 'tracing', 'Active'), replacedOnce(text, '    handler: index.handler\n', '    handler: index.handler\n    tracing: Active\n'));
});

// --- fixtures: comments everywhere, Globals, flow and block lists, intrinsics ---

const COMMENTED = 'test/fixtures/templates/sam-commented.yaml';

test('comments, quotes and flow spacing are kept when a value is replaced', () => {
  const text = read(COMMENTED);
  const invoice = definition(COMMENTED, text, 'InvoiceFunction');
  assert.equal(fixed(text, invoice, 'memory', 1024), replacedOnce(text, '      MemorySize: "3008" # quoted on purpose\n', '      MemorySize: "1024" # quoted on purpose\n'));
  assert.equal(fixed(text, invoice, 'architecture', 'arm64'), replacedOnce(text, '      Architectures: [ x86_64 ]\n', '      Architectures: [ arm64 ]\n'));
  assert.equal(fixed(text, invoice, 'timeout', 60), replacedOnce(text, '      Timeout: 900\n', '      Timeout: 60\n'));
  const located = locateProperty(text, invoice, 'memory');
  assert.equal(located && textAt(text, located.range), '"3008"');
});

test('an inserted line goes after a key with a trailing comment and before the comment of the next key', () => {
  const text = read(COMMENTED);
  const reminder = definition(COMMENTED, text, 'ReminderFunction');
  const anchor = '      Handler: app.handler # nightly\n';
  assert.equal(fixed(text, reminder, 'memory', 256), replacedOnce(text, anchor, `${anchor}      MemorySize: 256\n`));
  assert.equal(fixed(text, reminder, 'tracing', 'Active'), replacedOnce(text, anchor, `${anchor}      Tracing: Active\n`));
  assert.equal(fixed(text, reminder, 'runtime', 'nodejs22.x'), replacedOnce(text, anchor, `${anchor}      Runtime: nodejs22.x\n`));
  // Globals' block list is where the architecture is written.
  const arch = locateProperty(text, reminder, 'architecture');
  assert.equal(arch?.where, 'inherited');
  assert.equal(arch.range.start.line, lineOf(text, '      - x86_64 # native deps built on CI for x86'));
  assert.equal(fixed(text, reminder, 'architecture', 'arm64'), replacedOnce(text, anchor, `${anchor}      Architectures: [arm64]\n`));
});

test('a block list with one item is changed in place', () => {
  const text = read(COMMENTED).replace('      Architectures: [ x86_64 ]\n', '      Architectures:\n        - x86_64   # for now\n');
  const invoice = definition(COMMENTED, text, 'InvoiceFunction');
  assert.equal(fixed(text, invoice, 'architecture', 'arm64'), replacedOnce(text, '        - x86_64   # for now\n', '        - arm64   # for now\n'));
});

test('intrinsics are located but get no fix, own or inherited', () => {
  const text = read(COMMENTED);
  const worker = definition(COMMENTED, text, 'WorkerFunction');
  const at = locateProperty(text, worker, 'memory');
  assert.equal(at?.where, 'own');
  assert.equal(textAt(text, at.range), '!Ref WorkerMemory');
  const fix = fixProperty(text, worker, 'memory', 256);
  assert.equal(fix.ok, false);
  assert.match(fix.ok ? '' : fix.reason, /!Ref WorkerMemory/);
  assert.equal(textAt(text, locateProperty(text, worker, 'timeout')?.range ?? assert.fail()), '!If [IsProd, 60, 30]');
  assert.equal(fixProperty(text, worker, 'timeout', 10).ok, false);
});

test('CRLF line endings: replaced and inserted lines keep them', () => {
  const lf = read(COMMENTED);
  const crlf = lf.replace(/\n/g, '\r\n');
  const reminder = definition(COMMENTED, crlf, 'ReminderFunction');
  const invoice = definition(COMMENTED, crlf, 'InvoiceFunction');
  assert.equal(fixed(crlf, reminder, 'memory', 256), fixed(lf, reminder, 'memory', 256).replace(/\n/g, '\r\n'));
  assert.equal(fixed(crlf, invoice, 'memory', 1024), fixed(lf, invoice, 'memory', 1024).replace(/\n/g, '\r\n'));
  const at = locateProperty(crlf, invoice, 'memory');
  assert.deepEqual(at?.range.start, { line: lineOf(lf, '      MemorySize: "3008" # quoted on purpose'), character: 18 });
});

test('a file without a final newline gets the inserted line after its last one', () => {
  const text = 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b';
  const fn = definition('template.yaml', text, 'Fn');
  assert.equal(fixed(text, fn, 'memory', 512), `${text}\n      MemorySize: 512`);
});

// --- plain CloudFormation ---

const CFN = 'test/fixtures/templates/cloudformation.yaml';

test('CloudFormation: quoted runtime, nested TracingConfig.Mode, and no Globals', () => {
  const text = read(CFN);
  const exporter = definition(CFN, text, 'ExportFunction');
  assert.equal(fixed(text, exporter, 'runtime', 'python3.12'), replacedOnce(text, "      Runtime: 'python3.8'\n", "      Runtime: 'python3.12'\n"));
  const fix = fixProperty(text, exporter, 'tracing', 'Active');
  assert.ok(fix.ok);
  assert.equal(fix.label, 'TracingConfig.Mode');
  assert.equal(applyTextEdits(text, fix.edits), replacedOnce(text, '        Mode: PassThrough\n', '        Mode: Active\n'));
  assert.equal(fixProperty(text, exporter, 'memory', 512).ok, false);

  const archiver = definition(CFN, text, 'ArchiveFunction');
  assert.equal(locateProperty(text, archiver, 'tracing')?.where, 'declaration');
  const anchor = '      Runtime: nodejs20.x\n      Code:\n        S3Bucket: artifacts\n';
  assert.equal(fixed(text, archiver, 'tracing', 'Active'), replacedOnce(text, anchor, anchor.replace('      Code:', '      TracingConfig:\n        Mode: Active\n      Code:')));
  assert.equal(fixed(text, archiver, 'architecture', 'arm64'), replacedOnce(text, anchor, anchor.replace('      Code:', '      Architectures: [arm64]\n      Code:')));
  assert.equal(fixed(text, archiver, 'reservedConcurrency', 10), replacedOnce(text, anchor, anchor.replace('      Code:', '      ReservedConcurrentExecutions: 10\n      Code:')));
  assert.deepEqual(resource(fixed(text, archiver, 'tracing', 'Active'), CFN, 'ArchiveFunction').TracingConfig, { Mode: 'Active' });
});

test('CloudFormation: a flow mapping of properties gets a new first entry', () => {
  const text = read(CFN);
  const importer = definition(CFN, text, 'ImportFunction');
  assert.equal(fixed(text, importer, 'memory', 512), replacedOnce(text, 'Properties: {FunctionName: importer,', 'Properties: {MemorySize: 512, FunctionName: importer,'));
});

// --- JSON ---

const JSON_FILE = 'test/fixtures/templates/template.json';

test('JSON: values replaced in place, a missing one added as the first property on its own line, tabs kept', () => {
  const text = read(JSON_FILE);
  const thumbs = definition(JSON_FILE, text, 'ThumbsFunction');
  assert.equal(textAt(text, locateProperty(text, thumbs, 'memory')?.range ?? assert.fail()), '1536');
  assert.equal(fixed(text, thumbs, 'memory', 512), replacedOnce(text, '"MemorySize": 1536,', '"MemorySize": 512,'));
  assert.equal(fixed(text, thumbs, 'architecture', 'arm64'), replacedOnce(text, '["x86_64"]', '["arm64"]'));
  const out = fixed(text, thumbs, 'timeout', 30);
  assert.equal(out, replacedOnce(text, '\t\t\t\t"FunctionName": "thumbs",\n', '\t\t\t\t"Timeout": 30,\n\t\t\t\t"FunctionName": "thumbs",\n'));
  assert.equal((JSON.parse(out) as { Resources: { ThumbsFunction: { Properties: { Timeout: number } } } }).Resources.ThumbsFunction.Properties.Timeout, 30);
  assert.equal(fixed(text, thumbs, 'tracing', 'Active').includes('"TracingConfig": {"Mode": "Active"},\n'), true);
});

// --- serverless.yml ---

const SLS = 'test/fixtures/templates/serverless.yml';

test('serverless.yml: own values replaced in their quote style; provider values inherited; variables not fixed', () => {
  const text = read(SLS);
  const charge = definition(SLS, text, 'charge');
  assert.equal(fixed(text, charge, 'memory', 1024), replacedOnce(text, "    memorySize: '2048'\n", "    memorySize: '1024'\n"));
  assert.equal(fixed(text, charge, 'reservedConcurrency', 5), replacedOnce(text, '    reservedConcurrency: 0\n', '    reservedConcurrency: 5\n'));

  const refund = definition(SLS, text, 'refund');
  const anchor = '    handler: src/refund.handler\n';
  const tracing = locateProperty(text, refund, 'tracing');
  assert.equal(tracing?.where, 'inherited');
  assert.equal(textAt(text, tracing.range), 'PassThrough');
  assert.equal(fixed(text, refund, 'tracing', 'Active'), replacedOnce(text, anchor, `${anchor}    tracing: Active\n`));
  assert.equal(fixed(text, refund, 'runtime', 'nodejs20.x'), replacedOnce(text, anchor, `${anchor}    runtime: nodejs20.x\n`));
  assert.equal(fixed(text, refund, 'architecture', 'arm64'), replacedOnce(text, anchor, `${anchor}    architecture: arm64\n`));
  // Concurrency is per function only: not inherited from the provider.
  assert.equal(locateProperty(text, refund, 'reservedConcurrency')?.where, 'declaration');

  const settle = definition(SLS, text, 'settle');
  assert.equal(textAt(text, locateProperty(text, settle, 'memory')?.range ?? assert.fail()), '${self:custom.mem.${sls:stage}}');
  const fix = fixProperty(text, settle, 'memory', 256);
  assert.equal(fix.ok, false);
  assert.match(fix.ok ? '' : fix.reason, /self:custom/);
});

// --- broken input ---

test('a broken file, or one without the function, is located nowhere and fixed never', () => {
  const broken = read('test/fixtures/templates/broken.yaml');
  const target: TemplateTarget = { file: 'broken.yaml', via: 'template', logicalId: 'BrokenFunction' };
  assert.equal(locateProperty(broken, target, 'memory'), undefined);
  assert.equal(fixProperty(broken, target, 'memory', 512).ok, false);
  const sample = read(SAMPLE);
  assert.equal(locateProperty(sample, { file: SAMPLE, via: 'template', logicalId: 'OrdersTable' }, 'memory'), undefined);
  assert.equal(locateProperty(sample, { file: SAMPLE, via: 'template', logicalId: 'Nope' }), undefined);
  assert.equal(locateProperty('{ "Resources": ', { file: 't.json', via: 'template', logicalId: 'A' }), undefined);
});

test('no input makes it throw', () => {
  const targets: TemplateTarget[] = [
    { file: 'template.yaml', via: 'template', logicalId: 'Fn' },
    { file: 'serverless.yml', via: 'serverless', logicalId: 'FnLambdaFunction', functionKey: 'fn' },
  ];
  const snippets = ['Resources:', '  Fn:', '    Type: AWS::Serverless::Function', '    Properties:', '      MemorySize: 1', 'functions:', '  fn:', '    timeout: 3', 'provider:', '  memorySize: !Ref X', 'Globals:', '{', '}', '[', '- a', ': ', '"', '#', '\t', '\r', ''];
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...snippets), fc.string()), { maxLength: 12 }), fc.constantFrom<FindingProperty>('memory', 'timeout', 'architecture', 'tracing', 'runtime', 'reservedConcurrency'), (lines, property) => {
      const text = lines.join('\n');
      for (const target of targets) {
        locateProperty(text, target, property);
        const fix = fixProperty(text, target, property, 'arm64');
        if (fix.ok) applyTextEdits(text, fix.edits);
      }
    }),
    { numRuns: 300 },
  );
});
