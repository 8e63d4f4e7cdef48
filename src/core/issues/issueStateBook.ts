import type { Issue } from './issueTracker';
import { addOccurrences, expire, mergeRecent, isActive, mergeEntries, mute, newIssueState, observe, reopen, resolve, type IssueState, type IssueStateEntry, type Mute, type OccurrenceRecord, type StateChange } from './issueStates';

/** Where an issue lives: the account (or the profile, before the catalog names the account), region and function. */
export interface IssuePlace {
  readonly owner: string;
  readonly region: string;
  readonly functionName: string;
}

export function issueKey(place: IssuePlace, fingerprint: string): string {
  return `${place.owner}/${place.region}/${place.functionName}/${fingerprint}`;
}

/** The function and fingerprint of a key (function names and fingerprints have no '/'). */
export function issueKeyParts(key: string): { readonly functionName: string; readonly fingerprint: string } {
  const parts = key.split('/');
  return { fingerprint: parts.at(-1) ?? '', functionName: parts.at(-2) ?? '' };
}

/** The account id in a function ARN (`arn:aws:lambda:us-east-1:123456789012:function:name`). */
export function accountOf(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * Every issue's state, kept in step with what the engine sees: a new issue opens, a resolved one
 * that occurs again regresses, mutes end; the user's actions are stamped with their name. What
 * changed since the last save is handed to the store (`takeDirty`), what should alert is returned.
 */
export class IssueStateBook {
  private readonly entries = new Map<string, IssueStateEntry>();
  private readonly dirty = new Set<string>();
  /** The engine's count of each issue at the last sync (this session only: the engine restarts from its lookback). */
  private readonly engineCounts = new Map<string, number>();

  /** States read from storage (merged with any already known). */
  load(entries: Iterable<IssueStateEntry>): void {
    for (const e of entries) {
      const known = this.entries.get(e.key);
      this.entries.set(e.key, known ? mergeEntries(known, e) : e);
    }
  }

  get(key: string): IssueStateEntry | undefined {
    return this.entries.get(key);
  }

  stateOf(key: string): IssueState {
    return this.entries.get(key)?.state ?? 'open';
  }

  /** The engine's issues of one function after a poll: new ones, regressions and ended mutes come back as changes. */
  sync(place: IssuePlace, issues: Iterable<Issue>, now: number): StateChange[] {
    const changes: StateChange[] = [];
    for (const issue of issues) {
      const key = issueKey(place, issue.fingerprint);
      const known = this.entries.get(key);
      if (!known) {
        const perDay = issue.history.perDay().filter((d) => d.count > 0);
        let history: OccurrenceRecord = { firstSeen: issue.firstSeen, total: 0, daily: [] };
        for (const d of perDay) history = addOccurrences(history, d.count, d.time, issue.firstSeen);
        const entry: IssueStateEntry = { ...newIssueState(key, issue.firstSeen, issue.lastSeen), history: { ...history, total: issue.count, recent: mergeRecent(undefined, issue.requestTimes, issue.requestIds) } };
        this.set(entry);
        this.engineCounts.set(key, issue.count);
        const transition = entry.transitions[0];
        if (transition) changes.push({ key, from: undefined, to: 'open', transition });
        continue;
      }
      // Occurrences new to storage: since the last sync, or — the first time after a restart, when
      // the engine has re-read its lookback — those after the newest one stored (from the recent ones).
      const before = this.engineCounts.get(key);
      const fresh = before !== undefined ? Math.max(0, issue.count - before) : Math.max(issue.requestTimes.filter((t) => t > known.lastSeen).length, issue.lastSeen > known.lastSeen ? 1 : 0);
      this.engineCounts.set(key, issue.count);
      // Each occurrence once: the newest is among the recent ones unless it had no request id.
      const times = issue.requestTimes.includes(issue.lastSeen) ? issue.requestTimes : [...issue.requestTimes, issue.lastSeen];
      const { entry: observed, change } = observe(expire(known, now), times, now, fresh);
      const entry = fresh > 0 ? { ...observed, history: { ...addOccurrences(observed.history, fresh, issue.lastSeen, issue.firstSeen), recent: mergeRecent(observed.history?.recent, issue.requestTimes, issue.requestIds) } } : observed;
      if (entry !== known) this.set(entry);
      if (change) changes.push(change);
    }
    return changes;
  }

  /** Time passes between polls too: mutes whose time is up end. */
  expireMutes(now: number): void {
    for (const entry of this.entries.values()) {
      const next = expire(entry, now);
      if (next !== entry) this.set(next);
    }
  }

  resolve(key: string, by: string, now: number): IssueStateEntry {
    return this.act(key, now, (e) => resolve(e, by, now));
  }

  mute(key: string, by: string, now: number, how: Mute): IssueStateEntry {
    return this.act(key, now, (e) => mute(e, by, now, how));
  }

  reopen(key: string, by: string, now: number): IssueStateEntry {
    return this.act(key, now, (e) => reopen(e, by, now));
  }

  /** Counted in the badge, alerted on. */
  isActive(key: string): boolean {
    return isActive(this.stateOf(key));
  }

  /** The entries changed since the last call (for the store). */
  takeDirty(): IssueStateEntry[] {
    const out = [...this.dirty].map((k) => this.entries.get(k)).filter((e): e is IssueStateEntry => e !== undefined);
    this.dirty.clear();
    return out;
  }

  /** Entries a save could not write: written with the next one. */
  markDirty(keys: Iterable<string>): void {
    for (const key of keys) if (this.entries.has(key)) this.dirty.add(key);
  }

  private act(key: string, now: number, change: (entry: IssueStateEntry) => IssueStateEntry): IssueStateEntry {
    const entry = change(this.entries.get(key) ?? newIssueState(key, now));
    this.set(entry);
    return entry;
  }

  private set(entry: IssueStateEntry): void {
    this.entries.set(entry.key, entry);
    this.dirty.add(entry.key);
  }
}
