// Where a handler is declared: in a known code root (from a template), or found by searching the workspace
// for the files its handler string names.
import type { HandlerSpec } from './handlerString';
import { basenameOf, joinPath } from './posixPath';
import { isCompiledJavaScript, type SourceMaps } from './sourceMaps';
import { findSymbolLine } from './symbolLine';
import { isGeneratedPath, pickByFunctionName } from './workspaceSearch';
import type { WorkspaceFiles } from './workspacePort';

export interface HandlerLocation {
  /** Workspace-relative. */
  readonly file: string;
  /** 0-based; 0 when the file was found but not the declaration. */
  readonly line: number;
  readonly symbol: string;
  /** What led there: a SAM/CloudFormation template, a serverless.yml, or the handler string alone. */
  readonly via: 'template' | 'serverless' | 'handler';
}

export type FoundHandler = Omit<HandlerLocation, 'via'>;

const SEARCH_LIMIT = 200;

function stem(path: string): string {
  return basenameOf(path).replace(/\.[^.]*$/, '');
}

/**
 * The handler in a code root. esbuild entry points come first: the handler names the bundle
 * (`index.handler` → `index.mjs`), the entry point its TypeScript source (`src/index.ts`).
 */
export async function handlerInRoot(
  specs: readonly HandlerSpec[],
  root: string,
  entryPoints: readonly string[],
  files: WorkspaceFiles,
  maps: SourceMaps,
): Promise<FoundHandler | undefined> {
  for (const spec of specs) {
    const candidates: string[] = [];
    if (spec.language === 'node' && entryPoints.length > 0) {
      const moduleName = stem(spec.files[0] ?? '');
      const named = entryPoints.filter((e) => stem(e) === moduleName);
      candidates.push(...(named.length > 0 ? named : entryPoints.length === 1 ? entryPoints : []));
    }
    candidates.push(...spec.files.map((f) => joinPath(root, f)));
    let fileOnly: FoundHandler | undefined;
    for (const file of candidates) {
      const text = await files.readText(file);
      if (text === undefined) continue;
      const line = findSymbolLine(text, spec.language, spec.symbol);
      if (line !== undefined) return throughSourceMap({ file, line, symbol: spec.symbol }, root, maps);
      fileOnly ??= { file, line: 0, symbol: spec.symbol };
    }
    if (fileOnly) return throughSourceMap(fileOnly, root, maps);
  }
  return undefined;
}

/** A handler found only in compiled JavaScript is shown in its TypeScript source, when a map leads there. */
async function throughSourceMap(found: FoundHandler, root: string, maps: SourceMaps): Promise<FoundHandler> {
  if (!isCompiledJavaScript(found.file)) return found;
  const original = await maps.originalPosition(found.file, found.line, 0, [root]);
  return original ? { file: original.file, line: original.line, symbol: found.symbol } : found;
}

/**
 * Without a template: the files the handler string names, anywhere in the workspace. Several folders may
 * hold them (every function has a `src/index.ts`); a folder named like the function settles it, else none.
 */
export async function searchHandler(
  specs: readonly HandlerSpec[],
  functionName: string,
  files: WorkspaceFiles,
  maps: SourceMaps,
): Promise<{ readonly root: string; readonly found: FoundHandler } | undefined> {
  for (const spec of specs) {
    if (spec.language === 'go') continue; // `bootstrap` names no source file
    const paths = await files.findFiles(`**/{${spec.files.join(',')}}`, SEARCH_LIMIT);
    const roots = new Set<string>();
    for (const path of paths) {
      if (isGeneratedPath(path)) continue;
      const file = spec.files.find((f) => path === f || path.endsWith(`/${f}`));
      if (file !== undefined) roots.add(path.slice(0, Math.max(0, path.length - file.length - 1)));
    }
    const root = pickByFunctionName([...roots].sort(), functionName);
    if (root === undefined) continue;
    const found = await handlerInRoot([spec], root, [], files, maps);
    if (found) return { root, found };
  }
  return undefined;
}
