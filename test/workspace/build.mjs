// Compiles the sample's checkout-api the way its own `tsc` build would (CommonJS, a source map beside each
// file), so that the committed .js/.js.map files are what its deployed package holds: stack frames point
// at the .js lines, the maps lead back to the TypeScript.
//   node test/workspace/build.mjs           writes them
//   node test/workspace/build.mjs --check   fails when they are stale
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const COMPILED_FOLDERS = ['checkout-api/src'];

/** Every output file, workspace-relative path → content. */
export function buildOutputs() {
  const outputs = new Map();
  for (const folder of COMPILED_FOLDERS) {
    for (const name of readdirSync(join(here, folder)).sort()) {
      if (!name.endsWith('.ts') || name.endsWith('.d.ts')) continue;
      const source = readFileSync(join(here, folder, name), 'utf8');
      const result = ts.transpileModule(source, {
        fileName: name,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, sourceMap: true, newLine: ts.NewLineKind.LineFeed },
      });
      const base = `${folder}/${name.replace(/\.ts$/, '')}`;
      outputs.set(`${base}.js`, withLintDirective(result.outputText));
      outputs.set(`${base}.js.map`, `${result.sourceMapText}\n`);
    }
  }
  return outputs;
}

/**
 * The repository lints every file it holds, and compiled output is not written to its rules. The directive
 * goes on tsc's first line, `"use strict";`, which no mapping refers to: no mapped line moves.
 */
function withLintDirective(js) {
  if (!js.startsWith('"use strict";\n')) throw new Error('Expected tsc\'s CommonJS output to start with "use strict"');
  return js.replace('"use strict";', `"use strict"; /* eslint-disable -- compiled by test/workspace/build.mjs */`);
}

function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const [path, content] of buildOutputs()) {
    const target = join(here, path);
    let current;
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === content) continue;
    if (check) stale.push(path);
    else writeFileSync(target, content);
  }
  if (stale.length > 0) {
    process.stderr.write(`Stale outputs (run node test/workspace/build.mjs): ${stale.join(', ')}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
