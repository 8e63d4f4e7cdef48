// An in-memory WorkspaceFiles for the source engine's tests: hand-written files, or a real folder read once.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { WorkspaceFiles } from '../../../../src/core/source/workspacePort';

/** `**`, `*`, `?` and `{a,b}` (nesting allowed), as VS Code's findFiles reads them. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      out += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      out += ')';
      depth--;
    } else if (c === ',' && depth > 0) out += '|';
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

export class MemoryWorkspace implements WorkspaceFiles {
  readonly files: Map<string, string>;
  /** Every call, for tests that count reads. */
  readonly calls: string[] = [];

  constructor(files: Record<string, string> | Map<string, string>) {
    this.files = files instanceof Map ? new Map(files) : new Map(Object.entries(files));
  }

  /** Every file under `root`, paths relative to it. */
  static fromDirectory(root: string): MemoryWorkspace {
    const files = new Map<string, string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else files.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'));
      }
    };
    walk(root);
    return new MemoryWorkspace(files);
  }

  async findFiles(glob: string, maxResults?: number): Promise<string[]> {
    this.calls.push(`findFiles ${glob}`);
    const pattern = globToRegExp(glob);
    const found = [...this.files.keys()].filter((p) => pattern.test(p)).sort();
    return maxResults === undefined ? found : found.slice(0, maxResults);
  }

  async readText(path: string): Promise<string | undefined> {
    this.calls.push(`readText ${path}`);
    return this.files.get(path);
  }

  async exists(path: string): Promise<boolean> {
    this.calls.push(`exists ${path}`);
    return this.files.has(path);
  }
}
