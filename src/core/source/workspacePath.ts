/**
 * The segments of a workspace-relative path, or undefined when it could leave the workspace folder:
 * an absolute path, a drive letter, a `..` segment, a NUL. Paths that links open come from source
 * maps and logs, which anyone who can write a log line controls.
 */
export function workspaceSegments(path: string): string[] | undefined {
  if (path.length === 0 || path.length > 4096 || path.includes('\u0000')) return undefined;
  if (/^[\\/]/.test(path) || /^[A-Za-z]:/.test(path) || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(path)) return undefined;
  const segments = path.split(/[\\/]/).filter((s) => s.length > 0 && s !== '.');
  if (segments.length === 0 || segments.includes('..')) return undefined;
  return segments;
}
