// Cost and findings with the Demo profile: the Cost view, report-generator's finding in the explorer,
// and its quick fix applied the way a user does it (Ctrl+. on the squiggle in template.yaml). VS Code
// saves files a code action edits (files.refactoring.autoSave): the test puts the original back.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectVisible, uiTest, waitUntil, type Workbench } from '../lib/workbench';

const FIRST_POLL_MS = 60_000;
// The runner starts from the repository's root (npm run test:e2e, .ci/run).
const TEMPLATE = join(process.cwd(), 'test', 'workspace', 'template.yaml');

async function demoShown(wb: Workbench): Promise<void> {
  await wb.openViewContainer('Lambdascope');
  if (!(await wb.treeRow('Demo').isVisible())) await wb.runCommand('Lambdascope: Try the Demo Account');
  await expectVisible(wb.treeRows.filter({ hasText: 'report-generator' }).filter({ hasText: '/mo' }).first(), 'report-generator with its figures', FIRST_POLL_MS);
}

export default [
  uiTest({
    name: 'report-generator shows its memory finding in the explorer and in the Cost view, and its quick fix rewrites MemorySize in template.yaml',
    timeoutMs: 180_000,
    async run({ wb, page, screenshot }) {
      await demoShown(wb);
      // Earlier tests leave rows expanded: collapse the explorer so that report-generator's children
      // are rendered (the list only draws the rows in view).
      await wb.viewHeader(/Functions/).hover();
      await wb.viewHeader(/Functions/).locator('.action-label[aria-label="Collapse All"]').click();
      await wb.expandTreeRow('Demo');
      await wb.expandTreeRow('report-generator');
      await expectVisible(wb.treeRows.filter({ hasText: /Memory over-provisioned: 2048 MB, \d+ MB used/ }).first(), 'the memory finding under report-generator', FIRST_POLL_MS);
      await expectVisible(wb.sideBar.getByText('Free tier:', { exact: false }).first(), 'the Cost view\'s free tier line', FIRST_POLL_MS);
      const width = await wb.resizeSideBar(560);
      await screenshot('explorer-findings-cost');
      await wb.resizeSideBar(width);

      const original = readFileSync(TEMPLATE, 'utf8');
      const line = original.split('\n').findIndex((l) => l.trim() === 'MemorySize: 2048') + 1;
      if (line <= 0) throw new Error('MemorySize: 2048 is not in test/workspace/template.yaml');
      try {
        await wb.openFile('template.yaml');
        await wb.goToLine(line);
        const editor = wb.editor('template.yaml');
        await wb.expectOnLine(editor, wb.squiggles(editor, 'info'), line, "the finding's squiggle on MemorySize", { timeoutMs: FIRST_POLL_MS });
        // Into the value (the diagnostic's range), then the quick-fix menu.
        await page.keyboard.press('End');
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('Control+.');
        const fix = page.locator('.action-widget .monaco-list-row').filter({ hasText: /^Set MemorySize to \d+$/ }).first();
        await expectVisible(fix, 'the "Set MemorySize to …" quick fix', 15_000);
        const value = /\d+$/.exec((await fix.innerText()).trim())?.[0] ?? '';
        await screenshot('template-quick-fix');
        await fix.click();
        // Only that line changes; every comment and the rest of the file stay as they were.
        const expected = original.replace(/^( +MemorySize: )2048$/m, `$1${value}`);
        await waitUntil(() => readFileSync(TEMPLATE, 'utf8') === expected, `template.yaml to read MemorySize: ${value} and be otherwise unchanged`, 10_000);
        await waitUntil(async () => (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ').includes(`MemorySize: ${value}`), `the editor to show MemorySize: ${value}`, 10_000);
      } finally {
        if (readFileSync(TEMPLATE, 'utf8') !== original) writeFileSync(TEMPLATE, original);
      }
      await wb.closeAllEditors();
    },
  }),
];
