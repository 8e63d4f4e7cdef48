// Handler strings as the Lambda runtimes read them (reference: lambda-logs-apis-pricing.md, "Handler strings").
import { joinPath, normalizePath } from './posixPath';

export type SourceLanguage = 'node' | 'python' | 'java' | 'go';

export interface HandlerSpec {
  readonly language: SourceLanguage;
  /** Files the handler may live in, relative to the function's code root, best first. */
  readonly files: readonly string[];
  /** The declaration to look for: export name, function or method. */
  readonly symbol: string;
}

// Sources before compiled output: when both `index.ts` and `index.js` exist, the user edits the TypeScript.
export const NODE_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs'] as const;

export function languageOfRuntime(runtime: string | undefined): SourceLanguage | undefined {
  if (!runtime) return undefined;
  if (runtime.startsWith('nodejs')) return 'node';
  if (runtime.startsWith('python')) return 'python';
  if (runtime.startsWith('java')) return 'java';
  if (runtime.startsWith('go') || runtime.startsWith('provided')) return 'go';
  return undefined;
}

/**
 * The specs a handler string can mean. With a known runtime there is one; without, a `::` says Java
 * and anything else is tried as Node.js, then Python (both read `file.function`).
 */
export function handlerSpecs(runtime: string | undefined, handler: string | undefined): HandlerSpec[] {
  const language = languageOfRuntime(runtime);
  if (language === 'go') return [goSpec()];
  if (!handler) return [];
  const text = handler.trim();
  const parsed = (lang: SourceLanguage): HandlerSpec | undefined =>
    lang === 'node' ? nodeSpec(text) : lang === 'python' ? pythonSpec(text) : lang === 'java' ? javaSpec(text) : goSpec();
  if (language) return [parsed(language)].filter((s): s is HandlerSpec => s !== undefined);
  if (runtime !== undefined) return []; // .NET, Ruby, …: not mapped.
  const guesses: SourceLanguage[] = text.includes('::') ? ['java'] : ['node', 'python'];
  return guesses.map(parsed).filter((s): s is HandlerSpec => s !== undefined);
}

/** `path/to/file.export`: the module is the basename up to its first dot, the rest may be nested (`a.b`). */
export function nodeSpec(handler: string): HandlerSpec | undefined {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot < 0 || dot === handler.length - 1) return undefined;
  const modulePath = normalizePath(handler.slice(0, dot));
  // The runtime rejects `..`; an absolute path (`/opt/…`, a layer's wrapper) is not workspace code.
  if (handler.startsWith('/') || modulePath.split('/').includes('..') || modulePath === '') return undefined;
  const exportPath = handler.slice(dot + 1);
  const files = [
    ...NODE_EXTENSIONS.map((ext) => `${modulePath}${ext}`),
    // The runtime's extensionless `require` also loads a folder's index file.
    ...NODE_EXTENSIONS.map((ext) => joinPath(modulePath, `index${ext}`)),
  ];
  return { language: 'node', files, symbol: exportPath.split('.')[0] ?? exportPath };
}

/** `pkg/module.function` or `pkg.module.function` (the runtime splits at the last dot). */
export function pythonSpec(handler: string): HandlerSpec | undefined {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1 || handler.startsWith('/') || handler.includes('..')) return undefined;
  const modulePath = handler.slice(0, dot).split(/[./]/).filter((s) => s.length > 0);
  if (modulePath.length === 0 || modulePath.some((s) => !/^[\w-]+$/.test(s))) return undefined;
  const path = modulePath.join('/');
  return { language: 'python', files: [`${path}.py`, `${path}/__init__.py`], symbol: handler.slice(dot + 1) };
}

/** `pkg.Class::method`, or `pkg.Class` for a `RequestHandler`/`RequestStreamHandler` (its `handleRequest`). */
export function javaSpec(handler: string): HandlerSpec | undefined {
  const [classPart = '', method = 'handleRequest'] = handler.split('::');
  if (!/^[\w$.]+$/.test(classPart) || method.length === 0) return undefined;
  const segments = classPart.split('.');
  // A nested class (`Outer$Inner`) lives in its outer class's file.
  const className = (segments.pop() ?? '').split('$')[0] ?? '';
  if (className === '') return undefined;
  const pkg = segments.join('/');
  const java = joinPath(pkg, `${className}.java`);
  const kotlin = joinPath(pkg, `${className}.kt`);
  return {
    language: 'java',
    files: [joinPath('src/main/java', java), joinPath('src/main/kotlin', kotlin), joinPath('src', java), java, kotlin],
    symbol: method,
  };
}

/** Go and custom runtimes run an executable (`bootstrap`): the nearest source is the code root's main package. */
function goSpec(): HandlerSpec {
  return { language: 'go', files: ['main.go'], symbol: 'main' };
}
