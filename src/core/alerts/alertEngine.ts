import type { IssueState } from '../issues/issueStates';
import { ruleFor, type AlertRule } from './alertRules';

export type AlertKind = 'newIssue' | 'regression' | 'errorRate' | 'p99' | 'coldStartRate' | 'throttles';

export interface Alert {
  /** What de-duplicates it: an issue and its state, or a function and its rule. */
  readonly key: string;
  readonly kind: AlertKind;
  readonly profile: string;
  readonly region: string;
  readonly functionName: string;
  readonly title: string;
  /** The figures behind it, for the message. */
  readonly detail: string;
  readonly at: number;
  readonly issue?: { readonly fingerprint: string; readonly count: number; readonly firstSeen: number; readonly lastSeen: number; readonly kind: string };
  readonly p99Ms?: number;
}

/** An issue changed state after a poll (from IssueStateBook.sync). */
export interface IssueEvent {
  readonly key: string;
  readonly to: IssueState;
  readonly from: IssueState | undefined;
  readonly profile: string;
  readonly region: string;
  readonly functionName: string;
  readonly fingerprint: string;
  readonly title: string;
  readonly kind: string;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly p99Ms?: number;
}

/** A function's figures over its rule's window. */
export interface FunctionRates {
  readonly profile: string;
  readonly region: string;
  readonly functionName: string;
  readonly invocations: number;
  readonly errorRate: number;
  readonly coldStartRate: number;
  readonly p99Ms?: number;
  readonly thresholdMs?: number;
  readonly throttles: number;
}

export interface AlertEngineOptions {
  readonly rules: () => readonly AlertRule[];
  /** After a rate alert, the same rule on the same function waits this long before alerting again. */
  readonly coolDownMs?: number;
  /** Invocations a window needs before its rates mean anything. */
  readonly minInvocations?: number;
}

/**
 * Which alerts to send: one per issue per state change (new once; each regression), and rate rules that
 * alert when their condition starts to hold, not again while it holds, and not again within the
 * cool-down after it clears — so a flapping function does not spam.
 */
export class AlertEngine {
  /** Issues already alerted as new. */
  private readonly sentNew = new Set<string>();
  /**
   * Each issue's last regression alerted, by its newest occurrence: a regression needs an
   * occurrence after the issue was resolved, so a later one is a new regression (resolved again,
   * occurred again), while the same one delivered twice is not.
   */
  private readonly sentRegression = new Map<string, number>();
  /** Rate conditions holding now, and when each last alerted. */
  private readonly holding = new Set<string>();
  private readonly lastAlerted = new Map<string, number>();

  constructor(private readonly options: AlertEngineOptions) {}

  issueAlerts(events: readonly IssueEvent[], now: number): Alert[] {
    const out: Alert[] = [];
    for (const e of events) {
      const rule = ruleFor(this.options.rules(), e.functionName);
      if (rule.aggregateOnly) continue;
      const kind: AlertKind | undefined = e.to === 'regressed' ? 'regression' : e.to === 'open' && e.from === undefined ? 'newIssue' : undefined;
      if (!kind || (kind === 'newIssue' && !rule.newIssue) || (kind === 'regression' && !rule.regression)) continue;
      if (!this.firstTime(kind, e)) continue;
      out.push({
        key: `${e.key}#${e.to}`,
        kind,
        profile: e.profile,
        region: e.region,
        functionName: e.functionName,
        title: e.title,
        detail: kind === 'regression' ? `Regressed: resolved, and occurred again (${e.count}× in all)` : `New issue (${e.count}×)`,
        at: now,
        issue: { fingerprint: e.fingerprint, count: e.count, firstSeen: e.firstSeen, lastSeen: e.lastSeen, kind: e.kind },
        ...(e.p99Ms !== undefined ? { p99Ms: e.p99Ms } : {}),
      });
    }
    return out;
  }

  /** Whether this issue event was not alerted yet (and remember it). */
  private firstTime(kind: 'newIssue' | 'regression', e: IssueEvent): boolean {
    if (kind === 'newIssue') {
      if (this.sentNew.has(e.key)) return false;
      this.sentNew.add(e.key);
      return true;
    }
    const last = this.sentRegression.get(e.key);
    if (last !== undefined && e.lastSeen <= last) return false;
    this.sentRegression.set(e.key, e.lastSeen);
    return true;
  }

  rateAlerts(functions: readonly FunctionRates[], now: number): Alert[] {
    const out: Alert[] = [];
    const minInvocations = this.options.minInvocations ?? 20;
    for (const f of functions) {
      const rule = ruleFor(this.options.rules(), f.functionName);
      const enough = f.invocations >= minInvocations;
      const checks: Array<[AlertKind, boolean, string]> = [
        ['errorRate', enough && rule.errorRatePercent !== undefined && f.errorRate * 100 > rule.errorRatePercent, `Error rate ${(f.errorRate * 100).toFixed(1)}% over the last ${rule.windowMinutes} min (alert above ${rule.errorRatePercent}%)`],
        ['p99', enough && rule.p99OverThreshold && f.thresholdMs !== undefined && f.p99Ms !== undefined && f.p99Ms > f.thresholdMs, `p99 ${Math.round(f.p99Ms ?? 0)} ms over its ${f.thresholdMs} ms objective for the last ${rule.windowMinutes} min`],
        ['coldStartRate', enough && rule.coldStartRatePercent !== undefined && f.coldStartRate * 100 > rule.coldStartRatePercent, `Cold starts ${(f.coldStartRate * 100).toFixed(1)}% over the last ${rule.windowMinutes} min (alert above ${rule.coldStartRatePercent}%)`],
        ['throttles', rule.throttles && f.throttles > 0, `${f.throttles} throttled invocation${f.throttles === 1 ? '' : 's'} in the last ${rule.windowMinutes} min`],
      ];
      for (const [kind, holds, detail] of checks) {
        const key = `${f.profile}/${f.region}/${f.functionName}#${kind}`;
        if (!holds) {
          this.holding.delete(key);
          continue;
        }
        if (this.holding.has(key)) continue;
        this.holding.add(key);
        const last = this.lastAlerted.get(key);
        if (last !== undefined && now - last < (this.options.coolDownMs ?? 30 * 60_000)) continue;
        this.lastAlerted.set(key, now);
        out.push({ key, kind, profile: f.profile, region: f.region, functionName: f.functionName, title: detail, detail, at: now, ...(f.p99Ms !== undefined ? { p99Ms: f.p99Ms } : {}) });
      }
    }
    return out;
  }
}

/** Many alerts at once (a bad deploy, an outage) become one summary instead of a burst. */
export function batchAlerts(alerts: readonly Alert[], maxSingle = 3): { single: Alert[]; summary?: { count: number; functions: string[]; alerts: Alert[] } } {
  if (alerts.length <= maxSingle) return { single: [...alerts] };
  return { single: [], summary: { count: alerts.length, functions: [...new Set(alerts.map((a) => a.functionName))].sort(), alerts: [...alerts] } };
}
