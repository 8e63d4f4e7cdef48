import { issueFigures, MAX_ISSUES_PER_FUNCTION, mergeIssueFigures, type IssueFigures } from '../issues/issueTracker';
import type { TimeWindow } from '../stats/bucketSeries';
import { StatsBucket } from '../stats/statsBucket';
import type { FunctionMonitor } from './functionMonitor';

/**
 * What a function's figures over a window are computed from, as plain data: an analysis split
 * over threads by log stream gets one part of a function from each thread, and the parts merge
 * into exactly what one monitor of all the streams would give (counts and sketch bins add; every
 * choice among issues and slow invocations is by time and id, not by arrival).
 */
export interface FunctionPart {
  readonly name: string;
  readonly thresholdMs: number | undefined;
  /** Every bucket overlapping the window, merged (a StatsBucket's fields, perhaps a structured clone). */
  readonly summary: StatsBucket;
  /** Every issue, whatever the window (an issue's span is known only once its parts are merged). */
  readonly issues: IssueFigures[];
  readonly incomplete: number;
  readonly duplicates: number;
  readonly late: number;
  readonly invalidTimestamps: number;
  readonly droppedInvocations: number;
  readonly issueOverflow: number;
}

export function functionPart(monitor: FunctionMonitor, window: TimeWindow | undefined): FunctionPart {
  return {
    name: monitor.name,
    thresholdMs: monitor.thresholdMs,
    summary: monitor.series.summarize(window),
    issues: monitor.issues.all().map(issueFigures),
    incomplete: monitor.incomplete,
    duplicates: monitor.duplicates,
    late: monitor.late,
    invalidTimestamps: monitor.invalidTimestamps,
    droppedInvocations: monitor.series.droppedInvocations,
    issueOverflow: monitor.issues.overflow,
  };
}

/**
 * One part per function from the parts of several analyses of disjoint streams (in any order),
 * sorted by name; undefined when they cannot be merged into exactly what one analysis would give:
 * beyond the per-function cap on distinct issues, which ones one monitor keeps depends on the
 * order in which they first came.
 */
export function mergeFunctionParts(parts: readonly FunctionPart[]): FunctionPart[] | undefined {
  const byName = new Map<string, FunctionPart[]>();
  for (const part of parts) {
    const list = byName.get(part.name);
    if (list) list.push(part);
    else byName.set(part.name, [part]);
  }
  const names = [...byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const merged = names.map((name) => mergeParts(byName.get(name) as FunctionPart[]));
  return merged.some((m) => m.issueOverflow > 0 || m.issues.length > MAX_ISSUES_PER_FUNCTION) ? undefined : merged;
}

function mergeParts(parts: readonly FunctionPart[]): FunctionPart {
  const first = parts[0] as FunctionPart;
  const summary = StatsBucket.revive(first.summary);
  const issues = new Map<string, IssueFigures>();
  let incomplete = 0;
  let duplicates = 0;
  let late = 0;
  let invalidTimestamps = 0;
  let droppedInvocations = 0;
  let issueOverflow = 0;
  for (const [i, part] of parts.entries()) {
    if (i > 0) summary.merge(part.summary);
    for (const issue of part.issues) {
      const known = issues.get(issue.fingerprint);
      if (known) mergeIssueFigures(known, issue);
      else issues.set(issue.fingerprint, { ...issue, requestIds: [...issue.requestIds], requestTimes: [...issue.requestTimes] });
    }
    incomplete += part.incomplete;
    duplicates += part.duplicates;
    late += part.late;
    invalidTimestamps += part.invalidTimestamps;
    droppedInvocations += part.droppedInvocations;
    issueOverflow += part.issueOverflow;
  }
  return { name: first.name, thresholdMs: first.thresholdMs, summary, issues: [...issues.values()], incomplete, duplicates, late, invalidTimestamps, droppedInvocations, issueOverflow };
}
