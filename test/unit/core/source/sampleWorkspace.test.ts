// The sample workspace (test/workspace) against the demo account: every demo function's handler, and every
// frame of every demo scenario, lands on the line written for it. A new demo scenario with frames fails
// here until the sample has its code and this table its expectation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VirtualClock } from '../../../../src/core/clock';
import { parseFrameLine, type StackFrame } from '../../../../src/core/issues/stackFrames';
import type { DeployedFunction } from '../../../../src/core/source/functionDefinition';
import { WorkspaceIndex } from '../../../../src/core/source/workspaceIndex';
import { DemoAccount } from '../../../../src/demo/demoAccount';
import { DEMO_FUNCTIONS, type SimFrame, type SimulatedFunction } from '../../../../src/demo/scenarios';
import { MemoryWorkspace } from './memoryWorkspace';

const SAMPLE = resolve(__dirname, '../../../workspace');
const files = MemoryWorkspace.fromDirectory(SAMPLE);

/** Where each function's handler is: file, and text on the declaration line. */
const HANDLERS: Record<string, { file: string; line: string; via: string }> = {
  'checkout-api': { file: 'checkout-api/src/index.ts', line: 'export const handler = async', via: 'template' },
  'image-resizer': { file: 'image-resizer/app.py', line: 'def lambda_handler(event, context):', via: 'template' },
  'orders-worker': { file: 'orders-worker/index.mjs', line: 'export const handler = async', via: 'template' },
  'report-generator': { file: 'report-generator/src/main/java/com/acme/reports/Handler.java', line: 'public Map<String, String> handleRequest(', via: 'template' },
  notifier: { file: 'notifier/app.py', line: 'def handler(event, context):', via: 'template' },
  'pdf-exporter': { file: 'pdf-exporter/src/index.ts', line: 'export async function handler(', via: 'template' },
  'legacy-cron': { file: 'legacy/index.js', line: 'exports.handler = async', via: 'serverless' },
};

/** Per scenario, innermost frame first: file, and text on the line the frame must land on. */
const FRAMES: Record<string, ReadonlyArray<{ file: string; line: string }>> = {
  'checkout-typeerror-orders': [
    { file: 'checkout-api/src/orders.ts', line: 'const country = order.shipping!.address.country;' },
    { file: 'checkout-api/src/index.ts', line: 'const priced = priceOrder(order);' },
  ],
  'checkout-typeerror-cart': [
    { file: 'checkout-api/src/cart.ts', line: 'const sku = item.sku;' },
    { file: 'checkout-api/src/index.ts', line: 'const items = mergeCart(request.savedCart, request.items);' },
  ],
  'checkout-stripe-reset': [{ file: 'checkout-api/src/payments.ts', line: 'await post(`/v1/charges/${chargeId}/capture`' }],
  'checkout-declined-handled': [{ file: 'checkout-api/src/payments.ts', line: 'new PaymentDeclinedError(order.id, authorization.body.decline_code' }],
  'resizer-keyerror': [
    { file: 'image-resizer/resizer/events.py', line: 'int(size["width"]), int(size["height"])' },
    { file: 'image-resizer/app.py', line: 'request = parse_event(event)' },
  ],
  'resizer-s3-denied': [
    { file: 'image-resizer/resizer/storage.py', line: '_s3.put_object(' },
    { file: 'image-resizer/app.py', line: 'save_thumbnail(os.environ["THUMBNAIL_BUCKET"]' },
  ],
  'orders-dynamo-denied': [
    { file: 'orders-worker/index.mjs', line: 'await dynamo.send(new PutItemCommand(' },
    { file: 'orders-worker/index.mjs', line: 'await saveOrder(JSON.parse(record.body))' },
  ],
  'orders-throttled': [{ file: 'orders-worker/index.mjs', line: 'await eventBus.send(new PutEventsCommand(' }],
  'report-illegal-state': [
    { file: 'report-generator/src/main/java/com/acme/reports/TemplateStore.java', line: 'throw new IllegalStateException(' },
    { file: 'report-generator/src/main/java/com/acme/reports/Handler.java', line: 'ReportTemplate template = STORE.load(kind, tenantId);' },
  ],
  'notifier-slack-503': [{ file: 'notifier/notifier/slack.py', line: 'response.raise_for_status()' }],
};

/** The demo account's functions as Lambdascope reads them: configuration plus stack tags. */
async function deployedFunctions(): Promise<DeployedFunction[]> {
  const demo = new DemoAccount({ clock: new VirtualClock(Date.UTC(2026, 10, 20)), historyMs: 0, trafficMs: 0 });
  const configs = await demo.catalog.listFunctions();
  return Promise.all(
    configs.map(async (config) => {
      const tags = await demo.catalog.tagsOf(config);
      return { name: config.name, runtime: config.runtime, handler: config.handler, stackName: tags.stackName, logicalId: tags.logicalId };
    }),
  );
}

