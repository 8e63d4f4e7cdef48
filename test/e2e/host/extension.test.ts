import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { afterEach, suite, test, waitFor } from './harness';

const EXTENSION_ID = 'lambdascope.lambdascope';

function webviewTabs(viewType: string): vscode.Tab[] {
  // The host prefixes a panel's view type (e.g. "mainThreadWebview-lambdascope.report").
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType));
}

afterEach(async () => {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

suite('extension', () => {
  test('is installed from the development path and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among the installed extensions`);
    await extension.activate();
    assert.equal(extension.isActive, true);
    assert.equal(extension.packageJSON.name, 'lambdascope');
  });

  test('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['lambdascope.analyzeFile', 'lambdascope.analyzeDemo']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });

  test('contributes the Functions view in the Lambdascope container', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const contributes = extension.packageJSON.contributes as {
      viewsContainers: { activitybar: { id: string }[] };
      views: Record<string, { id: string }[]>;
    };
    assert.ok(contributes.viewsContainers.activitybar.some((c) => c.id === 'lambdascope'));
    assert.ok(contributes.views.lambdascope?.some((v) => v.id === 'lambdascope.functions'));
  });
});

suite('analyze the demo account', () => {
  test(
    'opens the report in a webview panel, reused on a second run',
    async () => {
      await vscode.commands.executeCommand('lambdascope.analyzeDemo');
      const [tab] = await waitFor(() => {
        const tabs = webviewTabs('lambdascope.report');
        return tabs.length > 0 && tabs;
      }, 'a lambdascope.report webview tab');
      assert.equal(tab?.label, 'Lambdascope report');
      assert.equal(tab?.isActive, true);

      await vscode.commands.executeCommand('lambdascope.analyzeDemo');
      assert.equal(webviewTabs('lambdascope.report').length, 1, 'a second run opened a second panel');
    },
    { timeoutMs: 90_000 },
  );
});
