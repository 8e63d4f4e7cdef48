import * as vscode from 'vscode';
import type { Alerts } from './alerts';
import { SLACK_SECRET, WEBHOOK_SECRET } from './alerts';
import type { CommandRegistrar } from './commandIds';

/** Webhook URLs are set through these commands into SecretStorage, never into settings. */
export function registerAlertCommands(alerts: Alerts, secrets: vscode.SecretStorage, register: CommandRegistrar): vscode.Disposable[] {
  const setUrl = (key: string, what: string, pattern: RegExp, example: string) => async (): Promise<void> => {
    const value = await vscode.window.showInputBox({
      title: `Lambdascope: ${what}`,
      prompt: `Kept in VS Code's secret storage, never in settings. Empty removes it. Example: ${example}`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v === '' || pattern.test(v.trim()) ? undefined : `Not a ${what.toLowerCase()}`),
    });
    if (value === undefined) return;
    if (value.trim() === '') {
      await secrets.delete(key);
      void vscode.window.showInformationMessage(`Lambdascope: the ${what.toLowerCase()} was removed.`);
      return;
    }
    await secrets.store(key, value.trim());
    const test = await vscode.window.showInformationMessage(`Lambdascope: the ${what.toLowerCase()} is set.`, 'Send a Test Alert');
    if (test) await vscode.commands.executeCommand('lambdascope.sendTestAlert');
  };
  return [
    register('lambdascope.setSlackWebhook', setUrl(SLACK_SECRET, 'Slack webhook URL', /^https:\/\/hooks\.slack(-gov)?\.com\/\S+$/, 'https://hooks.slack.com/services/T…/B…/…')),
    register('lambdascope.setAlertWebhook', setUrl(WEBHOOK_SECRET, 'Alert webhook URL', /^https?:\/\/\S+$/, 'https://alerts.example.com/lambdascope')),
    register('lambdascope.sendTestAlert', () => {
      const now = Date.now();
      alerts.deliver([
        { key: `test-${now}`, kind: 'newIssue', profile: 'Demo', region: 'us-east-1', functionName: 'checkout-api', title: 'Test alert from Lambdascope', detail: 'If you read this, alerts reach this channel.', at: now, issue: { fingerprint: 'test', count: 1, firstSeen: now, lastSeen: now, kind: 'error' } },
      ]);
    }),
  ];
}
