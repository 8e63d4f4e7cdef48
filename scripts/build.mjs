#!/usr/bin/env node
// Bundles the extension (node, cjs, `vscode` external), the CLI (node, with a shebang) and every
// webview entry point `webview/<panel>/main.ts` (browser, iife). `--bench` also bundles test/bench.
import { build, context } from 'esbuild';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { commonOptions, nodeBundles } from './nodeBundles.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const common = commonOptions(production);
const configs = nodeBundles({ production });

// The webview toolkit (FAST) probes :focus-visible support by inserting an inline <style>, which
// the panels' CSP (style-src: the extension's files only) blocks with a violation report on every
// page. Ask CSS.supports() instead: the same answer, nothing inserted.
const cspSafeFocusVisibleProbe = {
  name: 'csp-safe-focus-visible-probe',
  setup(b) {
    b.onLoad({ filter: /fast-web-utilities[\\/]dist[\\/]dom\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const probe = 'const styleElement = document.createElement("style");';
      if (!source.includes(probe)) throw new Error(`${args.path}: the :focus-visible probe changed; review ${cspSafeFocusVisibleProbe.name}`);
      return { contents: source.replace(probe, `return (_canUseFocusVisible = CSS.supports("selector(:focus-visible)"));\n    ${probe}`), loader: 'js' };
    });
  },
};

const webviews = existsSync('webview')
  ? readdirSync('webview', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join('webview', d.name, 'main.ts')))
      .map((d) => d.name)
  : [];
for (const name of webviews) {
  configs.push({
    ...common,
    entryPoints: [join('webview', name, 'main.ts')],
    outfile: join('dist', 'webview', `${name}.js`),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    plugins: [cspSafeFocusVisibleProbe],
  });
}

if (args.has('--bench')) {
  const benches = readdirSync('test/bench').filter((f) => f.endsWith('.ts'));
  configs.push({
    ...common,
    sourcemap: false,
    entryPoints: benches.map((f) => join('test/bench', f)),
    outdir: 'dist/bench',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  });
}

// Start clean, so that no stale bundle or source map from another mode ends up in a package.
if (!watch) rmSync('dist', { recursive: true, force: true });

if (watch) {
  for (const config of configs) await (await context(config)).watch();
  console.log('Watching for changes…');
} else {
  await Promise.all(configs.map((config) => build(config)));
  chmodSync('dist/cli.js', 0o755);
}
