import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transformSync } from 'esbuild';
import { parseFrameLine, type StackFrame } from '../../../../src/core/issues/stackFrames';
import { locateFrame } from '../../../../src/core/source/frameLocation';
import { SourceMaps } from '../../../../src/core/source/sourceMaps';
import { MemoryWorkspace } from './memoryWorkspace';

function frame(line: string): StackFrame {
  const parsed = parseFrameLine(line);
  assert.ok(parsed, line);
  return parsed;
}

async function locate(files: MemoryWorkspace, line: string, roots: readonly string[]): Promise<unknown> {
  return locateFrame(frame(line), roots, files, new SourceMaps(files));
}

const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n');

test('Node: /var/task/<path> is <path> in the code root; columns from 1 become 0-based', async () => {
  const files = new MemoryWorkspace({ 'svc/a/src/orders.js': lines(50), 'svc/b/src/orders.js': lines(50) });
  assert.deepEqual(await locate(files, '    at priceOrder (/var/task/src/orders.js:42:17)', ['svc/b']), { file: 'svc/b/src/orders.js', line: 41, column: 16 });
  assert.deepEqual(await locate(files, 'at /var/task/src/orders.js:3:1', ['svc/a']), { file: 'svc/a/src/orders.js', line: 2, column: 0 });
  assert.deepEqual(await locate(files, 'at async Runtime.handler (file:///var/task/src/orders.js:9:5)', ['svc/a']), { file: 'svc/a/src/orders.js', line: 8, column: 4 });
});

test('Node: through the source map beside the compiled file', async () => {
  const ts = ['type Cart = { items?: string[] };', '', 'export function count(cart: Cart): number {', '  return cart.items!.length;', '}', ''].join('\n');
  const out = transformSync(ts, { loader: 'ts', format: 'cjs', sourcemap: 'external', sourcefile: 'cart.ts' });
  const jsLine = out.code.split('\n').findIndex((l) => l.includes('.length'));
  const files = new MemoryWorkspace({ 'api/src/cart.ts': ts, 'api/src/cart.js': `${out.code}//# sourceMappingURL=cart.js.map\n`, 'api/src/cart.js.map': out.map });
  assert.deepEqual(await locate(files, `    at count (/var/task/src/cart.js:${jsLine + 1}:3)`, ['api']), { file: 'api/src/cart.ts', line: 3, column: 2 });
  const later = (await locate(files, `    at count (/var/task/src/cart.js:${jsLine + 1}:15)`, ['api'])) as { file: string; line: number };
  assert.deepEqual([later.file, later.line], ['api/src/cart.ts', 3]);
});

test('a local bundle root comes before the code root', async () => {
  const files = new MemoryWorkspace({ '.aws-sam/build/WorkerFunction/index.mjs': lines(10), 'worker/index.mjs': lines(10) });
  assert.equal(((await locate(files, 'at handler (/var/task/index.mjs:2:3)', ['.aws-sam/build/WorkerFunction', 'worker'])) as { file: string }).file, '.aws-sam/build/WorkerFunction/index.mjs');
  assert.equal(((await locate(files, 'at handler (/var/task/index.mjs:2:3)', ['.aws-sam/build/Gone', 'worker'])) as { file: string }).file, 'worker/index.mjs');
});

test('Python: File "/var/task/app.py", line 10', async () => {
  const files = new MemoryWorkspace({ 'resizer/app.py': lines(20), 'resizer/pkg/events.py': lines(30) });
  assert.deepEqual(await locate(files, '  File "/var/task/app.py", line 10, in lambda_handler', ['resizer']), { file: 'resizer/app.py', line: 9, column: 0 });
  assert.deepEqual(await locate(files, '\u00a0\u00a0File "/var/task/pkg/events.py", line 23, in parse_event', ['resizer']), { file: 'resizer/pkg/events.py', line: 22, column: 0 });
});

