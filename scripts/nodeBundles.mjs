// The node bundles (extension, services, AWS runtime, CLI, analyze worker): used by build.mjs, and
// by tests that need a bundle built exactly as shipped, into a folder of their own.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Options every bundle shares. */
export function commonOptions(production) {
  return {
    bundle: true,
    // @datadog/sketches-js loads protobufjs lazily, only for toProto/fromProto, which we do not use.
    external: ['protobufjs/minimal'],
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    legalComments: 'none',
  };
}

/** The CLI's `import('./awsRuntime')` left to load aws.js at run time, from beside cli.js. */
const awsRuntimeBesideCli = {
  name: 'aws-runtime-beside-cli',
  setup(b) {
    b.onResolve({ filter: /^\.\/awsRuntime$/ }, () => ({ path: './aws.js', external: true }));
  },
};

/** The node bundles, written to `outdir`. */
export function nodeBundles({ production = false, outdir = join(root, 'dist') } = {}) {
  const common = commonOptions(production);
  const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  return [
    { ...node, entryPoints: [join(root, 'src/extension.ts')], outfile: join(outdir, 'extension.js'), external: [...common.external, 'vscode'] },
    // Everything but activation: loaded by extension.js right after it activates.
    { ...node, entryPoints: [join(root, 'src/services.ts')], outfile: join(outdir, 'services.js'), external: [...common.external, 'vscode'] },
    // The AWS SDK and src/aws: loaded by the extension on the first poll of a real profile, and by
    // `lambdascope report` on a real profile.
    { ...node, entryPoints: [join(root, 'src/awsRuntime.ts')], outfile: join(outdir, 'aws.js') },
    {
      ...node,
      entryPoints: [join(root, 'src/cli.ts')],
      outfile: join(outdir, 'cli.js'),
      // Parsing the AWS SDK's 1.7 MB made every `analyze` and `--help` start ~0.07 s later.
      plugins: [awsRuntimeBesideCli],
      banner: { js: '#!/usr/bin/env node' },
      define: { 'process.env.LAMBDASCOPE_VERSION': JSON.stringify(version) },
    },
    // A worker thread of `analyze` (and of the extension's file analysis) for large files.
    { ...node, entryPoints: [join(root, 'src/cli/analyzeWorker.ts')], outfile: join(outdir, 'analyzeWorker.js') },
  ];
}
