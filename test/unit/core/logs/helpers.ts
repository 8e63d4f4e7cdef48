// Shared by the line-parsing tests: fixture loading and a way to compare parse results on the
// properties they carry (an absent field and a field set to `undefined` mean the same thing here).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppLine, ParsedLine } from '../../../../src/core/logs/parsedLine';
import type { StackFrame } from '../../../../src/core/issues/stackFrames';

export const FIXTURES = resolve(__dirname, '../../../fixtures/logs');
export const PUBLIC_SAMPLES = join(FIXTURES, 'public');

/** Copy of `value` without properties whose value is `undefined` (recursively, arrays kept). */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => compact(v)) as unknown as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = compact(v);
    return out as T;
  }
  return value;
}

/** The lines of a fixture file, `#` comment lines (source notes) left out. */
export function fixtureLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'));
}

export function publicSampleFiles(): string[] {
  return readdirSync(PUBLIC_SAMPLES)
    .filter((name) => name.endsWith('.txt'))
    .sort();
}

/** Narrow a parse result to an application line, failing the test otherwise. */
export function asApp(line: ParsedLine): AppLine {
  if (line.kind !== 'app') throw new Error(`expected an app line, got ${JSON.stringify(line)}`);
  return line;
}

/** The fields of a frame that the issue view uses (everything but `raw`). */
export function frameFields(frame: StackFrame): Omit<StackFrame, 'raw'> {
  const { raw: _raw, ...rest } = frame;
  return compact(rest);
}

export const REQUEST_ID = '4ce9340a-b765-490f-ad8a-02ab3415e2bf';
export const TIME = '2024-03-05T10:11:12.345Z';
/** U+00A0, the indentation Python's runtime puts in front of traceback lines. */
export const NBSP = '\u00a0';
