/**
 * What the team decided about each issue — open, resolved, muted — and what the logs did since:
 * a resolved issue that occurs again is `regressed`; a mute ends at its time or after its number
 * of occurrences. Pure state with explicit times, so that every rule is tested with a fake clock;
 * persisting it (and merging two windows' writes) is the store's part.
 */

export type IssueState = 'open' | 'resolved' | 'muted' | 'regressed';

/** Who changed a state: a person (git user.name) or Lambdascope itself. */
export const AUTOMATIC = 'Lambdascope';

export interface Transition {
  readonly at: number;
  readonly by: string;
  readonly to: IssueState;
  /** Why, for automatic transitions ("occurred again at …", "mute expired"). */
  readonly reason?: string;
}

export interface Mute {
  /** Muted until this time (epoch ms)… */
  readonly until?: number;
  /** …or for this many more occurrences, whichever ends first. */
  readonly remaining?: number;
}

export interface IssueStateEntry {
  /** `<account or profile>/<region>/<function>/<fingerprint>`. */
  readonly key: string;
  readonly state: IssueState;
  readonly mute?: Mute;
  /** When it was last resolved: an occurrence after this is a regression. */
  readonly resolvedAt?: number;
  /** The newest occurrence already accounted for (occurrences are seen again after restarts). */
  readonly lastSeen: number;
  /** Newest last, capped. */
  readonly transitions: readonly Transition[];
  /** What happened over time, kept across restarts (the engine only re-reads its lookback). */
  readonly history?: OccurrenceRecord;
}

/** An issue's occurrences as kept in storage: counts per UTC day for 90 days, and the total. */
export interface OccurrenceRecord {
  readonly firstSeen: number;
  readonly total: number;
  /** `[day number since the epoch, occurrences]`, oldest first, at most HISTORY_DAYS. */
  readonly daily: ReadonlyArray<readonly [number, number]>;
  /** The most recent occurrences `[time, request id]`, newest first, at most MAX_RECENT. */
  readonly recent?: ReadonlyArray<readonly [number, string]>;
}

export const MAX_RECENT = 20;

/** The stored recent occurrences with the engine's merged in: each request once, newest first, capped. */
export function mergeRecent(stored: ReadonlyArray<readonly [number, string]> | undefined, times: readonly number[], ids: readonly string[]): Array<[number, string]> {
  const byId = new Map<string, number>();
  for (const [t, id] of stored ?? []) byId.set(id, Math.max(t, byId.get(id) ?? t));
  ids.forEach((id, i) => {
    const t = times[i];
    if (t !== undefined && id) byId.set(id, Math.max(t, byId.get(id) ?? t));
  });
  return [...byId.entries()].map(([id, t]): [number, string] => [t, id]).sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1)).slice(0, MAX_RECENT);
}

export const MAX_TRANSITIONS = 20;
export const HISTORY_DAYS = 90;
const DAY = 86_400_000;

/** `count` more occurrences on the day of `time`, days beyond the 90 kept dropped. */
export function addOccurrences(record: OccurrenceRecord | undefined, count: number, time: number, firstSeen: number): OccurrenceRecord {
  const day = Math.floor(time / DAY);
  const daily = new Map<number, number>(record?.daily.map(([d, n]) => [d, n]) ?? []);
  if (count > 0) daily.set(day, (daily.get(day) ?? 0) + count);
  const newest = Math.max(day, ...daily.keys());
  const kept = [...daily.entries()].filter(([d]) => d > newest - HISTORY_DAYS).sort((a, b) => a[0] - b[0]);
  return { firstSeen: Math.min(record?.firstSeen ?? firstSeen, firstSeen), total: (record?.total ?? 0) + Math.max(0, count), daily: kept, ...(record?.recent ? { recent: record.recent } : {}) };
}

/** An alert-worthy change (new issue, regression); muted issues never produce one. */
export interface StateChange {
  readonly key: string;
  readonly from: IssueState | undefined;
  readonly to: IssueState;
  readonly transition: Transition;
}

function withTransition(entry: IssueStateEntry, transition: Transition, patch: Partial<IssueStateEntry>): IssueStateEntry {
  const transitions = [...entry.transitions, transition].slice(-MAX_TRANSITIONS);
  const next: IssueStateEntry = { ...entry, ...patch, state: transition.to, transitions };
  if (transition.to !== 'muted') {
    const { mute: _mute, ...rest } = next;
    return rest;
  }
  return next;
}

/** A newly seen issue: open since its first occurrence, with occurrences known up to `lastSeen`. */
export function newIssueState(key: string, firstSeen: number, lastSeen = firstSeen): IssueStateEntry {
  return { key, state: 'open', lastSeen, transitions: [{ at: firstSeen, by: AUTOMATIC, to: 'open', reason: 'first seen' }] };
}

export function resolve(entry: IssueStateEntry, by: string, at: number): IssueStateEntry {
  return withTransition(entry, { at, by, to: 'resolved' }, { resolvedAt: at });
}

