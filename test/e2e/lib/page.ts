// The part of playwright-core's API that UI tests use, as types only. playwright-core itself lives in
// the e2e toolchain (.e2e/tools, installed by test/e2e/setup.sh), not in the repo's node_modules, so
// that `npm run typecheck` works without it; at run time the objects are playwright-core's own.
// Need a method that is not here? Add it, with the signature from playwright-core's types.d.ts.

export type WaitState = 'attached' | 'detached' | 'visible' | 'hidden';
export interface TimeoutOption {
  timeout?: number;
}
export interface TextFilter {
  hasText?: string | RegExp;
  hasNotText?: string | RegExp;
  /** Keeps elements that contain a match of this locator (relative to them). */
  has?: Locator;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Locator {
  click(options?: TimeoutOption & { force?: boolean; button?: 'left' | 'right' | 'middle'; position?: { x: number; y: number } }): Promise<void>;
  dblclick(options?: TimeoutOption): Promise<void>;
  hover(options?: TimeoutOption): Promise<void>;
  fill(value: string, options?: TimeoutOption): Promise<void>;
  press(key: string, options?: TimeoutOption): Promise<void>;
  focus(options?: TimeoutOption): Promise<void>;
  waitFor(options?: TimeoutOption & { state?: WaitState }): Promise<void>;
  isVisible(): Promise<boolean>;
  count(): Promise<number>;
  textContent(options?: TimeoutOption): Promise<string | null>;
  innerText(options?: TimeoutOption): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  getAttribute(name: string, options?: TimeoutOption): Promise<string | null>;
  screenshot(options?: TimeoutOption & { path?: string }): Promise<unknown>;
  /** Null when the element is not visible. */
  boundingBox(options?: TimeoutOption): Promise<Box | null>;
  /** Runs `fn` in the element's page (or webview frame) with the element; `fn` is serialized: keep it self-contained. */
  evaluate<R, A = unknown>(fn: (element: unknown, arg: A) => R | Promise<R>, arg?: A, options?: TimeoutOption): Promise<R>;
  first(): Locator;
  last(): Locator;
  nth(index: number): Locator;
  filter(options: TextFilter): Locator;
  locator(selector: string, options?: TextFilter): Locator;
  getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  getByLabel(text: string | RegExp, options?: { exact?: boolean }): Locator;
  getByTitle(text: string | RegExp, options?: { exact?: boolean }): Locator;
}

export interface FrameLocator {
  locator(selector: string, options?: TextFilter): Locator;
  getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  frameLocator(selector: string): FrameLocator;
  first(): FrameLocator;
  last(): FrameLocator;
  nth(index: number): FrameLocator;
  owner(): Locator;
}

export interface Keyboard {
  press(key: string, options?: { delay?: number }): Promise<void>;
  type(text: string, options?: { delay?: number }): Promise<void>;
  insertText(text: string): Promise<void>;
}

export interface Mouse {
  move(x: number, y: number, options?: { steps?: number }): Promise<void>;
  down(options?: { button?: 'left' | 'right' | 'middle' }): Promise<void>;
  up(options?: { button?: 'left' | 'right' | 'middle' }): Promise<void>;
}

export interface Page {
  keyboard: Keyboard;
  mouse: Mouse;
  url(): string;
  title(): Promise<string>;
  locator(selector: string, options?: TextFilter): Locator;
  getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  frameLocator(selector: string): FrameLocator;
  screenshot(options?: TimeoutOption & { path?: string; fullPage?: boolean }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  waitForFunction(fn: string | (() => unknown), arg?: unknown, options?: TimeoutOption & { polling?: number | 'raf' }): Promise<unknown>;
  evaluate<R>(fn: string | (() => R | Promise<R>)): Promise<R>;
}
