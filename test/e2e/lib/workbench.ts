// What a UI test (test/e2e/ui/*.ts) gets: the workbench page and helpers over VS Code's DOM, with
// selectors that work on code-server 4.139 (VS Code 1.139). Keep selectors here, not in tests, so
// that a VS Code upgrade is fixed in one place.
import type { FrameLocator, Locator, Page } from './page';

/** 'dev': the extension loaded from the repo (extensionDevelopmentPath); 'vsix': the packaged one, installed. */
export type Phase = 'dev' | 'vsix';

export interface UiContext {
  page: Page;
  wb: Workbench;
  phase: Phase;
  /** Saves test-results/e2e/<phase>-<name>.png. */
  screenshot(name: string): Promise<string>;
  log(message: string): void;
}

export interface UiTest {
  name: string;
  /** Also run against the installed .vsix (default: only against the development extension). */
  vsix?: boolean;
  /** Default 90 s. */
  timeoutMs?: number;
  run(ctx: UiContext): Promise<void>;
}

/** Identity, for types: `export default [uiTest({ name, run }), …]`. */
export function uiTest(test: UiTest): UiTest {
  return test;
}

export class Workbench {
  constructor(readonly page: Page) {}

  get workbench(): Locator {
    return this.page.locator('.monaco-workbench');
  }

  get sideBar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  get editorTabs(): Locator {
    return this.page.locator('.part.editor .tabs-container .tab');
  }

  /** The activity-bar entry whose title starts with `title` (e.g. "Lambdascope"). */
  activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar .action-item a[aria-label^="${cssString(title)}"]`).first();
  }

  /** Opens the view container from the activity bar (clicking an open one would close it). */
  async openViewContainer(title: string): Promise<void> {
    const item = this.activityBarItem(title);
    await expectVisible(item, `activity-bar item "${title}"`);
    const open = this.page.locator(`.part.activitybar .action-item.checked a[aria-label^="${cssString(title)}"]`);
    if ((await open.count()) === 0) await item.click();
    await expectVisible(this.sideBar, 'side bar');
  }

  /** The side bar's title, e.g. "LAMBDASCOPE: FUNCTIONS" (upper-cased by CSS only: compare case-insensitively). */
  get sideBarTitle(): Locator {
    return this.sideBar.locator('.composite.title').first();
  }

  /** Runs a command from the palette by its label as shown there, e.g. "Lambdascope: Analyze the Demo Account". */
  async runCommand(label: string): Promise<void> {
    await this.closeQuickInput();
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await expectVisible(input, 'command palette');
    await input.fill(`>${label}`);
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ hasText: label })
      .first();
    await expectVisible(row, `command "${label}" in the palette`);
    // The first row must be the one we mean, or Enter would run another command.
    const first = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    const firstLabel = (await first.getAttribute('aria-label')) ?? (await first.innerText());
    if (!firstLabel.includes(label)) await row.click();
    else await input.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  }

  async closeQuickInput(): Promise<void> {
    if (await this.page.locator('.quick-input-widget').isVisible()) await this.page.keyboard.press('Escape');
  }

  async focusWorkbench(): Promise<void> {
    await this.page.locator('.part.statusbar').click({ position: { x: 2, y: 2 } });
  }

  async closeAllEditors(): Promise<void> {
    await this.runCommand('View: Close All Editors');
  }

  /** An editor tab by its label. */
  editorTab(label: string | RegExp): Locator {
    return this.editorTabs.filter({ hasText: label });
  }

  /**
   * The content of a webview (its inner #active-frame), the last one opened by default. Webviews
   * render asynchronously: wait on a locator inside it.
   */
  webview(index: 'last' | number = 'last'): FrameLocator {
    const frames = this.page.frameLocator('iframe.webview.ready');
    return (index === 'last' ? frames.last() : frames.nth(index)).frameLocator('#active-frame');
  }

  /** Text of the notification toasts now on screen. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item').allInnerTexts();
  }

  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.part.statusbar .statusbar-item').filter({ hasText: text });
  }
}

/** Waits for `locator` to be visible; the error says what was missing. */
export async function expectVisible(locator: Locator, what: string, timeoutMs = 30_000): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (error) {
    throw new Error(`expected ${what} to be visible within ${timeoutMs} ms (${firstLine(error)})`);
  }
}

/** Waits for `locator` to be hidden or gone. */
export async function expectHidden(locator: Locator, what: string, timeoutMs = 30_000): Promise<void> {
  try {
    await locator.waitFor({ state: 'hidden', timeout: timeoutMs });
  } catch (error) {
    throw new Error(`expected ${what} to disappear within ${timeoutMs} ms (${firstLine(error)})`);
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
}

function cssString(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}
