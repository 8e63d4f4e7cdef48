// Finds where a handler is declared by scanning lines, not by parsing: the file may be TypeScript, modern
// JavaScript, Python, Java or Go, may not compile at all, and a good-enough line beats a parser per language.
import type { SourceLanguage } from './handlerString';

/** The 0-based line declaring `symbol`, or undefined when no line does. */
export function findSymbolLine(text: string, language: SourceLanguage, symbol: string): number | undefined {
  if (!/^[\w$]+$/.test(symbol)) return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  switch (language) {
    case 'node':
      return nodeDeclaration(lines, symbol);
    case 'python': {
      const name = escape(symbol);
      return firstMatch(lines, [new RegExp(`^(?:async\\s+)?def\\s+${name}\\s*\\(`), new RegExp(`^${name}\\s*=`), new RegExp(`^\\s+(?:async\\s+)?def\\s+${name}\\s*\\(`)]);
    }
    case 'java':
      return javaDeclaration(lines, symbol);
    case 'go':
      return firstMatch(lines, [new RegExp(`^func\\s+(?:\\([^)]*\\)\\s*)?${escape(symbol)}\\s*\\(`)]);
  }
}

function escape(name: string): string {
  return name.replace(/\$/g, '\\$');
}

function firstMatch(lines: readonly string[], patterns: readonly RegExp[]): number | undefined {
  for (const pattern of patterns) {
    const i = lines.findIndex((line) => pattern.test(line));
    if (i >= 0) return i;
  }
  return undefined;
}

function nodeDeclaration(lines: readonly string[], symbol: string): number | undefined {
  const name = escape(symbol);
  const exported = firstMatch(lines, [
    new RegExp(`^\\s*export\\s+(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${name}\\s*[(<]`),
    new RegExp(`^\\s*export\\s+(?:const|let|var)\\s+${name}\\b`),
    new RegExp(`^\\s*export\\s+(?:default\\s+)?class\\s+${name}\\b`),
  ]);
  if (exported !== undefined) return exported;
  // CommonJS. tsc's output starts with `exports.handler = void 0;` placeholders: not the declaration.
  const assigned = new RegExp(`^\\s*(?:module\\.)?exports\\s*(?:\\.${name}|\\[\\s*['"]${name}['"]\\s*\\])\\s*=(?!\\s*void 0\\b)\\s*(.*)$`);
  for (let i = 0; i < lines.length; i++) {
    const m = assigned.exec(lines[i] ?? '');
    if (!m) continue;
    // `exports.handler = handler;`: the function is declared above.
    const alias = /^([\w$]+)\s*;?\s*$/.exec(m[1] ?? '');
    return (alias?.[1] !== undefined ? localDeclaration(lines, alias[1]) : undefined) ?? i;
  }
  // `export { main as handler }` and `module.exports = { handler }`: the declaration is the local one.
  const indirect = exportList(lines, symbol) ?? commonJsObject(lines, symbol);
  if (indirect !== undefined) return localDeclaration(lines, indirect.local) ?? indirect.line;
  // Bundles export through helpers (`__export(x, { handler: () => handler })`) but keep the declaration.
  return localDeclaration(lines, symbol);
}

function localDeclaration(lines: readonly string[], local: string): number | undefined {
  const name = escape(local);
  return firstMatch(lines, [
    new RegExp(`^\\s*(?:export\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${name}\\s*[(<]`),
    new RegExp(`^\\s*(?:export\\s+)?(?:const|let|var)\\s+${name}\\b`),
    new RegExp(`^\\s*(?:export\\s+)?class\\s+${name}\\b`),
  ]);
}

function exportList(lines: readonly string[], symbol: string): { line: number; local: string } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*export\s*\{([^}]*)\}/.exec(lines[i] ?? '');
    if (!m?.[1]) continue;
    for (const specifier of m[1].split(',')) {
      const [local = '', exported = local] = specifier.trim().split(/\s+as\s+/);
      if (exported.trim() === symbol) return { line: i, local: local.trim() };
    }
  }
  return undefined;
}

function commonJsObject(lines: readonly string[], symbol: string): { line: number; local: string } | undefined {
  const start = lines.findIndex((line) => /^\s*module\.exports\s*=\s*\{/.test(line));
  if (start < 0) return undefined;
  const key = new RegExp(`(?:^|[{,\\s])${escape(symbol)}\\s*(?::\\s*([\\w$]+))?\\s*(?:,|}|$)`);
  for (let i = start; i < lines.length && i < start + 200; i++) {
    const line = lines[i] ?? '';
    const text = i === start ? line.slice(line.indexOf('{') + 1) : line;
    const m = key.exec(text);
    if (m) return { line: i, local: m[1] ?? symbol };
    if (text.includes('}')) break;
  }
  return undefined;
}

// A method declaration: modifiers and a return type before the name, and no `return`/`new`/`.` that
// would make it a call. Kotlin's `fun name(` too, for handlers written in Kotlin.
const NOT_A_DECLARATION = /^\s*(?:(?:return|new|throw|else|case|yield|await)\b|\/\/|\*|\/\*)/;

function javaDeclaration(lines: readonly string[], symbol: string): number | undefined {
  const name = escape(symbol);
  const method = new RegExp(`^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|static|final|synchronized|abstract|default|native)\\s+)*[\\w$.<>\\[\\], ?]*[\\w$>\\]]\\s+${name}\\s*\\(`);
  const kotlin = new RegExp(`^\\s*(?:(?:public|private|internal|protected|override|open|suspend)\\s+)*fun\\s+${name}\\s*\\(`);
  const i = lines.findIndex((line) => !NOT_A_DECLARATION.test(line) && (method.test(line) || kotlin.test(line)));
  return i >= 0 ? i : undefined;
}
