// Bundles built exactly as shipped (scripts/nodeBundles.mjs), into a folder of their own: the
// tests that need a boundary between bundles (aws.js beside cli.js or services.js) use these.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { nodeBundles } from '../../../scripts/nodeBundles.mjs';

/** Builds the named bundles (e.g. `cli.js`, `aws.js`) into a new temporary folder, and returns it. */
export async function buildShippedBundles(names: readonly string[]): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'lambdascope-bundles-'));
  const wanted = nodeBundles({ outdir }).filter((c) => names.includes(basename(c.outfile)));
  if (wanted.length !== names.length) throw new Error(`no such bundles among ${names.join(', ')}`);
  await Promise.all(wanted.map((c) => build({ ...c, logLevel: 'silent' })));
  return outdir;
}
