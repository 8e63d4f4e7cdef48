// The Functions explorer, the status bar and the editor with the Demo profile on. The first test
// turns the demo on from the welcome view (10-activity-bar.ts has checked it with the demo off);
// the others turn it on from the palette when they run alone (--grep).
import type { Locator } from '../lib/page';
import { expectHidden, expectVisible, uiTest, waitUntil, type Workbench } from '../lib/workbench';

/** The first poll of the Demo profile reads 1 h of simulated history: a few seconds. */
const FIRST_POLL_MS = 60_000;
const PIN = '📌';
/** checkout-api's row: `p99 347 ms · 5 issues · 0.6% cold · $1.55/mo`. */
const HEALTH = /^p99 .+ · \d+ issues? · .+% cold · \$.+\/mo$/;

async function expectText(locator: Locator, pattern: RegExp, what: string, timeoutMs = FIRST_POLL_MS): Promise<string> {
  let last = '';
  await waitUntil(
    async () => {
      last = ((await locator.textContent({ timeout: 1_000 }).catch(() => null)) ?? '').trim();
      return pattern.test(last);
    },
    () => `${what} to match ${pattern} (it reads "${last}")`,
    timeoutMs,
  );
  return last;
}

/** The explorer with the Demo profile loaded (turned on from the palette if it is not yet). */
async function demoShown(wb: Workbench): Promise<void> {
  await wb.openViewContainer('Lambdascope');
  if (!(await wb.treeRow('Demo').isVisible())) await wb.runCommand('Lambdascope: Try the Demo Account');
  await expectText(wb.treeRowDescription('checkout-api'), HEALTH, "checkout-api's description");
}

