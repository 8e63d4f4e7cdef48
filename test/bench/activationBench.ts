// `npm run bench` (third part): what activating the extension costs — loading dist/extension.js
// and running activate() — and the size of the bundles. The `vscode` module is replaced by an
// inert stand-in (everything callable, nothing happens), so only our own work is measured.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Module from 'node:module';
import { join, resolve } from 'node:path';

const DIST = resolve(__dirname, '..');

function inert(): unknown {
  const target = function () {
    /* inert */
  };
  const proxy: unknown = new Proxy(target, {
    get: (_t, key) => (key === 'then' || key === 'visible' || key === Symbol.toPrimitive ? undefined : proxy),
    apply: () => proxy,
    construct: () => proxy as object,
    // Assignments (item.name = …) are accepted and forgotten.
    set: () => true,
    defineProperty: () => true,
  });
  return proxy;
}

/** The `vscode` module's exports (names from @types/vscode), each inert. */
function vscodeStub(): Record<string, unknown> {
  const types = readFileSync(join(DIST, '..', 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = new Set<string>();
  for (const m of types.matchAll(/^\t(?:export )?(?:class|namespace|enum|function|const|let) ([A-Za-z_]\w*)/gm)) names.add(m[1] as string);
  return Object.fromEntries([...names].map((n) => [n, inert()]));
}

async function main(): Promise<void> {
  const stub = vscodeStub();
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = loader._load;
  loader._load = (request, parent, isMain) => (request === 'vscode' ? stub : original(request, parent, isMain));
  // What ExtensionContext members the services read; storage goes to a scratch folder.
  const context = {
    subscriptions: [] as unknown[],
    extensionUri: stub,
    extension: { id: 'lambdascope.lambdascope' },
    globalState: { get: () => undefined, update: async () => undefined },
    globalStorageUri: { fsPath: mkdtempSync(join(tmpdir(), 'lambdascope-bench-')) },
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose: () => undefined }) },
  };
  // The extension host has node's built-ins loaded long before any extension activates.
  for (const builtin of ['node:crypto', 'node:stream', 'node:fs', 'node:path', 'node:os', 'node:events', 'node:util', 'node:readline', 'node:child_process', 'node:url']) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(builtin);
  }
  const t0 = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(join(DIST, 'extension.js')) as { activate: (c: unknown) => { services: () => Promise<unknown> } };
  const t1 = process.hrtime.bigint();
  const api = extension.activate(context);
  const t2 = process.hrtime.bigint();
  await api.services();
  const t3 = process.hrtime.bigint();
  const size = (f: string): string => `${(statSync(join(DIST, f)).size / 1024).toFixed(0)} KB`;
  const rows: Array<[string, string]> = [
    ['load dist/extension.js', `${(Number(t1 - t0) / 1e6).toFixed(1)} ms`],
    ['activate()', `${(Number(t2 - t1) / 1e6).toFixed(1)} ms (target ≤ 20 ms for both together: ${(Number(t2 - t0) / 1e6).toFixed(1)} ms)`],
    ['then, the services (dist/services.js)', `${(Number(t3 - t2) / 1e6).toFixed(1)} ms, after activation (the view shows "Loading…" meanwhile)`],
    ['AWS SDK loaded at activation', Object.keys(require.cache).some((k) => k.includes('aws.js')) ? 'yes (unexpected)' : 'no (dist/aws.js is loaded on the first poll of a real profile)'],
    ['dist/extension.js', `${size('extension.js')} (target ≤ 1.5 MB)`],
    ['dist/services.js', size('services.js')],
    ['dist/aws.js', size('aws.js')],
    ['disposables registered', String(context.subscriptions.length)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('\nExtension activation');
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

void main();
