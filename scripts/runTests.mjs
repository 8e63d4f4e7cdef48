#!/usr/bin/env node
// Runs every test (test/unit and test/integration, **/*.test.ts, or the files/folders given) with node's test
// runner, TypeScript loaded by tsx. The runner's own pass/fail summary ends the output.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

function collect(path, out) {
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const name of readdirSync(path).sort()) collect(join(path, name), out);
  } else if (/\.test\.ts$/.test(path)) {
    out.push(path);
  }
  return out;
}

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('--'));
// Integration tests use moto server: LAMBDASCOPE_MOTO_URL (CI starts one), or each file starts its own.
const files = (roots.length > 0 ? roots : ['test/unit', 'test/integration']).flatMap((r) => collect(resolve(r), []));
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...passThrough, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
