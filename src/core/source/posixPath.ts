// Workspace paths are POSIX and relative (see workspacePort.ts); src/core may not use node:path.

/** Resolves `.` and `..` segments and duplicate slashes. Leading `..` that climb out of the root are kept. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}

export function joinPath(...parts: readonly string[]): string {
  return normalizePath(parts.filter((p) => p.length > 0).join('/'));
}

/** The folder of a path; '' for the workspace root. */
export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `src/orders.js` → `.js`; '' when there is none. */
export function extensionOf(path: string): string {
  const base = basenameOf(path);
  const i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i);
}

/** True when the path lies in the folder (or is it); '' is the workspace root, which holds everything. */
export function isInside(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}

/** A path that climbs out of the workspace (`../x`) cannot be read through the port. */
export function isOutside(path: string): boolean {
  return path === '..' || path.startsWith('../');
}
