import type { IssueState, IssueStateEntry, Mute, OccurrenceRecord, Transition } from './issueStates';
import { HISTORY_DAYS, MAX_RECENT, MAX_TRANSITIONS, mergeRecent } from './issueStates';

/**
 * The issue-state file (`.lambdascope/issues.json` when a team shares it through git, or the
 * extension's own storage): valid JSON with one issue per line, sorted by key, each line after the
 * fixed header starting with its comma — so that adding, changing or removing an issue touches
 * only that issue's line, and two branches merge without conflict unless they changed the same
 * issue.
 *
 *   {"format":"lambdascope.issues","version":1
 *   ,"123456789012/us-east-1/checkout-api/3f2a9c0d1e":{"state":"resolved",…}
 *   }
 */
export const FORMAT = 'lambdascope.issues';
export const VERSION = 1;

const KEY = /^[^\u0000-\u001f]{1,512}$/;
const STATES: readonly IssueState[] = ['open', 'resolved', 'muted', 'regressed'];
const MAX_NAME = 200;
const MAX_REASON = 500;

export function serializeIssueStates(entries: Iterable<IssueStateEntry>): string {
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const lines = [`{"format":${JSON.stringify(FORMAT)},"version":${VERSION}`];
  for (const e of sorted) lines.push(`,${JSON.stringify(e.key)}:${JSON.stringify(entryBody(e))}`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The entry's fields in a fixed order (stable text for the same state). */
function entryBody(e: IssueStateEntry): Record<string, unknown> {
  return {
    state: e.state,
    ...(e.mute ? { mute: { ...(e.mute.until !== undefined ? { until: e.mute.until } : {}), ...(e.mute.remaining !== undefined ? { remaining: e.mute.remaining } : {}) } } : {}),
    ...(e.resolvedAt !== undefined ? { resolvedAt: e.resolvedAt } : {}),
    lastSeen: e.lastSeen,
    transitions: e.transitions.map((t) => ({ at: t.at, by: t.by, to: t.to, ...(t.reason !== undefined ? { reason: t.reason } : {}) })),
    ...(e.history ? { history: { firstSeen: e.history.firstSeen, total: e.history.total, daily: e.history.daily.map(([d, n]) => [d, n]), ...(e.history.recent ? { recent: e.history.recent.map(([t, id]) => [t, id]) } : {}) } } : {}),
  };
}

export type ParsedIssueStates =
  | { readonly ok: true; readonly entries: IssueStateEntry[]; readonly problems: readonly string[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads the file, checking every field: a file that is not ours or not JSON is refused whole
 * (the caller keeps a backup and says so); an entry that does not check out is left out and named
 * in `problems` (the caller keeps a backup before the next write drops it).
 */
export function parseIssueStates(text: string): ParsedIssueStates {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not valid JSON (${error instanceof Error ? error.message.slice(0, 200) : 'parse error'})` };
  }
  if (!isRecord(value) || value.format !== FORMAT) return { ok: false, problem: `not a Lambdascope issue-state file (no "format": "${FORMAT}")` };
  if (value.version !== VERSION) return { ok: false, problem: `version ${JSON.stringify(value.version)} is not one this Lambdascope reads (${VERSION})` };
  const entries: IssueStateEntry[] = [];
  const problems: string[] = [];
  for (const [key, body] of Object.entries(value)) {
    if (key === 'format' || key === 'version') continue;
    const entry = KEY.test(key) ? entryOf(key, body) : undefined;
    if (entry) entries.push(entry);
    else problems.push(`the entry ${JSON.stringify(key.slice(0, 120))} is not valid and was left out`);
  }
  return { ok: true, entries, problems };
}

function entryOf(key: string, body: unknown): IssueStateEntry | undefined {
  if (!isRecord(body)) return undefined;
  const { state, mute, resolvedAt, lastSeen, transitions, history } = body;
  let record: OccurrenceRecord | undefined;
  if (history !== undefined) {
    record = historyOf(history);
    if (!record) return undefined;
  }
  if (typeof state !== 'string' || !STATES.includes(state as IssueState)) return undefined;
  if (!isTime(lastSeen) || (resolvedAt !== undefined && !isTime(resolvedAt))) return undefined;
  if (!Array.isArray(transitions) || transitions.length > MAX_TRANSITIONS * 5) return undefined;
  const parsed: Transition[] = [];
  for (const t of transitions) {
    const transition = transitionOf(t);
    if (!transition) return undefined;
    parsed.push(transition);
  }
  let muteOf: Mute | undefined;
  if (mute !== undefined) {
    if (!isRecord(mute)) return undefined;
    if (mute.until !== undefined && !isTime(mute.until)) return undefined;
    if (mute.remaining !== undefined && !(Number.isSafeInteger(mute.remaining) && (mute.remaining as number) > 0)) return undefined;
    muteOf = { ...(mute.until !== undefined ? { until: mute.until as number } : {}), ...(mute.remaining !== undefined ? { remaining: mute.remaining as number } : {}) };
  }
  return {
    key,
    state: state as IssueState,
    ...(muteOf && state === 'muted' ? { mute: muteOf } : {}),
    ...(resolvedAt !== undefined ? { resolvedAt: resolvedAt as number } : {}),
    lastSeen: lastSeen as number,
    transitions: parsed.sort((a, b) => a.at - b.at).slice(-MAX_TRANSITIONS),
    ...(record ? { history: record } : {}),
  };
}

function historyOf(value: unknown): OccurrenceRecord | undefined {
  if (!isRecord(value) || !isTime(value.firstSeen) || !isCount(value.total) || !Array.isArray(value.daily) || value.daily.length > HISTORY_DAYS * 2) return undefined;
  const daily: Array<[number, number]> = [];
  for (const d of value.daily) {
    if (!Array.isArray(d) || d.length !== 2 || !isCount(d[0]) || !isCount(d[1])) return undefined;
    daily.push([d[0], d[1]]);
  }
  daily.sort((a, b) => a[0] - b[0]);
  const newest = daily[daily.length - 1]?.[0] ?? 0;
  let recent: Array<[number, string]> | undefined;
  if (value.recent !== undefined) {
    if (!Array.isArray(value.recent) || value.recent.length > MAX_RECENT * 2) return undefined;
    recent = [];
    for (const r of value.recent) {
      if (!Array.isArray(r) || r.length !== 2 || !isTime(r[0]) || typeof r[1] !== 'string' || !/^[\w-]{1,64}$/.test(r[1])) return undefined;
      recent.push([r[0], r[1]]);
    }
  }
  return { firstSeen: value.firstSeen, total: value.total, daily: daily.filter(([day]) => day > newest - HISTORY_DAYS), ...(recent ? { recent: mergeRecent(recent, [], []) } : {}) };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function transitionOf(value: unknown): Transition | undefined {
  if (!isRecord(value)) return undefined;
  const { at, by, to, reason } = value;
  if (!isTime(at) || typeof by !== 'string' || by.length === 0 || by.length > MAX_NAME) return undefined;
  if (typeof to !== 'string' || !STATES.includes(to as IssueState)) return undefined;
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > MAX_REASON)) return undefined;
  return { at, by, to: to as IssueState, ...(reason !== undefined ? { reason } : {}) };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 8.64e15;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
