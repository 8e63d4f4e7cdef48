import * as vscode from 'vscode';
import { AlertEngine, batchAlerts, type Alert, type FunctionRates, type IssueEvent } from '../core/alerts/alertEngine';
import { slackMessage, slackSummary, webhookPayload, type AlertLinks } from '../core/alerts/alertMessages';
import { parseAlertRules, ruleFor, type AlertRule } from '../core/alerts/alertRules';
import type { StateChange } from '../core/issues/issueStates';
import { visibleText } from '../core/health/figureText';
import { postJson } from '../alerts/webhookSender';
import type { WatchManager } from './watchManager';

/** SecretStorage keys: webhook URLs never go into settings files or logs. */
export const SLACK_SECRET = 'lambdascope.slackWebhookUrl';
export const WEBHOOK_SECRET = 'lambdascope.webhookUrl';

type Channel = 'slack' | 'webhook';

/**
 * Alerts after each poll: new issues and regressions (one per issue per state change), and the
 * rate rules; shown as VS Code notifications with actions, and sent to Slack and a JSON webhook
 * when their URLs are set. Sending never blocks polling; a failing channel is reported once.
 */
export class Alerts implements vscode.Disposable {
  private readonly engine: AlertEngine;
  private readonly failing = new Set<Channel>();
  private readonly disposables: vscode.Disposable[] = [];
  private rules: AlertRule[] = [];

