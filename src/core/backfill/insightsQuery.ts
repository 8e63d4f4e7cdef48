// Logs Insights backfill: one query per ≤50 log groups computes, per function and time bin, what
// the live poller would have built from REPORT lines, so that a long past window costs one scan
// instead of thousands of FilterLogEvents pages. Pure: the text of the query and the parsing of
// its rows; running it is the InsightsSource's job.
import { functionNameOf } from '../logEvent';
import type { LogFormat } from '../ports';

/** StartQuery's `logGroupNames` limit. */
export const MAX_LOG_GROUPS_PER_QUERY = 50;
/** Logs Insights returns at most this many rows a query. */
export const MAX_INSIGHTS_ROWS = 10_000;

/** The result columns, the same for both log formats (the aliases in the query). */
export const BACKFILL_FIELDS = {
  logGroup: '@log',
  bin: 'binStart',
  invocations: 'invocations',
  coldStarts: 'coldStarts',
  durationP50: 'durationP50',
  durationP90: 'durationP90',
  durationP99: 'durationP99',
  durationMax: 'durationMax',
  initDurationMax: 'initDurationMax',
  billedGbSeconds: 'billedGbSeconds',
} as const;

/** Where each format keeps a REPORT's figures. */
const SOURCES: Readonly<Record<LogFormat, { filter: string; coldStart: string; duration: string; initDuration: string; gbSeconds: string }>> = {
  // Text: the fields Insights discovers in `REPORT RequestId: …` lines. @memorySize is in BYTES
  // (128 MB reads 1.28E8, i.e. MB × 10^6), @billedDuration in ms; Lambda prices GB as 1024 MB.
  // "Init Duration" appears in a REPORT only on a cold start (AWS's own cold-start query).
  Text: {
    filter: 'filter @type = "REPORT"',
    coldStart: 'sum(strcontains(@message, "Init Duration"))',
    duration: '@duration',
    initDuration: '@initDuration',
    gbSeconds: 'sum(@billedDuration / 1000 * @memorySize / 1000000 / 1024)',
  },
  // JSON: `platform.report` records; memory is already in MB there. No `@type` in this format.
  // count(field) counts the records that have it: initDurationMs only on a cold start.
  JSON: {
    filter: 'filter type = "platform.report"',
    coldStart: 'count(record.metrics.initDurationMs)',
    duration: 'record.metrics.durationMs',
    initDuration: 'record.metrics.initDurationMs',
    gbSeconds: 'sum(record.metrics.billedDurationMs / 1000 * record.metrics.memorySizeMB / 1024)',
  },
};

/**
 * The backfill query for log groups of one format. Rows are grouped by `@log` (`<account>:<log
 * group>`), from which parseBackfillRows takes the function name: grouping by a field parsed in
 * the query would drop (or lump together) the groups its regex does not match. A log group
 * shared by several functions therefore yields one total for the group.
 */
export function buildBackfillQuery(format: LogFormat, binMinutes = 5): string {
  if (!Number.isInteger(binMinutes) || binMinutes < 1) throw new RangeError(`binMinutes must be a positive integer, got ${binMinutes}`);
  const s = SOURCES[format];
  const f = BACKFILL_FIELDS;
  return [
    s.filter,
    `| stats count(*) as ${f.invocations},`,
    `    ${s.coldStart} as ${f.coldStarts},`,
    `    pct(${s.duration}, 50) as ${f.durationP50},`,
    `    pct(${s.duration}, 90) as ${f.durationP90},`,
    `    pct(${s.duration}, 99) as ${f.durationP99},`,
    `    max(${s.duration}) as ${f.durationMax},`,
    `    max(${s.initDuration}) as ${f.initDurationMax},`,
    `    ${s.gbSeconds} as ${f.billedGbSeconds}`,
    `  by ${f.logGroup}, bin(${binMinutes}m) as ${f.bin}`,
  ].join('\n');
}

const DAY_MINUTES = 1440;
const BIN_CHOICES_MINUTES = [1, 5, 10, 15, 30, 60, 180, 360, 720, DAY_MINUTES] as const;

/**
 * The finest bin whose rows (bins × log groups, one more bin for an unaligned window) fit in one
 * query's 10,000-row limit; a day's bins when nothing finer fits.
 */
export function backfillBinMinutes(windowMs: number, logGroupCount: number): number {
  for (const minutes of BIN_CHOICES_MINUTES) {
    const bins = Math.ceil(Math.max(0, windowMs) / (minutes * 60_000)) + 1;
    if (bins * Math.max(1, logGroupCount) <= MAX_INSIGHTS_ROWS) return minutes;
  }
  return DAY_MINUTES;
}

