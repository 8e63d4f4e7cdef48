// Helpers for searches across the whole workspace, when a function's own folder is not known.

// Dependencies, VCS data and build output: copies of the sources that must not be taken for them.
const GENERATED_FOLDERS = new Set(['node_modules', '.git', '.aws-sam', 'cdk.out', '.serverless', '.esbuild', '__pycache__', '.venv', 'venv', 'target', 'build']);

export function isGeneratedPath(path: string): boolean {
  return path.split('/').some((segment) => GENERATED_FOLDERS.has(segment));
}

function words(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * True when a folder of the path is named like the function, or like a run of its words:
 * `checkout-api/src` for `checkout-api`, `services/checkout` for `shop-prod-checkout`.
 */
export function folderResemblesFunction(path: string, functionName: string): boolean {
  const parts = functionName.split(/[-_.]+/).filter((p) => p.length > 0);
  const runs = new Set<string>();
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j <= parts.length; j++) runs.add(words(parts.slice(i, j).join('')));
  }
  return path.split('/').some((segment) => {
    const w = words(segment);
    return w.length >= 3 && runs.has(w);
  });
}

/** The one path among several that resembles the function, if exactly one does. */
export function pickByFunctionName(paths: readonly string[], functionName: string): string | undefined {
  if (paths.length === 1) return paths[0];
  const resembling = paths.filter((p) => folderResemblesFunction(p, functionName));
  return resembling.length === 1 ? resembling[0] : undefined;
}
