// A stack frame as the runtime printed it (`/var/task/src/orders.js:42:17`, `File "/var/task/app.py", line 10`,
// `com.example.Handler.handleRequest(Handler.java:31)`) → the workspace file and line, through source maps.
import type { StackFrame } from '../issues/stackFrames';
import { basenameOf, extensionOf, isInside, isOutside, joinPath, normalizePath } from './posixPath';
import { isCompiledJavaScript, type SourceMaps, type SourcePosition } from './sourceMaps';
import { isGeneratedPath } from './workspaceSearch';
import type { WorkspaceFiles } from './workspacePort';

/** LAMBDA_TASK_ROOT: where the deployment package (or the image's function code) is unpacked. */
const TASK_ROOT = '/var/task/';
const SEARCH_LIMIT = 50;
// Runtime internals, layers (`/opt`) and dependencies: not the workspace's code.
const UNMAPPED_PREFIXES = ['node:', 'internal/', '/opt/', '/var/runtime/', '/var/lang/', '/usr/', '/lib/', '<', 'native'];
const UNMAPPED_SEGMENTS = ['node_modules', 'site-packages', 'dist-packages', '__pypackages__'];
const GO_MODULE_CACHE = '/pkg/mod/';
const JVM_SOURCES = new Set(['.java', '.kt', '.scala', '.groovy', '.clj']);

/**
 * The workspace position of a frame, 0-based; undefined when it cannot be placed (callers show the
 * frame as text). `roots` are the function's code folders, most specific first (a local build, CodeUri).
 */
export async function locateFrame(frame: StackFrame, roots: readonly string[], files: WorkspaceFiles, maps: SourceMaps): Promise<SourcePosition | undefined> {
  if (frame.file === undefined || frame.line === undefined || frame.line < 1) return undefined;
  const deployed = frame.file.replace(/^file:\/\//, '');
  if (isUnmapped(deployed)) return undefined;
  const file = isJvmFrame(frame, deployed) ? await jvmSource(frame, deployed, roots, files) : await deployedFile(deployed, roots, files);
  if (file === undefined) return undefined;
  const line = frame.line - 1;
  // V8 counts columns from 1; the other runtimes print none.
  const column = frame.column !== undefined && frame.column > 0 ? frame.column - 1 : 0;
  if (isCompiledJavaScript(file)) {
    const original = await maps.originalPosition(file, line, column, roots);
    if (original) return original;
  }
  return { file, line, column };
}

function isUnmapped(path: string): boolean {
  if (UNMAPPED_PREFIXES.some((p) => path.startsWith(p))) return true;
  return path.includes(GO_MODULE_CACHE) || path.split('/').some((s) => UNMAPPED_SEGMENTS.includes(s));
}

/** A JVM frame names a class and a bare file (`Handler.java`); the package is in the class name. */
function isJvmFrame(frame: StackFrame, file: string): boolean {
  return !file.includes('/') && JVM_SOURCES.has(extensionOf(file)) && (frame.function?.includes('.') ?? false);
}

async function jvmSource(frame: StackFrame, file: string, roots: readonly string[], files: WorkspaceFiles): Promise<string | undefined> {
  // `com.acme.reports.Handler.handleRequest` → package `com/acme/reports`; nested classes share the file.
  const packagePath = (frame.function ?? '').split('.').slice(0, -2).join('/');
  const relative = joinPath(packagePath, file);
  for (const root of roots) {
    for (const sourceFolder of ['src/main/java', 'src/main/kotlin', 'src/main/scala', 'src', '']) {
      const candidate = joinPath(root, sourceFolder, relative);
      if (await files.exists(candidate)) return candidate;
    }
  }
  // Another package's class of the same name is another class: the whole package path must match.
  return bestBySuffix(relative, roots, files, relative.split('/').length);
}

async function deployedFile(deployed: string, roots: readonly string[], files: WorkspaceFiles): Promise<string | undefined> {
  // Inside the package the path is the one in the code root; any other absolute path (a build machine's,
  // a container's working folder) can only be matched by how it ends.
  const relative = deployed.startsWith(TASK_ROOT) ? normalizePath(deployed.slice(TASK_ROOT.length)) : deployed.startsWith('/') ? undefined : normalizePath(deployed);
  if (relative !== undefined && !isOutside(relative)) {
    for (const root of roots.length > 0 ? roots : ['']) {
      const candidate = joinPath(root, relative);
      if (await files.exists(candidate)) return candidate;
    }
  }
  return bestBySuffix(deployed, roots, files);
}

/**
 * The workspace file whose path ends most like the deployed one (at least the same name), preferring the
 * function's own folders; undefined when that leaves a tie, rather than guess between two functions' files.
 */
async function bestBySuffix(deployed: string, roots: readonly string[], files: WorkspaceFiles, minCommon = 1): Promise<string | undefined> {
  const name = basenameOf(deployed);
  if (!/^[\w.@+-]+$/.test(name)) return undefined;
  const wanted = normalizePath(deployed).split('/').reverse();
  let best: string | undefined;
  let bestScore = 0;
  let tied = false;
  for (const path of await files.findFiles(`**/${name}`, SEARCH_LIMIT)) {
    const inRoot = roots.some((r) => isInside(path, r));
    if (!inRoot && isGeneratedPath(path)) continue;
    const have = path.split('/').reverse();
    let common = 0;
    while (common < have.length && common < wanted.length && have[common] === wanted[common]) common++;
    if (common < minCommon) continue;
    const score = common * 2 + (inRoot ? 1 : 0);
    if (score > bestScore) {
      best = path;
      bestScore = score;
      tied = false;
    } else if (score === bestScore) {
      tied = true;
    }
  }
  return tied ? undefined : best;
}
