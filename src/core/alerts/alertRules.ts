/**
 * Alert rules, per function by glob (settings `lambdascope.alerts.rules`; the first rule whose
 * glob matches a function applies, then the defaults). Checked field by field: settings are
 * hand-edited JSON.
 */
export interface AlertRule {
  /** Glob over function names: `*` any characters, `?` one. */
  readonly functions: string;
  readonly newIssue: boolean;
  readonly regression: boolean;
  /** Alert when the error rate is above this percentage over `windowMinutes` (undefined: never). */
  readonly errorRatePercent?: number;
  /** Alert when p99 is over the function's latency threshold over `windowMinutes`. */
  readonly p99OverThreshold: boolean;
  readonly coldStartRatePercent?: number;
  /** Alert on any throttle in the window. */
  readonly throttles: boolean;
  /** The window of the rate rules, in minutes. */
  readonly windowMinutes: number;
  /** For fault-tolerant functions: no per-issue alerts, only the rate rules. */
  readonly aggregateOnly: boolean;
}

export const DEFAULT_RULE: AlertRule = {
  functions: '*',
  newIssue: true,
  regression: true,
  errorRatePercent: 5,
  p99OverThreshold: true,
  throttles: true,
  windowMinutes: 10,
  aggregateOnly: false,
};

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function percent(value: unknown, fallback: number | undefined): number | undefined {
  if (value === null) return undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100 ? value : fallback;
}

/** The rules from settings; entries that are not objects with a string glob are skipped (and counted). */
export function parseAlertRules(value: unknown): { rules: AlertRule[]; skipped: number } {
  const rules: AlertRule[] = [];
  let skipped = 0;
  for (const entry of Array.isArray(value) ? value : []) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { functions?: unknown }).functions !== 'string') {
      skipped++;
      continue;
    }
    const e = entry as Record<string, unknown>;
    const minutes = typeof e.windowMinutes === 'number' && Number.isInteger(e.windowMinutes) && e.windowMinutes >= 1 && e.windowMinutes <= 24 * 60 ? e.windowMinutes : DEFAULT_RULE.windowMinutes;
    rules.push({
      functions: (e.functions as string).slice(0, 200),
      newIssue: bool(e.newIssue, DEFAULT_RULE.newIssue),
      regression: bool(e.regression, DEFAULT_RULE.regression),
      errorRatePercent: percent(e.errorRatePercent, DEFAULT_RULE.errorRatePercent),
      p99OverThreshold: bool(e.p99OverThreshold, DEFAULT_RULE.p99OverThreshold),
      coldStartRatePercent: percent(e.coldStartRatePercent, DEFAULT_RULE.coldStartRatePercent),
      throttles: bool(e.throttles, DEFAULT_RULE.throttles),
      windowMinutes: minutes,
      aggregateOnly: bool(e.aggregateOnly, DEFAULT_RULE.aggregateOnly),
    });
  }
  return { rules, skipped };
}

export function globMatches(glob: string, name: string): boolean {
  let re = '^';
  for (const c of glob) re += c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()|[\]{}]/g, '\\$&');
  return new RegExp(`${re}$`).test(name);
}

export function ruleFor(rules: readonly AlertRule[], functionName: string): AlertRule {
  return rules.find((r) => globMatches(r.functions, functionName)) ?? DEFAULT_RULE;
}
