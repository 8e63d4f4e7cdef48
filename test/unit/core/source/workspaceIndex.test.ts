import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transformSync } from 'esbuild';
import { parseFrameLine } from '../../../../src/core/issues/stackFrames';
import { mapStackFrame, resolveHandler, WorkspaceIndex } from '../../../../src/core/source/workspaceIndex';
import type { WorkspaceFiles } from '../../../../src/core/source/workspacePort';
import { MemoryWorkspace } from './memoryWorkspace';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Handler: app.handler
Resources:
  IngestFunction:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub "\${AWS::StackName}-ingest"
      CodeUri: ingest/
      Role: !GetAtt IngestRole.Arn
  ApiFunction:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: esbuild
      BuildProperties:
        EntryPoints: [src/api.ts]
    Properties:
      CodeUri: api/
      Runtime: nodejs20.x
      Handler: api.handler
  GoFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: gofn/
      Runtime: provided.al2023
      Handler: bootstrap
`;

function workspace(extra: Record<string, string> = {}): MemoryWorkspace {
  return new MemoryWorkspace({
    'backend/template.yaml': TEMPLATE,
    'backend/ingest/app.py': 'import json\n\n\ndef handler(event, context):\n    return json.dumps(event)\n',
    'backend/api/src/api.ts': 'import { x } from "./x";\n\nexport const handler = async () => x;\n',
    'backend/gofn/main.go': 'package main\n\nfunc main() {\n\tlambda.Start(handle)\n}\n',
    'backend/.aws-sam/build/template.yaml': TEMPLATE.replace('CodeUri: ingest/', 'CodeUri: IngestFunction'),
    'node_modules/some-lib/template.yaml': 'Resources:\n  LibFunction:\n    Type: AWS::Serverless::Function\n',
    'jobs/serverless.yml': 'service: jobs\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  nightly:\n    handler: handlers/nightly.run\n',
    'jobs/handlers/nightly.js': '"use strict";\n\nmodule.exports.run = async () => {};\n',
    'broken/template.yaml': 'Resources:\n  Fn:\n    Type: [oops\n',
    'emails/template.json': '{"subject": "Your order"}',
    ...extra,
  });
}

test('the scan: templates and serverless.yml, build copies and dependencies left out, broken files reported', async () => {
  const scan = await new WorkspaceIndex(workspace()).scan();
  assert.deepEqual(
    scan.functions.map((f) => `${f.file}#${f.logicalId}`),
    ['backend/template.yaml#IngestFunction', 'backend/template.yaml#ApiFunction', 'backend/template.yaml#GoFunction', 'jobs/serverless.yml#NightlyLambdaFunction'],
  );
  assert.equal(scan.problems.length, 1);
  assert.equal(scan.problems[0]?.file, 'broken/template.yaml');
  assert.match(scan.problems[0]?.message ?? '', /Invalid YAML/);
});

test('resolveHandler through the template: logical id, FunctionName with the stack name, esbuild entry point', async () => {
  const index = new WorkspaceIndex(workspace());
  assert.deepEqual(await index.resolveHandler({ name: 'shop-ingest', logicalId: 'IngestFunction', runtime: 'python3.12', handler: 'app.handler' }), {
    file: 'backend/ingest/app.py',
    line: 3,
    symbol: 'handler',
    via: 'template',
  });
  assert.equal((await index.resolveHandler({ name: 'shop-ingest', stackName: 'shop' }))?.file, 'backend/ingest/app.py');
  // A declared name the deployed one cannot be: another app's IngestFunction.
  assert.equal(await index.resolveHandler({ name: 'other-thing', logicalId: 'IngestFunction' }), undefined);
  // The deployed handler names the bundle (api.handler → api.js); the entry point is the source.
  assert.deepEqual(await index.resolveHandler({ name: 'shop-ApiFunction-1A2B3C4D5E6F', runtime: 'nodejs20.x', handler: 'api.handler' }), {
    file: 'backend/api/src/api.ts',
    line: 2,
    symbol: 'handler',
    via: 'template',
  });
  assert.deepEqual(await index.resolveHandler({ name: 'shop-GoFunction-1A2B3C4D5E6F', runtime: 'provided.al2023', handler: 'bootstrap' }), {
    file: 'backend/gofn/main.go',
    line: 2,
    symbol: 'main',
    via: 'template',
  });
});

test('resolveHandler through serverless.yml: <service>-<stage>-<function>', async () => {
  assert.deepEqual(await resolveHandler({ name: 'jobs-dev-nightly' }, workspace()), { file: 'jobs/handlers/nightly.js', line: 2, symbol: 'run', via: 'serverless' });
  assert.equal((await resolveHandler({ name: 'jobs-prod-nightly' }, workspace()))?.via, 'serverless');
});

