// A small test harness for the extension host (test/e2e/host/*.test.ts). Tests run one after another
// inside VS Code's real extension host, against the real `vscode` API. The extension host's console
// goes to the browser, so results are written, one JSON line per test, to the file that
// test/e2e/run.mjs reads (LAMBDASCOPE_E2E_RESULTS).
import { appendFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

type TestFn = () => void | Promise<void>;
interface Case {
  name: string;
  fn: TestFn;
  timeoutMs: number;
}

const cases: Case[] = [];
const suiteNames: string[] = [];
const afterEachHooks: TestFn[] = [];

/** Groups tests under a name ("suite › test"); registration is synchronous. */
export function suite(name: string, body: () => void): void {
  suiteNames.push(name);
  try {
    body();
  } finally {
    suiteNames.pop();
  }
}

/** Registers a test. Default timeout 30 s. */
export function test(name: string, fn: TestFn, options: { timeoutMs?: number } = {}): void {
  cases.push({ name: [...suiteNames, name].join(' › '), fn, timeoutMs: options.timeoutMs ?? 30_000 });
}

/** Runs after every test, passed or failed (e.g. to close editors). */
export function afterEach(fn: TestFn): void {
  afterEachHooks.push(fn);
}

/**
 * Polls `probe` until it returns a value other than undefined/false, or throws after `timeoutMs`.
 * `what` names what was awaited; as a function it is evaluated on timeout (to say what was seen).
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string | (() => string),
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function withTimeout(fn: TestFn, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    Promise.resolve()
      .then(fn)
      .then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Runs the registered tests; resolves when all passed, rejects (non-zero exit) otherwise. */
export async function runAll(resultsFile: string, grep?: string): Promise<void> {
  const selected = grep ? cases.filter((c) => c.name.includes(grep)) : cases;
  const write = (record: object): void => appendFileSync(resultsFile, `${JSON.stringify(record)}\n`);
  writeFileSync(resultsFile, '');
  write({ type: 'start', total: selected.length, vscodeVersion: vscode.version });
  let failed = 0;
  for (const c of selected) {
    const started = Date.now();
    let error: string | undefined;
    try {
      await withTimeout(c.fn, c.timeoutMs);
    } catch (e) {
      error = describe(e);
    }
    for (const hook of afterEachHooks) {
      try {
        await withTimeout(hook, 10_000);
      } catch (e) {
        error = `${error ? `${error}\n` : ''}afterEach: ${describe(e)}`;
      }
    }
    if (error) failed++;
    write({ type: 'test', name: c.name, ok: !error, ms: Date.now() - started, error });
  }
  write({ type: 'end', passed: selected.length - failed, failed });
  if (failed > 0) throw new Error(`${failed} of ${selected.length} extension-host tests failed`);
}