export default [
  uiTest({
    name: 'Try the Demo Account from the welcome view lists the demo functions with their health',
    vsix: true,
    timeoutMs: 120_000,
    async run({ wb, screenshot }) {
      await wb.openViewContainer('Lambdascope');
      const tryDemo = wb.welcomeButton('Try the Demo Account');
      await expectVisible(tryDemo, 'the "Try the Demo Account" button of the welcome view');
      await tryDemo.click();
      await expectHidden(tryDemo, 'the welcome view');

      await expectVisible(wb.treeRow('Demo'), 'the Demo profile row', FIRST_POLL_MS);
      await expectVisible(wb.treeRows.filter({ hasText: 'checkout-api' }).filter({ hasText: 'p99' }).first(), 'a checkout-api row with its p99', FIRST_POLL_MS);
      await expectText(wb.treeRowDescription('checkout-api'), HEALTH, "checkout-api's description");
      await expectText(wb.treeRowDescription('Demo'), /^\d+ issues?$/, "the Demo profile's description", 10_000);
      for (const idle of ['legacy-cron', 'pdf-exporter']) {
        await expectText(wb.treeRowDescription(idle), /^idle in this window$/, `${idle}'s description`, 10_000);
      }
      for (const name of ['orders-worker', 'image-resizer', 'report-generator', 'notifier']) {
        await expectVisible(wb.treeRow(name), `the ${name} row`, 10_000);
      }
      // Failing first: checkout-api is above the idle functions.
      const labels = await wb.treeRows.locator('.label-name').allInnerTexts();
      const at = (name: string): number => labels.findIndex((l) => l.trim() === name);
      if (!(at('checkout-api') >= 0 && at('checkout-api') < at('legacy-cron') && at('checkout-api') < at('pdf-exporter'))) {
        throw new Error(`expected checkout-api (failing) above the idle functions, the rows are ${JSON.stringify(labels)}`);
      }
      const width = await wb.resizeSideBar(520);
      await screenshot('explorer');
      await wb.resizeSideBar(width);
    },
  }),

  uiTest({
    name: 'the status bar shows the number of open issues',
    vsix: true,
    timeoutMs: 120_000,
    async run({ wb, screenshot }) {
      await demoShown(wb);
      const badge = wb.statusBarItem(/λ \d+/);
      await expectVisible(badge, 'the "λ N" status bar item', FIRST_POLL_MS);
      // The same count as the Demo profile row ("N issues"); both follow the same polls.
      let seen = '';
      await waitUntil(
        async () => {
          const count = /λ (\d+)/.exec(await badge.innerText())?.[1];
          const row = (await wb.treeRowDescription('Demo').innerText()).trim();
          seen = `status bar λ ${count}, Demo row "${row}"`;
          return count !== undefined && row === `${count} issue${count === '1' ? '' : 's'}`;
        },
        () => `the status bar count to equal the Demo profile's issues (${seen})`,
        10_000,
      );
      const label = (await badge.getAttribute('aria-label')) ?? '';
      if (!/^Lambdascope: \d+ open issues/.test(label)) throw new Error(`the status bar item's aria-label is "${label}"`);
      await screenshot('status-bar');
      // Clicking it shows the Issues view, its issues grouped by state.
      await badge.click();
      await expectVisible(wb.viewHeader(/Issues/), 'the Issues view header');
      await expectVisible(wb.sideBar.locator('.monaco-list-row[aria-label^="New: "], .monaco-list-row[aria-label^="Open: "]').first(), 'a New or Open group in the Issues view', 20_000);
      await screenshot('issues-view');
    },
  }),

  uiTest({
    name: 'the editor shows the diagnostic on orders.ts:64 and the CodeLens above the handler',
    vsix: true,
    timeoutMs: 150_000,
    async run({ wb, screenshot }) {
      await demoShown(wb);
      // The panel first, so that revealing a line below accounts for the editor's final height.
      await wb.openProblems();

      await wb.openFile('checkout-api/src/orders.ts');
      await wb.goToLine(64);
      const orders = wb.editor('orders.ts');
      await wb.expectOnLine(orders, wb.squiggles(orders, 'error'), 64, 'an error squiggle in orders.ts');

      await wb.runCommand('View: Split Editor Right');
      await wb.openFile('checkout-api/src/index.ts');
      await wb.goToLine(25); // export const handler = …
      const index = wb.editor('index.ts');
      const lens = wb.codeLenses(index, 'λ checkout-api');
      await expectVisible(lens, 'the "λ checkout-api" CodeLens in index.ts', 30_000);
      await expectText(lens, /^λ checkout-api · p99 .+ · [\d,]+ errors? in 1 h · .+% cold · \$.+\/mo/, 'the CodeLens', 10_000);
      await wb.expectOnLine(index, lens, 25, 'the CodeLens', { above: true, timeoutMs: 10_000 });

      const typeError = wb
        .problems('TypeError: Cannot read properties of undefined')
        .filter({ hasText: 'Lambdascope' })
        .filter({ hasText: '[Ln 64, ' })
        .first();
      await expectVisible(typeError, 'the TypeError at [Ln 64] from Lambdascope in the Problems panel', 30_000);
      await expectText(typeError, /× in checkout-api in the last hour/, 'the TypeError problem', 5_000);
      await screenshot('editor-diagnostics-codelens');

      await wb.closeAllEditors();
      await wb.hidePanel();
    },
  }),

  uiTest({
    name: 'the context menu pins and unpins a function',
    vsix: true,
    timeoutMs: 120_000,
    async run({ wb, screenshot }) {
      await demoShown(wb);
      const description = wb.treeRowDescription('checkout-api');
      await expectText(description, HEALTH, "checkout-api's description (not pinned)", 10_000);
      await wb.contextMenu(wb.treeRow('checkout-api'), 'Pin Function (always poll its logs)');
      await expectText(description, new RegExp(`^${PIN} p99 `), "checkout-api's description with the pin mark", 10_000);
      const width = await wb.resizeSideBar(520);
      await screenshot('pinned');
      await wb.resizeSideBar(width);
      // A pinned function's menu offers Unpin instead.
      await wb.contextMenu(wb.treeRow('checkout-api'), 'Unpin Function');
      await expectText(description, HEALTH, "checkout-api's description without the pin mark", 10_000);
    },
  }),
];
