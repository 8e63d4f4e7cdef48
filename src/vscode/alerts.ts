import * as vscode from 'vscode';
import { AlertDispatcher, type Channel } from '../alerts/alertDispatcher';
import type { Alert } from '../core/alerts/alertEngine';
import type { AlertLinks } from '../core/alerts/alertMessages';
import { parseAlertRules, type AlertRule } from '../core/alerts/alertRules';
import { visibleText } from '../core/health/figureText';
import type { WatchManager } from './watchManager';
import { notificationText } from './messageText';

/** SecretStorage keys: webhook URLs never go into settings files or logs. */
export const SLACK_SECRET = 'lambdascope.slackWebhookUrl';
export const WEBHOOK_SECRET = 'lambdascope.webhookUrl';

/**
 * Alerts in VS Code: the dispatcher (src/alerts) decides and sends; this shows them as
 * notifications with actions, reads the rules from settings and the webhook URLs from
 * SecretStorage, and reports a failing channel once.
 */
export class Alerts implements vscode.Disposable {
  private readonly dispatcher: AlertDispatcher;
  private readonly disposables: vscode.Disposable[] = [];
  private rules: AlertRule[] = [];

  constructor(
    watches: WatchManager,
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    private readonly extensionId: string,
  ) {
    this.dispatcher = new AlertDispatcher({
      rules: () => this.rules,
      webhooks: async () => {
        const [slack, webhook] = await Promise.all([this.secrets.get(SLACK_SECRET), this.secrets.get(WEBHOOK_SECRET)]);
        return { ...(slack ? { slack } : {}), ...(webhook ? { webhook } : {}) };
      },
      show: (single, summary) => {
        if (vscode.workspace.getConfiguration('lambdascope').get<boolean>('alerts.notifications') === false) return;
        if (summary) void this.notifySummary(summary);
        for (const alert of single) void this.notify(alert);
      },
      links: (alert) => this.links(alert),
      channelFailed: (channel, error) => void this.channelFailed(channel, error),
      channelRecovered: (channel) => this.log.info(`The ${label(channel)} webhook works again.`),
    });
    this.readRules();
    this.disposables.push(
      watches.onIssueChanges((e) => {
        const watch = watches.watch(e.profile, e.region);
        if (watch) this.dispatcher.issueChanges(watch, e.changes);
      }),
      watches.onDidPoll((e) => {
        const watch = watches.watch(e.profile, e.region);
        if (watch) this.dispatcher.rates(watch);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('lambdascope.alerts')) this.readRules();
      }),
    );
  }

  deliver(alerts: readonly Alert[]): void {
    this.dispatcher.deliver(alerts);
  }

  private readRules(): void {
    const parsed = parseAlertRules(vscode.workspace.getConfiguration('lambdascope').get<unknown>('alerts.rules'));
    this.rules = parsed.rules;
    if (parsed.skipped > 0) this.log.warn(`${parsed.skipped} alert rule(s) in lambdascope.alerts.rules are not objects with a "functions" glob and were skipped.`);
  }

  private async notify(alert: Alert): Promise<void> {
    const issueRef = alert.issue ? [alert.profile, alert.region, alert.functionName, alert.issue.fingerprint] : undefined;
    const actions = issueRef ? ['Open Issue', 'Mute…', 'Resolve'] : ['Open Function'];
    const what = alert.kind === 'regression' ? 'regression' : alert.kind === 'newIssue' ? 'new issue' : 'alert';
    const text = `Lambdascope: ${what} in ${alert.functionName} (${alert.profile} · ${alert.region}): ${oneLine(alert.title)}`;
    const show = alert.kind === 'regression' || alert.kind === 'newIssue' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const answer = await show(notificationText(text), ...actions);
    if (!answer) return;
    if (answer === 'Open Function') await vscode.commands.executeCommand('lambdascope.openFunctionByName', alert.profile, alert.region, alert.functionName);
    else if (issueRef) await vscode.commands.executeCommand(answer === 'Open Issue' ? 'lambdascope.showIssue' : answer === 'Resolve' ? 'lambdascope.resolveIssue' : 'lambdascope.muteIssue', ...issueRef);
  }

  private async notifySummary(alerts: readonly Alert[]): Promise<void> {
    const functions = [...new Set(alerts.map((a) => a.functionName))];
    const answer = await vscode.window.showWarningMessage(notificationText(`Lambdascope: ${alerts.length} alerts in ${functions.length} function${functions.length === 1 ? '' : 's'} (${functions.slice(0, 4).join(', ')}${functions.length > 4 ? ', …' : ''}).`), 'Show Issues');
    if (answer) await vscode.commands.executeCommand('lambdascope.focusIssues');
  }

  private async channelFailed(channel: Channel, error: string): Promise<void> {
    this.log.warn(`Sending alerts to the ${label(channel)} webhook failed: ${error}`);
    const answer = await vscode.window.showWarningMessage(notificationText(`Lambdascope could not send alerts to the ${label(channel)} webhook: ${error}. Alerts still show here.`), 'Set the URL Again');
    if (answer) await vscode.commands.executeCommand(channel === 'slack' ? 'lambdascope.setSlackWebhook' : 'lambdascope.setAlertWebhook');
  }

  /** "Open in VS Code" through the extension's URI handler; "Open in AWS console" for the function. */
  private links(alert: Alert): AlertLinks {
    const query = new URLSearchParams({ profile: alert.profile, region: alert.region, function: alert.functionName, ...(alert.issue ? { fingerprint: alert.issue.fingerprint } : {}) });
    return {
      vscode: `${vscode.env.uriScheme}://${this.extensionId}/${alert.issue ? 'issue' : 'function'}?${query.toString()}`,
      console: `https://${encodeURIComponent(alert.region)}.console.aws.amazon.com/lambda/home?region=${encodeURIComponent(alert.region)}#/functions/${encodeURIComponent(alert.functionName)}`,
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function label(channel: Channel): string {
  return channel === 'slack' ? 'Slack' : 'alert';
}

function oneLine(text: string): string {
  const flat = visibleText(text.replace(/\s+/g, ' ').trim());
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}
