import type { FunctionConfig, FunctionSettings } from '../ports';

const HOUR = 3_600_000;

export interface SettingsRefreshOptions {
  /** Settings are read again this long after the last read (default 6 h: they change seldom). */
  readonly refreshMs?: number;
  /** …or this long after a read with problems or one that failed (default 1 h). */
  readonly retryMs?: number;
  /** Functions read per cycle (default 5: about 4 s of DescribeLogGroups at 1/s): a large account spreads its first reads over cycles. */
  readonly maxPerCycle?: number;
}

export interface SettingsCandidate {
  readonly config: FunctionConfig;
  readonly active: boolean;
  readonly pinned: boolean;
}

interface Entry {
  /** Undefined when no read has succeeded yet. */
  readonly settings?: FunctionSettings;
  /** The deployment they were read for (see versionOf). */
  readonly version: string;
  readonly at: number;
  /** The read had problems or failed: try again sooner. */
  readonly retry: boolean;
}

/**
 * A deployment changes LastModified and, with new code, CodeSha256. Settings outside the
 * function's configuration (concurrency, policy, retention) change neither: those wait for refreshMs.
 */
function versionOf(config: FunctionConfig): string {
  return `${config.lastModified ?? ''}|${config.codeSha256 ?? ''}`;
}

/**
 * Which functions' settings to read in a cycle, and what was read. Pure bookkeeping: the poller
 * makes the calls and passes the time in.
 */
export class SettingsRefresh {
  private readonly entries = new Map<string, Entry>();
  private readonly refreshMs: number;
  private readonly retryMs: number;
  private readonly maxPerCycle: number;

  constructor(options: SettingsRefreshOptions = {}) {
    this.refreshMs = options.refreshMs ?? 6 * HOUR;
    this.retryMs = options.retryMs ?? HOUR;
    this.maxPerCycle = options.maxPerCycle ?? 5;
  }

  /**
   * The functions to read now, at most maxPerCycle: pinned, then active, then the rest; within
   * each, never read or redeployed before merely old, and the oldest read first.
   */
  due(candidates: readonly SettingsCandidate[], now: number): FunctionConfig[] {
    const due: Array<{ config: FunctionConfig; group: number; urgency: number; at: number }> = [];
    for (const c of candidates) {
      const entry = this.entries.get(c.config.name);
      let urgency: number;
      if (!entry) urgency = 0;
      else if (entry.version !== versionOf(c.config)) urgency = 1;
      else if (now - entry.at >= (entry.retry ? this.retryMs : this.refreshMs)) urgency = 2;
      else continue;
      due.push({ config: c.config, group: c.pinned ? 0 : c.active ? 1 : 2, urgency, at: entry?.at ?? Number.NEGATIVE_INFINITY });
    }
    due.sort((a, b) => a.group - b.group || a.urgency - b.urgency || a.at - b.at || (a.config.name < b.config.name ? -1 : a.config.name > b.config.name ? 1 : 0));
    return due.slice(0, this.maxPerCycle).map((d) => d.config);
  }

  /** A read that returned (its calls may still have had problems). */
  record(config: FunctionConfig, settings: FunctionSettings, now: number): void {
    this.entries.set(config.name, { settings, version: versionOf(config), at: now, retry: (settings.problems?.length ?? 0) > 0 });
  }

  /** A read that threw: what was known stays, and it is tried again after retryMs. */
  failed(config: FunctionConfig, now: number): void {
    const previous = this.entries.get(config.name)?.settings;
    this.entries.set(config.name, { ...(previous ? { settings: previous } : {}), version: versionOf(config), at: now, retry: true });
  }

  settingsOf(name: string): FunctionSettings | undefined {
    return this.entries.get(name)?.settings;
  }

  /** The distinct problems of the settings last read (calls denied or failed). */
  problems(): Set<string> {
    const out = new Set<string>();
    for (const e of this.entries.values()) for (const p of e.settings?.problems ?? []) out.add(p);
    return out;
  }

  /** Forget functions that are gone: memory follows the account. */
  retain(names: ReadonlySet<string>): void {
    for (const name of [...this.entries.keys()]) if (!names.has(name)) this.entries.delete(name);
  }
}