/** The groups in order, without repeats, in chunks of at most `size` (one query each). */
export function chunkLogGroups(groups: readonly string[], size = MAX_LOG_GROUPS_PER_QUERY): string[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const unique = [...new Set(groups)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += size) chunks.push(unique.slice(i, i + size));
  return chunks;
}

/** One function's figures for one bin, as the backfill query computed them. */
export interface BackfillRecord {
  readonly logGroup: string;
  readonly accountId?: string;
  readonly functionName: string;
  /** Start of the bin, epoch ms (UTC). */
  readonly binStart: number;
  readonly invocations: number;
  readonly coldStarts: number;
  readonly durationP50Ms?: number;
  readonly durationP90Ms?: number;
  readonly durationP99Ms?: number;
  readonly durationMaxMs?: number;
  /** Absent when the bin had no cold start. */
  readonly initDurationMaxMs?: number;
  readonly billedGbSeconds: number;
}

export interface ParsedBackfill {
  readonly records: BackfillRecord[];
  /** Rows that could not be read (no group, no bin, a value that is not a number). */
  readonly skipped: number;
}

// Insights prints bins as `2026-11-26 09:05:00.000`, in UTC.
const INSIGHTS_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z?$/;

/** An Insights timestamp as epoch ms, or undefined. */
export function parseInsightsTime(text: string): number | undefined {
  const m = INSIGHTS_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m;
  const time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((ms ?? '0').padEnd(3, '0')));
  return Number.isFinite(time) ? time : undefined;
}

/** `123456789012:/aws/lambda/orders` → account and group (a bare group name is kept as is). */
export function splitLogField(value: string): { accountId?: string; logGroup: string } {
  const m = /^(\d{12}):(.+)$/.exec(value);
  return m?.[1] && m[2] ? { accountId: m[1], logGroup: m[2] } : { logGroup: value };
}

type NumericField = Exclude<keyof typeof BACKFILL_FIELDS, 'logGroup' | 'bin'>;
const NUMERIC_FIELDS: readonly NumericField[] = ['invocations', 'coldStarts', 'durationP50', 'durationP90', 'durationP99', 'durationMax', 'initDurationMax', 'billedGbSeconds'];

/** The row's numbers (absent ones undefined), or undefined when one is not a finite number. */
function readNumbers(row: Readonly<Record<string, string>>): Partial<Record<NumericField, number>> | undefined {
  const out: Partial<Record<NumericField, number>> = {};
  for (const key of NUMERIC_FIELDS) {
    const text = row[BACKFILL_FIELDS[key]];
    if (text === undefined || text.trim() === '') continue;
    const value = Number(text);
    if (!Number.isFinite(value)) return undefined;
    out[key] = value;
  }
  return out;
}

function binField(row: Readonly<Record<string, string>>): string | undefined {
  const aliased = row[BACKFILL_FIELDS.bin];
  if (aliased !== undefined) return aliased;
  // Without the alias Insights names the column after the expression, e.g. `bin(5m)`.
  const key = Object.keys(row).find((k) => k.startsWith('bin('));
  return key === undefined ? undefined : row[key];
}

function parseRow(row: Readonly<Record<string, string>>): BackfillRecord | undefined {
  const log = row[BACKFILL_FIELDS.logGroup];
  const binText = binField(row);
  const binStart = binText === undefined ? undefined : parseInsightsTime(binText);
  const n = readNumbers(row);
  if (!log || binStart === undefined || !n || n.invocations === undefined || n.invocations < 0) return undefined;
  const { accountId, logGroup } = splitLogField(log);
  return {
    logGroup,
    ...(accountId ? { accountId } : {}),
    functionName: functionNameOf(logGroup, ''),
    binStart,
    invocations: n.invocations,
    coldStarts: n.coldStarts ?? 0,
    billedGbSeconds: n.billedGbSeconds ?? 0,
    ...(n.durationP50 !== undefined ? { durationP50Ms: n.durationP50 } : {}),
    ...(n.durationP90 !== undefined ? { durationP90Ms: n.durationP90 } : {}),
    ...(n.durationP99 !== undefined ? { durationP99Ms: n.durationP99 } : {}),
    ...(n.durationMax !== undefined ? { durationMaxMs: n.durationMax } : {}),
    ...(n.initDurationMax !== undefined ? { initDurationMaxMs: n.initDurationMax } : {}),
  };
}

/** The rows of a backfill query (GetQueryResults, as records) as typed per-function, per-bin figures. */
export function parseBackfillRows(rows: ReadonlyArray<Readonly<Record<string, string>>>): ParsedBackfill {
  const records: BackfillRecord[] = [];
  let skipped = 0;
  for (const row of rows) {
    const record = parseRow(row);
    if (record) records.push(record);
    else skipped++;
  }
  return { records, skipped };
}