test('Java: the package path under the code root, else anywhere with the same package', async () => {
  const files = new MemoryWorkspace({
    'reports/src/main/java/com/example/Handler.java': lines(40),
    'other/src/main/java/com/other/Handler.java': lines(40),
    'libs/shared/src/main/java/com/example/util/Strings.java': lines(40),
  });
  assert.deepEqual(await locate(files, 'at com.example.Handler.handleRequest(Handler.java:31)', ['reports']), { file: 'reports/src/main/java/com/example/Handler.java', line: 30, column: 0 });
  assert.deepEqual(await locate(files, 'com.example.Handler.handleRequest(Handler.java:31)', []), { file: 'reports/src/main/java/com/example/Handler.java', line: 30, column: 0 });
  assert.equal(((await locate(files, 'at com.example.util.Strings.trim(Strings.java:5)', ['reports'])) as { file: string }).file, 'libs/shared/src/main/java/com/example/util/Strings.java');
  assert.equal(await locate(files, 'at com.example.Handler$Inner.run(Handler.java:12)', ['reports']).then((p) => (p as { file: string }).file), 'reports/src/main/java/com/example/Handler.java');
  assert.equal(await locate(files, 'at com.third.Handler.handleRequest(Handler.java:31)', []), undefined, 'another package');
});

test('elsewhere than /var/task: matched by how the path ends, and never between two equal candidates', async () => {
  const files = new MemoryWorkspace({ 'api/src/orders.js': lines(50), 'worker/src/jobs.js': lines(50), 'worker/lib/jobs.js': lines(50), 'node_modules/pkg/orders.js': lines(50) });
  // A container image's working folder, or a path the frame gives relative.
  assert.equal(((await locate(files, 'at f (/app/src/orders.js:3:1)', [])) as { file: string }).file, 'api/src/orders.js');
  assert.equal(((await locate(files, 'at f (/build/worker/src/jobs.js:3:1)', [])) as { file: string }).file, 'worker/src/jobs.js');
  assert.equal(await locate(files, 'at f (/somewhere/jobs.js:3:1)', []), undefined, 'worker/src and worker/lib tie');
  // A Go panic frame: the build machine's path.
  const go = new MemoryWorkspace({ 'svc/cmd/api/main.go': lines(30) });
  const panic: StackFrame = { file: '/home/runner/work/shop/svc/cmd/api/main.go', line: 19, function: 'main.handle', inApp: true, raw: '' };
  assert.deepEqual(await locateFrame(panic, [], go, new SourceMaps(go)), { file: 'svc/cmd/api/main.go', line: 18, column: 0 });
});

test('runtime internals, layers, dependencies and missing files are not mapped', async () => {
  const files = new MemoryWorkspace({ 'api/src/orders.js': lines(50), 'api/node_modules/stripe/lib/http.js': lines(50), 'api/opt/x.js': lines(5) });
  const unmapped = [
    'at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    'at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
    'at wrapper (/opt/nodejs/node_modules/datadog-lambda-js/handler.js:12:3)',
    'at Layer.run (/opt/x.js:1:1)',
    'at request (/var/task/node_modules/stripe/lib/http.js:10:3)',
    '  File "/var/lang/lib/python3.12/json/decoder.py", line 337, in decode',
    '  File "/opt/python/lib/python3.12/site-packages/requests/models.py", line 1024, in raise_for_status',
    '  File "<frozen importlib._bootstrap>", line 1387, in _gcd_import',
    'at java.base/java.lang.Thread.run(Thread.java:1583)',
    'at lambdainternal.EventHandlerLoader$PojoHandlerAsStreamHandler.handleRequest(EventHandlerLoader.java:199)',
    'at missing (/var/task/src/gone.js:3:1)',
    'at new Promise (<anonymous>)',
  ];
  for (const line of unmapped) {
    const parsed = parseFrameLine(line);
    assert.ok(parsed, line);
    assert.equal(await locateFrame(parsed, ['api'], files, new SourceMaps(files)), undefined, line);
  }
  assert.equal(await locateFrame({ inApp: true, raw: 'x' }, ['api'], files, new SourceMaps(files)), undefined, 'no file');
  assert.equal(await locateFrame({ file: '/var/task/src/orders.js', inApp: true, raw: 'x' }, ['api'], files, new SourceMaps(files)), undefined, 'no line');
});
