// Compiled or bundled JavaScript back to its sources, through the source map that the build left beside
// it (`orders.js.map`), named by a `//# sourceMappingURL=` comment, or inlined as a data: URL.
import { FlattenMap, GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, originalPositionFor, type TraceMap } from '@jridgewell/trace-mapping';
import { dirnameOf, extensionOf, isOutside, joinPath, normalizePath } from './posixPath';
import type { WorkspaceFiles } from './workspacePort';

/** A place in a workspace file; line and column are 0-based (as editors count). */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

interface LoadedMap {
  readonly map: TraceMap;
  /** The folder that relative `sources` are relative to. */
  readonly base: string;
}

const JS_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx']);
// Bounds the cache: a workspace may have thousands of compiled files, a session looks at a few.
const MAX_CACHED = 200;

export function isCompiledJavaScript(path: string): boolean {
  return JS_EXTENSIONS.has(extensionOf(path));
}

export class SourceMaps {
  private readonly cache = new Map<string, Promise<LoadedMap | undefined>>();

  constructor(private readonly files: WorkspaceFiles) {}

  clear(): void {
    this.cache.clear();
  }

  /**
   * The source position of a position in a compiled file, or undefined when the file has no source map,
   * the position is not mapped, or the source is not in the workspace. `roots` are folders (the function's
   * code) in which to look for a source whose recorded path is not a workspace path.
   */
  async originalPosition(file: string, line: number, column: number, roots: readonly string[] = []): Promise<SourcePosition | undefined> {
    const loaded = await this.load(file);
    if (!loaded) return undefined;
    let found = originalPositionFor(loaded.map, { line: line + 1, column, bias: GREATEST_LOWER_BOUND });
    // Before the line's first mapped segment (indentation): take the first segment after the column.
    if (found.source === null) found = originalPositionFor(loaded.map, { line: line + 1, column, bias: LEAST_UPPER_BOUND });
    if (found.source === null || found.line === null) return undefined;
    const source = await this.workspacePathOf(found.source, loaded.base, roots);
    return source === undefined ? undefined : { file: source, line: found.line - 1, column: found.column ?? 0 };
  }

  private load(file: string): Promise<LoadedMap | undefined> {
    let loading = this.cache.get(file);
    if (!loading) {
      loading = this.read(file);
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value ?? '');
      this.cache.set(file, loading);
    }
    return loading;
  }

  private async read(file: string): Promise<LoadedMap | undefined> {
    const text = await this.files.readText(file);
    if (text === undefined) return undefined;
    const url = sourceMappingUrl(text);
    let json: string | undefined;
    let base = dirnameOf(file);
    if (url?.startsWith('data:')) {
      json = decodeDataUrl(url);
    } else {
      const mapPath = url !== undefined && !/^[a-z][\w+.-]*:/i.test(url) ? joinPath(dirnameOf(file), safeDecode(url.replace(/[?#].*$/, ''))) : `${file}.map`;
      if (isOutside(mapPath)) return undefined;
      json = await this.files.readText(mapPath);
      base = dirnameOf(mapPath);
    }
    if (json === undefined) return undefined;
    try {
      return { map: FlattenMap(JSON.parse(json) as Parameters<typeof FlattenMap>[0]), base };
    } catch {
      return undefined; // not JSON, or not a source map
    }
  }

  /** A source as recorded in the map (relative, absolute, `file://`, `webpack://app/./src/x.ts`) → a workspace file. */
  private async workspacePathOf(source: string, base: string, roots: readonly string[]): Promise<string | undefined> {
    const scheme = /^([a-z][\w+.-]*):\/\/[^/]*(.*)$/i.exec(source);
    const path = scheme ? (scheme[2] ?? '') : source;
    if (!path.startsWith('/') && !scheme) {
      const relative = joinPath(base, path);
      if (!isOutside(relative) && (await this.files.exists(relative))) return relative;
    }
    // Built elsewhere (a CI machine, SAM's scratch folder): the recorded path ends like a workspace path.
    const segments = normalizePath(path).split('/').filter((s) => s !== '..');
    for (let i = 0; i < segments.length; i++) {
      const suffix = segments.slice(i).join('/');
      for (const root of [...roots, base]) {
        const candidate = joinPath(root, suffix);
        if (!isOutside(candidate) && (await this.files.exists(candidate))) return candidate;
      }
    }
    return undefined;
  }
}

/** The last `//# sourceMappingURL=` (or `/*# … *\/`) of a file: bundlers append theirs at the end. */
export function sourceMappingUrl(text: string): string | undefined {
  const pattern = /(?:\/\/|\/\*)[#@]\s*sourceMappingURL=([^\s'"*]+)/g;
  let url: string | undefined;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) url = m[1];
  return url;
}

function decodeDataUrl(url: string): string | undefined {
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const header = url.slice(0, comma);
  const payload = url.slice(comma + 1);
  if (!/;base64$/i.test(header)) return safeDecode(payload);
  try {
    const binary = atob(payload);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
