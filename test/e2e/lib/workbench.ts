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
  /** The scratch HOME code-server runs with (its ~/.aws is where the extension reads profiles). */
  home: string;
  /** A moto server (AWS emulator), when one runs: LAMBDASCOPE_MOTO_URL, or one the runner started. */
  motoUrl: string | undefined;
  /**
   * Merges settings into the user settings (through VS Code's settings.json editor, which it opens,
   * saves and closes: the running VS Code applies them at once). A webview the editor covered
   * reloads: look it up again (`wb.webviewWith`) afterwards.
   */
  updateUserSettings(patch: Record<string, unknown>): Promise<void>;
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

  /** The header of a view in the side bar (a container with several views shows one per view). */
  viewHeader(name: string | RegExp): Locator {
    return this.sideBar.locator('.pane-header').filter({ hasText: name }).first();
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

  /**
   * The content frame of the webview in which `selector` is visible: with several webviews (a
   * split, or a hidden panel whose frame is kept), the one that shows it, e.g.
   * `await wb.webviewWith('#timeline-chart', 'the function panel')`. Waits for it.
   */
  async webviewWith(selector: string, what: string, timeoutMs = 30_000): Promise<FrameLocator> {
    const frames = this.page.locator('iframe.webview.ready');
    let found: FrameLocator | undefined;
    await waitUntil(
      async () => {
        for (let i = 0, n = await frames.count(); i < n; i++) {
          const frame = this.page.frameLocator('iframe.webview.ready').nth(i).frameLocator('#active-frame');
          if (await frame.locator(selector).first().isVisible().catch(() => false)) {
            found = frame;
            return true;
          }
        }
        return false;
      },
      `${what} (a webview showing ${selector})`,
      timeoutMs,
    );
    return found as FrameLocator;
  }

  /** Text of the notification toasts now on screen. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item').allInnerTexts();
  }

  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.part.statusbar .statusbar-item').filter({ hasText: text });
  }

  /**
   * Drags the sash at the side bar's edge so that the side bar is `width` px wide (so that tree
   * descriptions fit). Returns the width it had, to put it back.
   */
  async resizeSideBar(width: number): Promise<number> {
    await expectVisible(this.sideBar, 'side bar');
    const sidebar = await this.sideBar.boundingBox();
    const sash = await this.page.locator('.monaco-sash.vertical.primary-sidebar-sash').first().boundingBox();
    if (!sidebar || !sash) throw new Error('the side bar or its sash is not visible');
    if (Math.abs(sidebar.width - width) < 4) return sidebar.width;
    const x = sash.x + sash.width / 2;
    const y = sash.y + sash.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + (width - sidebar.width), y, { steps: 8 });
    await this.page.mouse.up();
    await waitUntil(async () => Math.abs(((await this.sideBar.boundingBox())?.width ?? 0) - width) < 8, `the side bar to be ${width} px wide`, 5_000);
    await this.parkMouse();
    // The sash's highlight fades out (a CSS transition): wait until it is gone, for screenshots.
    await this.page
      .waitForFunction(
        `(() => { const sash = document.querySelector('.monaco-sash.primary-sidebar-sash'); return !!sash && !sash.matches('.hover, .active') && getComputedStyle(sash, '::before').backgroundColor === 'rgba(0, 0, 0, 0)'; })()`,
        undefined,
        { timeout: 5_000 },
      )
      .catch(() => {
        throw new Error('the side bar sash stays highlighted after the resize');
      });
    return sidebar.width;
  }

  /** Moves the mouse to the window's top-left corner, where it hovers nothing (before a screenshot). */
  async parkMouse(): Promise<void> {
    await this.page.mouse.move(1, 1);
  }

  // --- views -------------------------------------------------------------------------------------

  /** A button of a view's welcome content (viewsWelcome), e.g. "Try the Demo Account". */
  welcomeButton(label: string): Locator {
    return this.sideBar.locator('.welcome-view-content .monaco-button').filter({ hasText: label }).first();
  }

  /** The rows of the tree views in the side bar. */
  get treeRows(): Locator {
    return this.sideBar.locator('.monaco-list-row');
  }

  /** The side-bar tree row whose label is exactly `label` (not one whose description mentions it). */
  treeRow(label: string): Locator {
    return this.treeRows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) }).first();
  }

  /** Expands a collapsed side-bar tree row with its twistie (a click on the label runs the row's command instead). */
  async expandTreeRow(label: string): Promise<void> {
    const row = this.treeRow(label);
    await expectVisible(row, `the "${label}" row`);
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    await waitUntil(async () => (await row.getAttribute('aria-expanded')) === 'true', `the "${label}" row to be expanded`, 10_000);
  }

  /** The description (the dimmed text after the label) of a side-bar tree row. */
  treeRowDescription(label: string): Locator {
    return this.treeRow(label).locator('.label-description');
  }

  /** Right-clicks `target` and runs `item` from its context menu (e.g. "Pin Function (always poll its logs)"). */
  async contextMenu(target: Locator, item: string): Promise<void> {
    await this.closeQuickInput();
    await target.click({ button: 'right' });
    const menu = this.page.locator('.context-view.monaco-menu-container');
    const label = this.page.locator('.action-label', { hasText: new RegExp(`^${escapeRegExp(item)}$`) });
    const entry = menu.locator('li.action-item').filter({ has: label }).first();
    try {
      await expectVisible(entry, `"${item}" in the context menu`, 10_000);
    } catch (error) {
      const shown = await menu.locator('.action-label').allInnerTexts().catch(() => []);
      await this.page.keyboard.press('Escape');
      throw new Error(`${firstLine(error)}; the menu has: ${JSON.stringify(shown.filter(Boolean))}`);
    }
    // A click on a menu item right after the menu opens is sometimes dropped: hover the item (that
    // focuses it), check that it is the focused one, and run it with Enter.
    await entry.hover();
    await expectVisible(menu.locator('li.action-item.focused').filter({ has: label }), `"${item}" focused in the context menu`, 5_000);
    await this.page.keyboard.press('Enter');
    await expectHidden(menu, 'the context menu', 10_000);
    await this.parkMouse();
  }

  // --- editors -----------------------------------------------------------------------------------

  /** Opens a workspace file through Quick Open (Ctrl+P), by its path relative to the workspace. */
  async openFile(relativePath: string): Promise<void> {
    const slash = relativePath.lastIndexOf('/');
    const name = relativePath.slice(slash + 1);
    const dir = slash >= 0 ? relativePath.slice(0, slash) : '';
    await this.quickOpen(relativePath);
    // Rows are labelled "<name> <folder>, file results"; more than one may match (orders.ts, orders.js…).
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const row = rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) }).filter({ hasText: dir }).first();
    await expectVisible(row, `"${relativePath}" in Quick Open`, 15_000);
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    await expectVisible(this.activeEditorTab(name), `the "${name}" editor tab, active`, 15_000);
  }

  /** Moves the cursor of the active editor to a 1-based line (Quick Open ":<line>"), which reveals it. */
  async goToLine(line: number): Promise<void> {
    await this.quickOpen(`:${line}`);
    await this.page.locator('.quick-input-widget .quick-input-box input').press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    await expectVisible(this.statusBarItem(new RegExp(`Ln ${line}, Col \\d+`)), `the cursor on line ${line}`, 10_000);
  }

  private async quickOpen(text: string): Promise<void> {
    await this.closeQuickInput();
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await expectVisible(input, 'Quick Open');
    await input.fill(text);
  }

  /** The active tab of an editor group, by its file name. */
  activeEditorTab(name: string): Locator {
    return this.page.locator(`.part.editor ${activeTab(name)}`).first();
  }

  /** The text editor of the group whose active tab is the file `label`. */
  editor(label: string): Locator {
    return this.page
      .locator('.part.editor .editor-group-container')
      // A `has` locator is matched inside the group: no `.part.editor` ancestor in its selector.
      .filter({ has: this.page.locator(activeTab(label)) })
      .locator('.editor-container .monaco-editor')
      .first();
  }

  /** Diagnostic squiggles drawn in an editor (only on its visible lines). */
  squiggles(editor: Locator, severity: 'error' | 'warning' | 'info' = 'error'): Locator {
    return editor.locator(`.view-overlays .squiggly-${severity}`);
  }

  /** The line number shown in an editor's gutter for a 1-based line (only when the line is visible). */
  lineNumber(editor: Locator, line: number): Locator {
    return editor.locator('.margin-view-overlays .line-numbers').filter({ hasText: new RegExp(`^\\s*${line}\\s*$`) }).first();
  }

  /**
   * Waits until one of `marks` is drawn on the 1-based `line` of `editor` (squiggles), or just above
   * it (`above`: CodeLenses, drawn in a zone between the line and the one before).
   */
  async expectOnLine(editor: Locator, marks: Locator, line: number, what: string, options: { above?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const seen: string[] = [];
    await waitUntil(
      async () => {
        const gutter = await this.lineNumber(editor, line).boundingBox().catch(() => null);
        if (!gutter) return false;
        seen.length = 0;
        for (let i = 0, n = await marks.count(); i < n; i++) {
          const box = await marks.nth(i).boundingBox().catch(() => null);
          if (!box) continue;
          const on = box.y >= gutter.y - 2 && box.y < gutter.y + gutter.height;
          const above = box.y + box.height <= gutter.y + 2 && box.y >= gutter.y - 2 * gutter.height;
          if (options.above ? above : on) return true;
          seen.push(`${Math.round(box.y - gutter.y)} px from line ${line}`);
        }
        return false;
      },
      () => `${what} ${options.above ? 'above' : 'on'} line ${line} (${seen.length ? `seen at ${seen.join(', ')}` : 'none seen, or the line is not visible'})`,
      options.timeoutMs ?? 30_000,
    );
  }

  /** CodeLenses drawn in an editor (only above its visible lines). */
  codeLenses(editor: Locator, text?: string | RegExp): Locator {
    const lenses = editor.locator('.codelens-decoration');
    return text === undefined ? lenses : lenses.filter({ hasText: text });
  }

  // --- panel -------------------------------------------------------------------------------------

  /** Opens the Problems panel. */
  async openProblems(): Promise<void> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await expectVisible(this.page.locator('.part.panel .markers-panel'), 'the Problems panel');
  }

  /** Problems rows; each row's aria-label reads "Error: <message> at line L and character C. … generated by <source>". */
  problems(text?: string | RegExp): Locator {
    const rows = this.page.locator('.part.panel .markers-panel .monaco-list-row');
    return text === undefined ? rows : rows.filter({ hasText: text });
  }

  async hidePanel(): Promise<void> {
    if (await this.page.locator('.part.panel').isVisible()) await this.runCommand('View: Hide Panel');
  }
}

/** Polls `probe` (every 200 ms) until it returns true; the error says what was awaited. */
export async function waitUntil(probe: () => Promise<boolean> | boolean, what: string | (() => string), timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
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

function activeTab(name: string): string {
  return `.tabs-container .tab.active[data-resource-name="${cssString(name)}"]`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cssString(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}