export function reopen(entry: IssueStateEntry, by: string, at: number): IssueStateEntry {
  const { resolvedAt: _resolved, ...rest } = entry;
  return withTransition(rest, { at, by, to: 'open' }, {});
}

export function mute(entry: IssueStateEntry, by: string, at: number, how: Mute): IssueStateEntry {
  const until = how.until !== undefined && Number.isFinite(how.until) && how.until > at ? how.until : undefined;
  const remaining = how.remaining !== undefined && Number.isInteger(how.remaining) && how.remaining > 0 ? how.remaining : undefined;
  const muteOf: Mute = { ...(until !== undefined ? { until } : {}), ...(remaining !== undefined ? { remaining } : {}) };
  return withTransition(entry, { at, by, to: 'muted' }, { mute: muteOf });
}

/**
 * The logs showed occurrences up to `lastSeen` (`times`: one per occurrence, those newer than the
 * entry knew, any order). A resolved issue occurring after its resolution regresses; a mute counts
 * them down, by `occurrences` when more are known to have occurred than `times` holds (the times
 * the engine keeps are capped).
 */
export function observe(entry: IssueStateEntry, times: readonly number[], now: number, occurrences = 0): { entry: IssueStateEntry; change?: StateChange } {
  const fresh = times.filter((t) => t > entry.lastSeen).sort((a, b) => a - b);
  if (fresh.length === 0) return { entry };
  const lastSeen = fresh[fresh.length - 1] as number;
  const count = Math.max(fresh.length, occurrences);
  if (entry.state === 'resolved') {
    const again = fresh.find((t) => t > (entry.resolvedAt ?? Number.NEGATIVE_INFINITY));
    if (again === undefined) return { entry: { ...entry, lastSeen } };
    const transition: Transition = { at: Math.max(again, now), by: AUTOMATIC, to: 'regressed', reason: `occurred again at ${new Date(again).toISOString()}` };
    const next = withTransition(entry, transition, { lastSeen });
    return { entry: next, change: { key: entry.key, from: 'resolved', to: 'regressed', transition } };
  }
  if (entry.state === 'muted' && entry.mute?.remaining !== undefined) {
    const remaining = entry.mute.remaining - count;
    if (remaining > 0) return { entry: { ...entry, lastSeen, mute: { ...entry.mute, remaining } } };
    // The mute was for N more occurrences: after them the issue is open again, and says so.
    const transition: Transition = { at: now, by: AUTOMATIC, to: 'open', reason: 'mute ended: occurred the set number of times' };
    return { entry: withTransition(entry, transition, { lastSeen }), change: { key: entry.key, from: 'muted', to: 'open', transition } };
  }
  return { entry: { ...entry, lastSeen } };
}

/** Time passed: a mute whose time is up ends (the issue is open again, quietly: nothing new occurred). */
export function expire(entry: IssueStateEntry, now: number): IssueStateEntry {
  if (entry.state !== 'muted' || entry.mute?.until === undefined || now < entry.mute.until) return entry;
  return withTransition(entry, { at: entry.mute.until, by: AUTOMATIC, to: 'open', reason: 'mute expired' }, {});
}

/** Counted in the badge and alerted on: open and regressed issues. */
export function isActive(state: IssueState): boolean {
  return state === 'open' || state === 'regressed';
}

/**
 * Two writers' views of one issue merged (two windows, or a teammate's commit): the newer
 * decision wins, transitions are the union (by time), and the newest occurrence known is kept.
 */
export function mergeEntries(a: IssueStateEntry, b: IssueStateEntry): IssueStateEntry {
  const lastA = a.transitions[a.transitions.length - 1];
  const lastB = b.transitions[b.transitions.length - 1];
  const newer = !lastB || (lastA && (lastA.at > lastB.at || (lastA.at === lastB.at && transitionKey(lastA) >= transitionKey(lastB)))) ? a : b;
  const seen = new Set<string>();
  const transitions = [...a.transitions, ...b.transitions]
    .filter((t) => {
      const k = transitionKey(t);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((x, y) => x.at - y.at || (transitionKey(x) < transitionKey(y) ? -1 : 1))
    .slice(-MAX_TRANSITIONS);
  const history = !a.history ? b.history : !b.history ? a.history : a.history.total >= b.history.total ? a.history : b.history;
  // What the other side saw after the newer decision (a resolve, a mute) was not weighed against
  // it: only what it saw up to the decision counts as seen, so that an occurrence after a resolve
  // made in another window still regresses the issue here.
  const other = newer === a ? b : a;
  const decidedAt = newer.state === 'resolved' || newer.state === 'muted' ? newer.transitions[newer.transitions.length - 1]?.at : undefined;
  const lastSeen = Math.max(newer.lastSeen, decidedAt === undefined ? other.lastSeen : Math.min(other.lastSeen, decidedAt));
  return { ...newer, lastSeen, transitions, ...(history ? { history } : {}) };
}

function transitionKey(t: Transition): string {
  return `${t.at}\u0000${t.to}\u0000${t.by}\u0000${t.reason ?? ''}`;
}
