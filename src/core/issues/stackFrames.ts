/** One frame of a stack trace, in any runtime's notation. */
export interface StackFrame {
  readonly file?: string;
  readonly function?: string;
  readonly line?: number;
  readonly column?: number;
  /** The application's own code, as opposed to the runtime, the standard library or dependencies. */
  readonly inApp: boolean;
  readonly raw: string;
}

// Node: `at fn (file:line:col)`, `at async fn (file:line:col)`, `at file:line:col`.
// Lines are trimmed and capped in length before these run, so that no input makes them backtrack for long.
const NODE_FRAME = /^at (?:async )?(?:([^()]+?) \((.+?)(?::(\d+))?(?::(\d+))?\)|([^\s()]+?)(?::(\d+))?(?::(\d+))?)$/;
// Python: `File "/var/task/app.py", line 10, in handler` (indented with spaces or U+00A0).
const PYTHON_FRAME = /^File "([^"]+)", line (\d+)(?:, in (.+))?$/;
// Java: `at pkg.Class.method(File.java:28)` or without `at`.
const JAVA_AT_FRAME = /^at\s+[\w$.<>/]+\(/;
// The parenthesis holds a source file (`Handler.java:28`), `Native Method` or `Unknown Source`, so
// that a source line such as `table.put_item(Item=item)` is not taken for a frame.
const JAVA_FRAME = /^(?:at )?([\w$.<>/]+)\((Native Method|Unknown Source|[\w$-]+\.(?:java|kt|scala|groovy|clj)(?::(\d+))?)\)$/;
// .NET: `at Ns.Type.Method(Input input, ILambdaContext context) in /src/Fn/Function.cs:line 57`; the
// ` in …:line N` part only when the build shipped its symbols.
const DOTNET_FRAME = /^at ([^\s(]+)\(([^()]*)\)(?: in (.+):line (\d+))?$/;
// An async method runs as `Ns.Type.<Method>d__4.MoveNext`: name it as the source does.
const DOTNET_ASYNC_METHOD = /\.<([^<>]+)>d__\d+\.MoveNext$/;
const MAX_FRAME_LINE = 1000;
const PATH_LIKE = /[/\\]|\.[cm]?[jt]sx?$/;

function frameText(line: string): string | undefined {
  const text = line.replace(/^[\s\u00a0]+/, '').trimEnd();
  return text.length === 0 || text.length > MAX_FRAME_LINE ? undefined : text.replace(/^at\s+/, 'at ');
}

const NOT_APP_PATH = [
  'node:',
  'internal/',
  '/var/runtime/',
  'file:///var/runtime/',
  '/var/lang/',
  '/opt/',
  '/node_modules/',
  '/site-packages/',
  '/dist-packages/',
  '<frozen ',
  '/usr/lib/',
  '/usr/local/lib/',
];
const NOT_APP_JAVA = ['java.', 'javax.', 'jdk.', 'sun.', 'com.sun.', 'lambdainternal.', 'com.amazonaws.', 'software.amazon.', 'com.fasterxml.', 'kotlin.', 'scala.'];
// The base library, ASP.NET, Lambda's runtime (Amazon.Lambda.*) and the AWS SDK (Amazon.*), Json.NET.
const NOT_APP_DOTNET = ['System.', 'Microsoft.', 'Amazon.', 'Newtonsoft.'];
const NOT_APP_GO = ['github.com/aws/aws-lambda-go', 'runtime/', 'net/http', 'reflect/'];

function isAppPath(file: string): boolean {
  for (const marker of NOT_APP_PATH) {
    if (file.startsWith(marker) || (marker.startsWith('/') && file.includes(marker))) return false;
  }
  return file !== '<anonymous>' && file !== 'native';
}

function toInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : undefined;
}

function stripFileUrl(file: string): string {
  return file.startsWith('file://') ? file.slice('file://'.length) : file;
}

export function parseNodeFrame(line: string): StackFrame | undefined {
  const text = frameText(line);
  const m = text === undefined ? null : NODE_FRAME.exec(text);
  if (!m) return undefined;
  const fileRaw = m[2] ?? m[5];
  if (!fileRaw) return undefined;
  const fn = m[1];
  // `at async Promise.all (index 0)`, `at new Promise (<anonymous>)`: no source file to point at.
  if (!PATH_LIKE.test(fileRaw)) {
    const known = fileRaw === '<anonymous>' || fileRaw === 'native';
    return { file: known ? fileRaw : undefined, function: fn ?? fileRaw, inApp: false, raw: line.trim() };
  }
  const file = stripFileUrl(fileRaw);
  return {
    file,
    function: fn,
    line: toInt(m[3] ?? m[6]),
    column: toInt(m[4] ?? m[7]),
    inApp: isAppPath(fileRaw) && isAppPath(file),
    raw: line.trim(),
  };
}

export function parsePythonFrame(line: string): StackFrame | undefined {
  const text = frameText(line);
  const m = text === undefined ? null : PYTHON_FRAME.exec(text);
  if (!m?.[1]) return undefined;
  return { file: m[1], line: toInt(m[2]), function: m[3], inApp: isAppPath(m[1]), raw: line.replace(/\u00a0/g, ' ').trim() };
}

export function parseJavaFrame(line: string): StackFrame | undefined {
  const text = frameText(line);
  const m = text === undefined ? null : JAVA_FRAME.exec(text);
  if (!m?.[1] || !m[1].includes('.')) return undefined;
  const fn = m[1];
  const inApp = !NOT_APP_JAVA.some((p) => fn.startsWith(p));
  return { function: fn, file: m[2]?.replace(/:\d+$/, ''), line: toInt(m[3]), inApp, raw: line.trim() };
}

export function parseDotnetFrame(line: string): StackFrame | undefined {
  const text = frameText(line);
  const m = text === undefined ? null : DOTNET_FRAME.exec(text);
  if (!m?.[1] || !m[1].includes('.')) return undefined;
  const fn = m[1].replace(DOTNET_ASYNC_METHOD, '.$1');
  const inApp = !NOT_APP_DOTNET.some((p) => fn.startsWith(p));
  return { function: fn, file: m[3], line: toInt(m[4]), inApp, raw: line.trim() };
}

/** Go's aws-lambda-go panic frames: `{"path":"…","line":19,"label":"…"}`. */
function parseGoObjectFrame(value: Record<string, unknown>): StackFrame | undefined {
  const path = typeof value.path === 'string' ? value.path : undefined;
  const label = typeof value.label === 'string' ? value.label : undefined;
  if (!path && !label) return undefined;
  const line = typeof value.line === 'number' ? value.line : undefined;
  const inApp = path === undefined || !NOT_APP_GO.some((p) => path.includes(p));
  return { file: path, function: label, line, inApp, raw: `${label ?? '?'} (${path ?? '?'}:${line ?? '?'})` };
}

/** Any one line of a trace, whichever runtime wrote it. */
export function parseFrameLine(line: string): StackFrame | undefined {
  if (line.includes('File "')) return parsePythonFrame(line);
  const trimmed = line.trimStart();
  // Java prints `at pkg.Class.method(File.java:28)`: no space before the parenthesis, unlike Node.
  // .NET too, with argument types rather than a file in the parenthesis.
  if (JAVA_AT_FRAME.test(trimmed)) return parseJavaFrame(line) ?? parseDotnetFrame(line) ?? parseNodeFrame(line);
  if (trimmed.startsWith('at ')) return parseNodeFrame(line) ?? parseJavaFrame(line) ?? parseDotnetFrame(line);
  return parseJavaFrame(line);
}

/**
 * Frames from a `stack`/`stackTrace`/`trace` array as runtimes put them in error documents:
 * Node strings (first is `Type: message`), Python pre-formatted `File …` chunks (outermost first),
 * Java strings, Go objects. Returned innermost first.
 */
export function framesFromStackArray(items: readonly unknown[]): StackFrame[] {
  const frames: StackFrame[] = [];
  let python = false;
  for (const item of items) {
    if (typeof item === 'string') {
      for (const part of item.split(/\r\n|\r|\n/)) {
        if (part.trim().length === 0) continue;
        const frame = parseFrameLine(part);
        if (frame) {
          if (part.includes('File "')) python = true;
          frames.push(frame);
        }
      }
    } else if (item !== null && typeof item === 'object') {
      const frame = parseGoObjectFrame(item as Record<string, unknown>);
      if (frame) frames.push(frame);
    }
  }
  return python ? frames.reverse() : frames;
}

/** Frames from multi-line text (`\r` or `\n` separated), innermost first. */
export function framesFromText(lines: readonly string[]): StackFrame[] {
  const frames: StackFrame[] = [];
  let python = false;
  for (const line of lines) {
    const frame = parseFrameLine(line);
    if (!frame) continue;
    if (line.includes('File "')) python = true;
    frames.push(frame);
  }
  return python ? frames.reverse() : frames;
}

export function topAppFrame(frames: readonly StackFrame[]): StackFrame | undefined {
  return frames.find((f) => f.inApp);
}