/** A frame as the demo's log renderer prints it, read back by the engine's frame parser. */
function renderedFrame(fn: SimulatedFunction, frame: SimFrame, i: number): StackFrame {
  const line = fn.runtime.startsWith('python')
    ? `  File "${frame.file}", line ${frame.line}, in ${frame.fn}`
    : fn.runtime.startsWith('java')
      ? `${frame.fn}(${frame.file}:${frame.line})`
      : `    at ${frame.fn} (${frame.file}:${frame.line}:${7 + i * 4})`;
  const parsed = parseFrameLine(line);
  assert.ok(parsed, line);
  return parsed;
}

function lineText(file: string, line: number): string {
  return files.files.get(file)?.split('\n')[line] ?? `<no line ${line} in ${file}>`;
}

test('the sample workspace parses without problems and declares every demo function', async () => {
  const scan = await new WorkspaceIndex(files).scan();
  assert.deepEqual(scan.problems, []);
  assert.deepEqual(scan.functions.map((f) => f.logicalId).sort(), [
    'CheckoutApiFunction',
    'CronLambdaFunction',
    'ImageResizerFunction',
    'NotifierFunction',
    'OrdersWorkerFunction',
    'PdfExporterFunction',
    'ReportGeneratorFunction',
  ]);
});

test("every demo function's handler resolves to its declaration", async () => {
  const index = new WorkspaceIndex(files);
  const deployed = await deployedFunctions();
  assert.deepEqual(deployed.map((d) => d.name).sort(), Object.keys(HANDLERS).sort());
  for (const fn of deployed) {
    const expected = HANDLERS[fn.name];
    assert.ok(expected);
    const found = await index.resolveHandler(fn);
    assert.equal(found?.file, expected.file, fn.name);
    assert.equal(found.via, expected.via, fn.name);
    assert.ok(lineText(found.file, found.line).includes(expected.line), `${fn.name}: line ${found.line} is "${lineText(found.file, found.line)}"`);
  }
});

test('the handler still resolves without the stack tags (names only), as for a function deployed by hand', async () => {
  const index = new WorkspaceIndex(files);
  for (const fn of await deployedFunctions()) {
    const found = await index.resolveHandler({ name: fn.name, runtime: fn.runtime, handler: fn.handler });
    assert.equal(found?.file, HANDLERS[fn.name]?.file, fn.name);
  }
  // CloudFormation's generated name for the function the template does not name.
  assert.equal((await index.resolveHandler({ name: 'lambdascope-demo-ReportGeneratorFunction-Q1W2E3R4T5Y6', runtime: 'java21' }))?.file, HANDLERS['report-generator']?.file);
});

test("every frame of every demo scenario maps to the line written for it (checkout-api's through its source maps)", async () => {
  const index = new WorkspaceIndex(files);
  const deployed = new Map((await deployedFunctions()).map((d) => [d.name, d]));
  const withFrames = DEMO_FUNCTIONS.flatMap((fn) => fn.scenarios.filter((s) => s.frames.length > 0).map((s) => ({ fn, scenario: s })));
  assert.deepEqual(withFrames.map((w) => w.scenario.id).sort(), Object.keys(FRAMES).sort(), 'a scenario without an expectation here');
  for (const { fn, scenario } of withFrames) {
    const expected = FRAMES[scenario.id] ?? [];
    assert.equal(scenario.frames.length, expected.length, scenario.id);
    for (const [i, simFrame] of scenario.frames.entries()) {
      const want = expected[i];
      assert.ok(want);
      const position = await index.mapFrame(deployed.get(fn.name) ?? { name: fn.name }, renderedFrame(fn, simFrame, i));
      const where = `${scenario.id} ${simFrame.file}:${simFrame.line}`;
      assert.equal(position?.file, want.file, where);
      assert.ok(lineText(position.file, position.line).includes(want.line), `${where} → line ${position.line}: "${lineText(position.file, position.line)}"`);
    }
  }
});

test("checkout-api: the demo's /var/task/src/orders.js:42 is orders.ts's throwing line, through the committed map", async () => {
  const index = new WorkspaceIndex(files);
  const frame = parseFrameLine('    at priceOrder (/var/task/src/orders.js:42:7)');
  assert.ok(frame);
  const position = await index.mapFrame({ name: 'checkout-api', logicalId: 'CheckoutApiFunction', stackName: 'lambdascope-demo' }, frame);
  assert.equal(position?.file, 'checkout-api/src/orders.ts');
  assert.match(lineText('checkout-api/src/orders.js', 41), /order\.shipping\.address\.country/, 'the compiled line the frame names');
  assert.notEqual(position.line, 41, 'the TypeScript line differs: the map did the work');
  assert.match(lineText(position.file, position.line), /order\.shipping!\.address\.country/);
});

test('the committed .js/.js.map are what build.mjs makes from the TypeScript', async () => {
  const build = (await import(pathToFileURL(join(SAMPLE, 'build.mjs')).href)) as { buildOutputs: () => Map<string, string> };
  const outputs = build.buildOutputs();
  assert.ok(outputs.size >= 8);
  for (const [path, content] of outputs) assert.equal(files.files.get(path), content, `${path} is stale: run node test/workspace/build.mjs`);
});