  constructor(
    private readonly watches: WatchManager,
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    private readonly extensionId: string,
  ) {
    this.engine = new AlertEngine({ rules: () => this.rules });
    this.readRules();
    this.disposables.push(
      watches.onIssueChanges((e) => this.issueChanges(e.profile, e.region, e.changes)),
      watches.onDidPoll((e) => this.rates(e.profile, e.region)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('lambdascope.alerts')) this.readRules();
      }),
    );
  }

  private readRules(): void {
    const parsed = parseAlertRules(vscode.workspace.getConfiguration('lambdascope').get<unknown>('alerts.rules'));
    this.rules = parsed.rules;
    if (parsed.skipped > 0) this.log.warn(`${parsed.skipped} alert rule(s) in lambdascope.alerts.rules are not objects with a "functions" glob and were skipped.`);
  }

  private issueChanges(profile: string, region: string, changes: readonly StateChange[]): void {
    const watch = this.watches.watch(profile, region);
    if (!watch) return;
    const monitors = new Map(watch.analyzer.functions().map((m) => [m.name, m]));
    const events: IssueEvent[] = [];
    for (const change of changes) {
      // key = owner/region/function/fingerprint (function names have no '/').
      const parts = change.key.split('/');
      const fingerprint = parts.pop() ?? '';
      const functionName = parts.pop() ?? '';
      const issue = monitors.get(functionName)?.issues.get(fingerprint);
      if (!issue) continue;
      events.push({ key: change.key, to: change.to, from: change.from, profile, region, functionName, fingerprint, title: issue.title, kind: issue.handled ? 'handled' : issue.kind, count: issue.count, firstSeen: issue.firstSeen, lastSeen: issue.lastSeen });
    }
    // Catching up with the lookback after a start finds every past issue "new": only issues that
    // began after watching started are news (regressions always are).
    const watchKey = `${profile}\u0000${region}`;
    const since = this.watchingSince.get(watchKey) ?? Date.now();
    this.watchingSince.set(watchKey, since);
    const news = events.filter((e) => e.to === 'regressed' || e.firstSeen >= since - 5 * 60_000);
    this.deliver(this.engine.issueAlerts(news, Date.now()));
  }

  private readonly watchingSince = new Map<string, number>();

  private rates(profile: string, region: string): void {
    const watch = this.watches.watch(profile, region);
    if (!watch) return;
    const windows = new Map<number, ReturnType<typeof watch.snapshot>>();
    const out: FunctionRates[] = [];
    for (const status of watch.poller.functions(Date.now() - 60_000, Date.now())) {
      const name = status.config.name;
      const minutes = ruleFor(this.rules, name).windowMinutes;
      let snapshot = windows.get(minutes);
      if (!snapshot) {
        snapshot = watch.snapshot(minutes * 60_000);
        windows.set(minutes, snapshot);
      }
      const view = snapshot.functions.find((f) => f.name === name);
      const r = view?.report;
      if (!view || !r) continue;
      out.push({ profile, region, functionName: name, invocations: r.invocations, errorRate: r.errorRate, coldStartRate: r.coldStartRate, ...(r.durationMs ? { p99Ms: r.durationMs.p99 } : {}), ...(view.thresholdMs !== undefined ? { thresholdMs: view.thresholdMs } : {}), throttles: view.status.metrics.throttles ?? 0 });
    }
    this.deliver(this.engine.rateAlerts(out, Date.now()));
  }

  /** Delivers alerts on every channel; never throws, never waits for the network. */
  deliver(alerts: readonly Alert[]): void {
    if (alerts.length === 0) return;
    const batch = batchAlerts(alerts);
    if (vscode.workspace.getConfiguration('lambdascope').get<boolean>('alerts.notifications') !== false) {
      if (batch.summary) void this.notifySummary(batch.summary.alerts);
      for (const alert of batch.single) void this.notify(alert);
    }
    void this.send(batch.single, batch.summary?.alerts);
  }

  private async notify(alert: Alert): Promise<void> {
    const issueRef = alert.issue ? [alert.profile, alert.region, alert.functionName, alert.issue.fingerprint] : undefined;
    const actions = issueRef ? ['Open Issue', 'Mute…', 'Resolve'] : ['Open Function'];
    const text = `Lambdascope: ${alert.kind === 'regression' ? 'regression' : alert.kind === 'newIssue' ? 'new issue' : 'alert'} in ${alert.functionName} (${alert.profile} · ${alert.region}): ${oneLine(alert.title)}`;
    const show = alert.kind === 'regression' || alert.kind === 'newIssue' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const answer = await show(text, ...actions);
    if (!answer) return;
    if (answer === 'Open Function') await vscode.commands.executeCommand('lambdascope.openFunctionByName', alert.profile, alert.region, alert.functionName);
    else if (issueRef) await vscode.commands.executeCommand(answer === 'Open Issue' ? 'lambdascope.showIssue' : answer === 'Resolve' ? 'lambdascope.resolveIssue' : 'lambdascope.muteIssue', ...issueRef);
  }

  private async notifySummary(alerts: readonly Alert[]): Promise<void> {
    const functions = new Set(alerts.map((a) => a.functionName));
    const answer = await vscode.window.showWarningMessage(`Lambdascope: ${alerts.length} alerts in ${functions.size} function${functions.size === 1 ? '' : 's'} (${[...functions].slice(0, 4).join(', ')}${functions.size > 4 ? ', …' : ''}).`, 'Show Issues');
    if (answer) await vscode.commands.executeCommand('lambdascope.focusIssues');
  }

  private async send(single: readonly Alert[], summary: readonly Alert[] | undefined): Promise<void> {
    const [slack, webhook] = await Promise.all([this.secrets.get(SLACK_SECRET), this.secrets.get(WEBHOOK_SECRET)]);
    for (const alert of single) {
      const links = this.links(alert);
      if (slack) await this.post('slack', slack, slackMessage(alert, links));
      if (webhook) await this.post('webhook', webhook, webhookPayload(alert, links));
    }
    if (summary) {
      if (slack) await this.post('slack', slack, slackSummary(summary));
      if (webhook) for (const alert of summary) await this.post('webhook', webhook, webhookPayload(alert, this.links(alert)));
    }
  }

  private async post(channel: Channel, url: string, body: unknown): Promise<void> {
    const result = await postJson(url, body);
    if (result.ok) {
      if (this.failing.delete(channel)) this.log.info(`The ${channel === 'slack' ? 'Slack' : 'alert'} webhook works again.`);
      return;
    }
    this.log.warn(`Sending an alert to the ${channel === 'slack' ? 'Slack' : 'alert'} webhook failed after ${result.attempts} attempts: ${result.error ?? 'unknown error'}`);
    if (this.failing.has(channel)) return;
    this.failing.add(channel);
    const answer = await vscode.window.showWarningMessage(`Lambdascope could not send alerts to the ${channel === 'slack' ? 'Slack' : 'alert'} webhook: ${result.error ?? 'unknown error'}. Alerts still show here.`, 'Set the URL Again');
    if (answer) await vscode.commands.executeCommand(channel === 'slack' ? 'lambdascope.setSlackWebhook' : 'lambdascope.setAlertWebhook');
  }

  /** "Open in VS Code" through the extension's URI handler; "Open in AWS console" for the function. */
  links(alert: Alert): AlertLinks {
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

function oneLine(text: string): string {
  const flat = visibleText(text.replace(/\s+/g, ' ').trim());
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}
