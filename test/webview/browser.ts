// Headless Chromium through playwright-core, which lives with the e2e toolchain (not in the
// extension's dependencies): LAMBDASCOPE_E2E_CACHE, else <repo>/.e2e, else /work/main/.e2e.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface PlaywrightChromium {
  launch(options: { executablePath: string; headless: boolean; args?: string[] }): Promise<unknown>;
}

export type Found = { readonly chromium: PlaywrightChromium; readonly executablePath: string } | { readonly skipped: string };

export function findBrowser(repoRoot: string): Found {
  const caches = [process.env.LAMBDASCOPE_E2E_CACHE, join(repoRoot, '.e2e'), '/work/main/.e2e'].filter((c): c is string => !!c);
  const module = caches.map((c) => join(c, 'tools', 'node_modules', 'playwright-core')).find((p) => existsSync(join(p, 'package.json')));
  if (!module) return { skipped: `playwright-core not found under ${caches.map((c) => join(c, 'tools/node_modules')).join(', ')} (run test/e2e/setup.sh)` };
  const executablePath = process.env.LAMBDASCOPE_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return { skipped: `no Chromium at ${executablePath} (apt-get install chromium, or set LAMBDASCOPE_CHROMIUM)` };
  // createRequire: an ordinary require() by a computed path, which bundlers leave alone.
  const req = createRequire(__filename);
  const pw = req(module) as { chromium: PlaywrightChromium };
  return { chromium: pw.chromium, executablePath };
}

/** The few playwright-core calls the harness and the bench make (its types are not installed here). */
export interface PwBrowser {
  newPage(options?: { viewport?: { width: number; height: number }; deviceScaleFactor?: number }): Promise<PwPage>;
  close(): Promise<void>;
}

export interface PwPage {
  goto(url: string): Promise<unknown>;
  /** Browser-side code as text: this node program has no DOM types. */
  evaluate<R>(expression: string): Promise<R>;
  waitForFunction(expression: string, arg?: undefined, options?: { timeout?: number }): Promise<unknown>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  focus(selector: string): Promise<void>;
  click(selector: string): Promise<void>;
  on(event: 'console', handler: (msg: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', handler: (error: Error) => void): void;
  keyboard: { press(key: string): Promise<void>; down(key: string): Promise<void>; up(key: string): Promise<void> };
  mouse: { click(x: number, y: number): Promise<void>; move(x: number, y: number, o?: { steps?: number }): Promise<void>; down(): Promise<void>; up(): Promise<void>; wheel(dx: number, dy: number): Promise<void> };
  close(): Promise<void>;
}

export async function launch(found: { chromium: PlaywrightChromium; executablePath: string }): Promise<PwBrowser> {
  return (await found.chromium.launch({ executablePath: found.executablePath, headless: true, args: ['--no-sandbox'] })) as PwBrowser;
}
