import { expectVisible, uiTest } from '../lib/workbench';

export default [
  uiTest({
    name: 'Analyze the Demo Account from the command palette shows the report webview',
    vsix: true,
    timeoutMs: 120_000,
    async run({ wb, screenshot }) {
      await wb.runCommand('Lambdascope: Analyze the Demo Account');
      await expectVisible(wb.editorTab('Lambdascope report'), 'the "Lambdascope report" editor tab', 60_000);
      await expectVisible(wb.webview().getByText('checkout-api').first(), '"checkout-api" in the report webview', 60_000);
      await screenshot('demo-report');
      await wb.closeAllEditors();
    },
  }),
];
