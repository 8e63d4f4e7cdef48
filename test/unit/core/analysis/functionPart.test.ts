// A function's streams analysed apart (as the threads of a split analysis do) and merged give
// exactly the report of one analysis of them all: counts, percentiles, issues, outliers, costs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { assembleReport, buildAnalysisReport, partFigures, reportWindow, type AnalysisReport, type ReportOptions } from '../../../../src/core/analysis/analysisReport';
import { functionPart, mergeFunctionParts } from '../../../../src/core/analysis/functionPart';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';
import type { LogEvent } from '../../../../src/core/logEvent';
import { Random } from '../../../../src/demo/random';
import { TrafficGenerator } from '../../../../src/demo/trafficGenerator';

const OPTIONS: ReportOptions = { prices: LAMBDA_PRICES, maxOutliers: 50 };

function analyse(events: readonly LogEvent[], thresholdMs?: number): Analyzer {
  const analyzer = new Analyzer({ thresholdMs: () => thresholdMs, retention: { minutes: 180, hours: 72, days: 36_500 } });
  for (const e of events) analyzer.ingest(e);
  analyzer.flush();
  return analyzer;
}

/** The report of `events` analysed in `parts`, each stream in the part `partOf` gives it. */
function splitReport(events: readonly LogEvent[], parts: number, partOf: (stream: string) => number, thresholdMs?: number): AnalysisReport {
  const analyzers = Array.from({ length: parts }, (_, p) => analyse(events.filter((e) => partOf(e.logStreamName) === p), thresholdMs));
  const window = reportWindow(
    analyzers.flatMap((a) => a.functions()),
    OPTIONS,
  );
  // Through a structured clone, as between threads: classes are lost, fields kept.
  const merged = mergeFunctionParts(analyzers.flatMap((a) => structuredClone(a.functions().map((m) => functionPart(m, window))))) ?? assert.fail('the parts merge');
  return assembleReport(
    merged.map((p) => partFigures(p, window, OPTIONS)),
    window,
    OPTIONS,
  );
}

test('streams analysed in 2, 3 and 5 parts, at random, merge into the one-analysis report', () => {
  // Async retries, every failure kind, hostile text: every rule of issues and slow lists is exercised.
  const events = [...new TrafficGenerator({ seed: 5, durationMs: 30 * 60_000, rateScale: 0.5, hostileEvery: 9, asyncFunctions: ['orders-worker', 'image-resizer'] })];
  const whole = buildAnalysisReport(analyse(events, 800), OPTIONS);
  assert.ok(whole.functions.length >= 5);
  assert.ok(whole.functions.some((f) => f.issues.some((i) => i.count > 50)), 'an issue with more occurrences than it keeps request ids');
  for (const parts of [2, 3, 5]) {
    const random = new Random(parts);
    const owner = new Map<string, number>();
    const partOf = (stream: string): number => {
      let p = owner.get(stream);
      if (p === undefined) owner.set(stream, (p = Math.floor(random.next() * parts)));
      return p;
    };
    assert.deepEqual(splitReport(events, parts, partOf, 800), whole, `${parts} parts`);
    assert.ok(new Set(owner.values()).size === parts, 'every part has streams');
  }
});

test('one part with every stream, the others with none: the same report', () => {
  const events = [...new TrafficGenerator({ seed: 9, durationMs: 10 * 60_000, rateScale: 0.3 })];
  assert.deepEqual(splitReport(events, 3, () => 1), buildAnalysisReport(analyse(events), OPTIONS));
});
