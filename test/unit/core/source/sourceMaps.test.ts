import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transformSync } from 'esbuild';
import { SourceMaps, sourceMappingUrl } from '../../../../src/core/source/sourceMaps';
import { MemoryWorkspace } from './memoryWorkspace';

const TS = ['interface Order {', '  total?: number;', '}', '', 'export function price(order: Order): string {', '  // the throwing line:', '  return order.total!.toFixed(2);', '}', ''].join('\n');
const TS_LINE = 6; // 0-based: `return order.total!.toFixed(2);`

/** esbuild output of TS, recording `source` as the source's path. */
function compile(source: string, sourcemap: 'external' | 'inline'): { js: string; map: string; jsLine: number } {
  const out = transformSync(TS, { loader: 'ts', format: 'esm', sourcemap, sourcefile: source });
  const jsLine = out.code.split('\n').findIndex((l) => l.includes('toFixed(2)'));
  assert.ok(jsLine >= 0);
  return { js: out.code, map: out.map, jsLine };
}

test('a map beside the compiled file (`<file>.js.map`), sources relative to it', async () => {
  const { js, map, jsLine } = compile('../src/price.ts', 'external');
  const files = new MemoryWorkspace({ 'app/dist/price.js': js, 'app/dist/price.js.map': map, 'app/src/price.ts': TS });
  const position = await new SourceMaps(files).originalPosition('app/dist/price.js', jsLine, 2);
  assert.deepEqual(position, { file: 'app/src/price.ts', line: TS_LINE, column: 2 });
});

test('a sourceMappingURL comment naming another file', async () => {
  const { js, map, jsLine } = compile('../../src/price.ts', 'external');
  const files = new MemoryWorkspace({ 'app/dist/price.js': `${js}//# sourceMappingURL=../maps/dist/price.map?v=1\n`, 'app/maps/dist/price.map': map, 'app/src/price.ts': TS });
  assert.equal((await new SourceMaps(files).originalPosition('app/dist/price.js', jsLine, 2))?.file, 'app/src/price.ts');
});

test('an inline data: URL, base64 or not', async () => {
  const { js, jsLine } = compile('../src/price.ts', 'inline');
  assert.match(sourceMappingUrl(js) ?? '', /^data:application\/json;base64,/);
  const files = new MemoryWorkspace({ 'app/dist/price.js': js, 'app/src/price.ts': TS });
  assert.equal((await new SourceMaps(files).originalPosition('app/dist/price.js', jsLine, 2))?.line, TS_LINE);

  const { map } = compile('../src/price.ts', 'external');
  const plain = `${js.replace(/\/\/# sourceMappingURL=.*$/m, '')}//# sourceMappingURL=data:application/json,${encodeURIComponent(map)}\n`;
  const other = new MemoryWorkspace({ 'app/dist/price.js': plain, 'app/src/price.ts': TS });
  assert.equal((await new SourceMaps(other).originalPosition('app/dist/price.js', jsLine, 2))?.line, TS_LINE);
});

test('sources recorded on another machine are found by how their path ends, in the given roots', async () => {
  for (const source of ['/home/ci/work/shop/app/src/price.ts', 'file:///tmp/tmpx1y2/src/price.ts', 'webpack://shop/./src/price.ts']) {
    const { js, map, jsLine } = compile(source, 'external');
    const files = new MemoryWorkspace({ 'build/price.js': js, 'build/price.js.map': map, 'app/src/price.ts': TS });
    const maps = new SourceMaps(files);
    assert.equal((await maps.originalPosition('build/price.js', jsLine, 2, ['app']))?.file, 'app/src/price.ts', source);
    assert.equal(await new SourceMaps(files).originalPosition('build/price.js', jsLine, 2), undefined, `${source}: no root, no guess`);
  }
});

test('a column inside the indentation still finds the line', async () => {
  const { js, map, jsLine } = compile('../src/price.ts', 'external');
  const files = new MemoryWorkspace({ 'app/dist/price.js': js, 'app/dist/price.js.map': map, 'app/src/price.ts': TS });
  assert.equal((await new SourceMaps(files).originalPosition('app/dist/price.js', jsLine, 0))?.line, TS_LINE);
});

test('no map, a broken map, a map outside the workspace, a source not in the workspace: undefined', async () => {
  const { js, map, jsLine } = compile('../src/price.ts', 'external');
  const cases: Record<string, string>[] = [
    { 'app/dist/price.js': js },
    { 'app/dist/price.js': js, 'app/dist/price.js.map': '{not json', 'app/src/price.ts': TS },
    { 'app/dist/price.js': js, 'app/dist/price.js.map': '{"version":3}', 'app/src/price.ts': TS },
    { 'app/dist/price.js': `${js}//# sourceMappingURL=../../../elsewhere.map\n`, 'app/src/price.ts': TS },
    { 'app/dist/price.js': `${js}//# sourceMappingURL=https://cdn.example.com/price.js.map\n`, 'app/src/price.ts': TS },
    { 'app/dist/price.js': js, 'app/dist/price.js.map': map },
  ];
  for (const files of cases) {
    assert.equal(await new SourceMaps(new MemoryWorkspace(files)).originalPosition('app/dist/price.js', jsLine, 2), undefined, Object.keys(files).join(' '));
  }
  assert.equal(await new SourceMaps(new MemoryWorkspace({})).originalPosition('missing.js', 0, 0), undefined);
});

test('maps are read once until clear()', async () => {
  const { js, map, jsLine } = compile('../src/price.ts', 'external');
  const files = new MemoryWorkspace({ 'app/dist/price.js': js, 'app/dist/price.js.map': map, 'app/src/price.ts': TS });
  const maps = new SourceMaps(files);
  await maps.originalPosition('app/dist/price.js', jsLine, 2);
  await maps.originalPosition('app/dist/price.js', jsLine, 2);
  assert.equal(files.calls.filter((c) => c === 'readText app/dist/price.js.map').length, 1);
  maps.clear();
  await maps.originalPosition('app/dist/price.js', jsLine, 2);
  assert.equal(files.calls.filter((c) => c === 'readText app/dist/price.js.map').length, 2);
});

test('sourceMappingUrl: the last comment, line or block style', () => {
  assert.equal(sourceMappingUrl('a\n//# sourceMappingURL=one.map\nb\n//# sourceMappingURL=two.map\n'), 'two.map');
  assert.equal(sourceMappingUrl('/*# sourceMappingURL=style.css.map */'), 'style.css.map');
  assert.equal(sourceMappingUrl('//@ sourceMappingURL=old.map'), 'old.map');
  assert.equal(sourceMappingUrl('const x = 1;'), undefined);
});
