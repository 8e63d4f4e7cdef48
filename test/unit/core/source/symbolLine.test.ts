import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSymbolLine } from '../../../../src/core/source/symbolLine';

const lines = (...text: string[]): string => text.join('\n');

test('Node.js: exported declarations of every shape', () => {
  const cases: Array<[string, number]> = [
    [lines('import x from "y";', 'export const handler = async (event) => {', '};'), 1],
    [lines('// handler', 'export async function handler(event) {', '}'), 1],
    [lines('export function helper() {}', 'export function handler<T>(event: T) {}'), 1],
    [lines('const a = 1;', 'export let handler = wrap(main);'), 1],
    [lines('"use strict";', 'exports.handler = async (event) => {', '};'), 1],
    [lines('module.exports.handler = function (event, context) {', '};'), 0],
    [lines('exports["handler"] = main;', 'function main() {}'), 1],
    [lines('export default async function handler() {}'), 0],
  ];
  for (const [text, expected] of cases) assert.equal(findSymbolLine(text, 'node', 'handler'), expected, text);
});

test('Node.js: an export list or module.exports object leads to the local declaration', () => {
  const exportList = lines('async function main(event) {', '  return 1;', '}', 'export { main as handler, other };');
  assert.equal(findSymbolLine(exportList, 'node', 'handler'), 0);
  assert.equal(findSymbolLine(exportList, 'node', 'other'), 3, 'no local declaration: the export line');
  const commonJs = lines('const handler = async () => {};', 'const b = 2;', 'module.exports = {', '  b,', '  handler,', '};');
  assert.equal(findSymbolLine(commonJs, 'node', 'handler'), 0);
  const renamed = lines('function run() {}', 'module.exports = { handler: run };');
  assert.equal(findSymbolLine(renamed, 'node', 'handler'), 0);
});

test("Node.js: tsc's `exports.x = void 0` placeholder is not the declaration", () => {
  const tscOutput = lines('"use strict";', 'Object.defineProperty(exports, "__esModule", { value: true });', 'exports.handler = void 0;', 'const handler = async (event) => {', '};', 'exports.handler = handler;');
  assert.equal(findSymbolLine(tscOutput, 'node', 'handler'), 3);
  const declaration = lines('"use strict";', 'exports.handler = handler;', 'async function handler(event) {', '}');
  assert.equal(findSymbolLine(declaration, 'node', 'handler'), 2);
});

test('Node.js: a name that only appears in a call or a longer name is not found', () => {
  assert.equal(findSymbolLine(lines('export const handlerFactory = 1;', 'run(handler);'), 'node', 'handler'), undefined);
  assert.equal(findSymbolLine('export const handler = 1;', 'node', 'a.b'), undefined);
});

test('Python: a top-level def first, then an alias, then a method', () => {
  const text = lines('import os', '', 'class Worker:', '    def handler(self, event):', '        pass', '', '', 'def handler(event, context):', '    return 1');
  assert.equal(findSymbolLine(text, 'python', 'handler'), 7);
  assert.equal(findSymbolLine(lines('async def lambda_handler(event, context):', '    pass'), 'python', 'lambda_handler'), 0);
  assert.equal(findSymbolLine(lines('def main(event, context):', '    pass', 'handler = main'), 'python', 'handler'), 2);
  assert.equal(findSymbolLine(lines('def handler_two():', '    pass'), 'python', 'handler'), undefined);
});

test('Java and Kotlin: the method declaration, not a call', () => {
  const java = lines(
    'public class Handler implements RequestHandler<Map<String, String>, String> {',
    '    // handleRequest(input) is called by the runtime',
    '    private String helper() { return handleRequest(null, null); }',
    '    @Override',
    '    public String handleRequest(Map<String, String> input, Context context) {',
    '        return helper();',
    '    }',
    '}',
  );
  assert.equal(findSymbolLine(java, 'java', 'handleRequest'), 4);
  assert.equal(findSymbolLine(lines('  @Override public final APIGatewayProxyResponseEvent handleRequest(', '      APIGatewayProxyRequestEvent e, Context c) {'), 'java', 'handleRequest'), 0);
  assert.equal(findSymbolLine(lines('class H {', '  return handleRequest(a, b);', '}'), 'java', 'handleRequest'), undefined);
  assert.equal(findSymbolLine(lines('class Handler : RequestHandler<String, String> {', '    override fun handleRequest(input: String, context: Context): String = input'), 'java', 'handleRequest'), 1);
});

test('Go: the main function', () => {
  assert.equal(findSymbolLine(lines('package main', '', 'func handle(ctx context.Context) error { return nil }', '', 'func main() {', '\tlambda.Start(handle)', '}'), 'go', 'main'), 4);
});