test('resolveHandler from the handler string alone: one folder, or the one named like the function', async () => {
  const files = new MemoryWorkspace({
    'services/billing/src/index.ts': 'export async function handler() {}\n',
    'services/billing/src/index.js': 'exports.handler = async () => {};\n',
    'services/search/src/index.ts': '// no handler here\n',
    'services/search/node_modules/x/src/index.js': 'exports.handler = 1;\n',
    'tools/app.py': 'def handler(event, context):\n    pass\n',
  });
  assert.deepEqual(await resolveHandler({ name: 'billing-prod', runtime: 'nodejs20.x', handler: 'src/index.handler' }, files), {
    file: 'services/billing/src/index.ts',
    line: 0,
    symbol: 'handler',
    via: 'handler',
  });
  assert.deepEqual(await resolveHandler({ name: 'search', runtime: 'nodejs20.x', handler: 'src/index.handler' }, files), { file: 'services/search/src/index.ts', line: 0, symbol: 'handler', via: 'handler' }, 'the file, without the declaration');
  assert.equal(await resolveHandler({ name: 'checkout', runtime: 'nodejs20.x', handler: 'src/index.handler' }, files), undefined, 'two folders, neither named like it');
  assert.equal((await resolveHandler({ name: 'anything', runtime: 'python3.12', handler: 'app.handler' }, files))?.file, 'tools/app.py');
  assert.equal((await resolveHandler({ name: 'anything', handler: 'app.handler' }, files))?.file, 'tools/app.py', 'no runtime: Node.js, then Python');
  assert.equal(await resolveHandler({ name: 'svc', runtime: 'provided.al2023', handler: 'bootstrap' }, files), undefined);
  assert.equal(await resolveHandler({ name: 'x', runtime: 'java21', handler: 'com.example.Handler::handleRequest' }, files), undefined);
});

test('a handler found only in compiled JavaScript is shown in its TypeScript source', async () => {
  const ts = ['import type { Event } from "./types";', '', '/** Entry point. */', 'export async function handler(event: Event): Promise<string> {', '  return event.id;', '}', ''].join('\n');
  const out = transformSync(ts, { loader: 'ts', format: 'cjs', sourcemap: 'external', sourcefile: '../src/main.ts' });
  const files = new MemoryWorkspace({
    'template.yaml': 'Resources:\n  MainFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: dist/\n      Handler: main.handler\n      Runtime: nodejs20.x\n',
    'dist/main.js': `${out.code}//# sourceMappingURL=main.js.map\n`,
    'dist/main.js.map': out.map,
    'src/main.ts': ts,
  });
  assert.deepEqual(await resolveHandler({ name: 'main', logicalId: 'MainFunction' }, files), { file: 'src/main.ts', line: 3, symbol: 'handler', via: 'template' });
});

test('mapFrame uses the matched function’s code root, or the folder its handler was found in', async () => {
  const files = workspace({ 'backend/ingest/app.py': `${'\n'.repeat(20)}`, 'other/app.py': '' });
  const index = new WorkspaceIndex(files);
  const python = parseFrameLine('  File "/var/task/app.py", line 10, in handler');
  assert.ok(python);
  assert.deepEqual(await index.mapFrame({ name: 'shop-ingest', logicalId: 'IngestFunction' }, python), { file: 'backend/ingest/app.py', line: 9, column: 0 });
  assert.equal(await index.mapFrame({ name: 'unknown-fn', runtime: 'python3.12' }, python), undefined, 'two app.py, no way to choose');
  const single = new MemoryWorkspace({ 'fn/handlers/run.js': 'exports.go = () => {};\n'.repeat(10) });
  const node = parseFrameLine('    at go (/var/task/handlers/run.js:4:3)');
  assert.ok(node);
  assert.deepEqual(await mapStackFrame({ name: 'fn', runtime: 'nodejs20.x', handler: 'handlers/run.go' }, node, single), { file: 'fn/handlers/run.js', line: 3, column: 2 });
});

test('the scan is done once, until refresh()', async () => {
  const files = workspace();
  const index = new WorkspaceIndex(files);
  await Promise.all([index.scan(), index.scan(), index.resolveHandler({ name: 'jobs-dev-nightly' })]);
  const scans = (): number => files.calls.filter((c) => c.startsWith('findFiles **/{template')).length;
  assert.equal(scans(), 1);
  files.files.set('jobs/serverless.yml', 'service: renamed\nfunctions:\n  nightly:\n    handler: handlers/nightly.run\n');
  const renamed = { name: 'renamed-dev-nightly', runtime: 'nodejs20.x', handler: 'handlers/nightly.run' };
  assert.equal((await index.resolveHandler(renamed))?.via, 'handler', 'not seen before refresh');
  index.refresh();
  assert.equal((await index.resolveHandler(renamed))?.via, 'serverless');
  assert.equal(scans(), 2);
});

test('a failing workspace port is absence, never an exception', async () => {
  const failing: WorkspaceFiles = {
    findFiles: () => Promise.reject(new Error('boom')),
    readText: () => {
      throw new Error('sync boom');
    },
    exists: () => Promise.reject(new Error('boom')),
  };
  const index = new WorkspaceIndex(failing);
  assert.deepEqual(await index.scan(), { functions: [], problems: [] });
  assert.equal(await index.resolveHandler({ name: 'x', runtime: 'nodejs20.x', handler: 'index.handler' }), undefined);
  const frame = parseFrameLine('at f (/var/task/index.js:1:1)');
  assert.ok(frame);
  assert.equal(await index.mapFrame({ name: 'x' }, frame), undefined);
});

test('answers are remembered between polls: a second question reads nothing', async () => {
  const files = workspace();
  const index = new WorkspaceIndex(files);
  const fn = { name: 'jobs-dev-nightly', runtime: 'nodejs20.x', handler: 'handlers/nightly.run' };
  const first = await index.resolveHandler(fn);
  const calls = files.calls.length;
  assert.deepEqual(await index.resolveHandler({ ...fn }), first);
  assert.equal(files.calls.length, calls, 'no file was read or searched again');
  index.refresh();
  await index.resolveHandler(fn);
  assert.ok(files.calls.length > calls, 'after refresh() the workspace is read again');
});
