import { AlertEngine, batchAlerts, type Alert, type FunctionRates, type IssueEvent } from '../core/alerts/alertEngine';
import { slackMessage, slackSummary, webhookPayload, type AlertLinks } from '../core/alerts/alertMessages';
import { ruleFor, type AlertRule } from '../core/alerts/alertRules';
import { issueKeyParts } from '../core/issues/issueStateBook';
import type { StateChange } from '../core/issues/issueStates';
import type { AccountWatch } from '../core/watch/accountWatch';
import { postJson, type SendOptions } from './webhookSender';

export type Channel = 'slack' | 'webhook';

/** What the dispatcher needs from its host (VS Code, or a test). */
export interface DispatcherPorts {
  readonly rules: () => readonly AlertRule[];
  /** The webhook URLs, read when sending (they are secrets: never kept here). */
  readonly webhooks: () => Promise<{ readonly slack?: string; readonly webhook?: string }>;
  /** Shows alerts to the user (single ones, or one summary). */
  readonly show: (single: readonly Alert[], summary: readonly Alert[] | undefined) => void;
  readonly links: (alert: Alert) => AlertLinks;
  /** A channel failed after its retries (reported once until it works again), or works again. */
  readonly channelFailed: (channel: Channel, error: string) => void;
  readonly channelRecovered?: (channel: Channel) => void;
  readonly now?: () => number;
  readonly send?: SendOptions;
}

/**
 * From what a watch's cycle found to alerts on every channel: issue changes (new since watching
 * started, regressions) and the rate rules, de-duplicated by the alert engine, batched, shown and
 * sent. Sending never throws and never holds the poll.
 */
export class AlertDispatcher {
  readonly engine: AlertEngine;
  private readonly watchingSince = new Map<string, number>();
  private readonly failing = new Set<Channel>();
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly ports: DispatcherPorts) {
    this.engine = new AlertEngine({ rules: ports.rules });
  }

  private now(): number {
    return this.ports.now?.() ?? Date.now();
  }

  issueChanges(watch: AccountWatch, changes: readonly StateChange[]): void {
    // The function's p99 over the last hour goes with each alert (one snapshot for all of them).
    const p99 = changes.length > 0 ? new Map(watch.snapshot(60 * 60_000).functions.map((f) => [f.name, f.report?.durationMs?.p99])) : new Map<string, number | undefined>();
    const events: IssueEvent[] = [];
    for (const change of changes) {
      const { functionName, fingerprint } = issueKeyParts(change.key);
      const issue = watch.analyzer.find(functionName)?.issues.get(fingerprint);
      if (!issue) continue;
      const p99Ms = p99.get(functionName);
      events.push({ key: change.key, to: change.to, from: change.from, profile: watch.profile, region: watch.region, functionName, fingerprint, title: issue.title, kind: issue.handled ? 'handled' : issue.kind, count: issue.count, firstSeen: issue.firstSeen, lastSeen: issue.lastSeen, ...(p99Ms !== undefined ? { p99Ms } : {}) });
    }
    // Catching up with the lookback after a start finds every past issue "new": only issues that
    // began after watching started are news (regressions always are).
    const key = `${watch.profile}\u0000${watch.region}`;
    const since = this.watchingSince.get(key) ?? this.now();
    this.watchingSince.set(key, since);
    this.deliver(this.engine.issueAlerts(events.filter((e) => e.to === 'regressed' || e.firstSeen >= since - 5 * 60_000), this.now()));
  }

  rates(watch: AccountWatch): void {
    const now = this.now();
    const windows = new Map<number, ReturnType<AccountWatch['snapshot']>>();
    const out: FunctionRates[] = [];
    for (const status of watch.poller.functions(now - 60_000, now)) {
      const name = status.config.name;
      const minutes = ruleFor(this.ports.rules(), name).windowMinutes;
      let snapshot = windows.get(minutes);
      if (!snapshot) {
        snapshot = watch.snapshot(minutes * 60_000);
        windows.set(minutes, snapshot);
      }
      const view = snapshot.functions.find((f) => f.name === name);
      const r = view?.report;
      if (!view || !r) continue;
      out.push({ profile: watch.profile, region: watch.region, functionName: name, invocations: r.invocations, errorRate: r.errorRate, coldStartRate: r.coldStartRate, ...(r.durationMs ? { p99Ms: r.durationMs.p99 } : {}), ...(view.thresholdMs !== undefined ? { thresholdMs: view.thresholdMs } : {}), throttles: view.status.metrics.throttles ?? 0 });
    }
    this.deliver(this.engine.rateAlerts(out, now));
  }

  /** Shows and sends alerts; returns at once (sending continues in order in the background). */
  deliver(alerts: readonly Alert[]): void {
    if (alerts.length === 0) return;
    const batch = batchAlerts(alerts);
    this.ports.show(batch.single, batch.summary?.alerts);
    this.sending = this.sending.then(() => this.send(batch.single, batch.summary?.alerts)).catch(() => undefined);
  }

  /** Resolves when everything handed to `deliver` so far was sent or given up (tests, shutdown). */
  idle(): Promise<void> {
    return this.sending;
  }

  private async send(single: readonly Alert[], summary: readonly Alert[] | undefined): Promise<void> {
    const { slack, webhook } = await this.ports.webhooks();
    for (const alert of single) {
      const links = this.ports.links(alert);
      if (slack) await this.post('slack', slack, slackMessage(alert, links));
      if (webhook) await this.post('webhook', webhook, webhookPayload(alert, links));
    }
    if (summary) {
      if (slack) await this.post('slack', slack, slackSummary(summary));
      if (webhook) for (const alert of summary) await this.post('webhook', webhook, webhookPayload(alert, this.ports.links(alert)));
    }
  }

  private async post(channel: Channel, url: string, body: unknown): Promise<void> {
    const result = await postJson(url, body, this.ports.send);
    if (result.ok) {
      if (this.failing.delete(channel)) this.ports.channelRecovered?.(channel);
      return;
    }
    if (this.failing.has(channel)) return;
    this.failing.add(channel);
    this.ports.channelFailed(channel, result.error ?? 'unknown error');
  }
}
