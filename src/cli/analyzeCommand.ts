import { Analyzer } from '../core/analysis/analyzer';
import { buildAnalysisReport, type AnalysisReport } from '../core/analysis/analysisReport';
import { LAMBDA_PRICES, type Architecture } from '../core/cost/priceTable';
import { readEvents, type SkippedLines } from './eventInput';
import { readLines } from './lineReader';
import type { Readable } from 'node:stream';

export interface AnalyzeOptions {
  readonly functionName?: string;
  readonly region?: string;
  readonly architecture?: Architecture;
  readonly thresholdMs?: number;
  /** Called for each skipped line (the CLI warns on stderr). */
  readonly onSkip?: (line: number, reason: string) => void;
}

export interface AnalyzeResult {
  readonly report: AnalysisReport;
  readonly skipped: SkippedLines;
  readonly events: number;
}

/** Read CloudWatch log events from `input` and analyse them: the engine behind `lambdascope analyze`. */
export async function analyzeStream(input: Readable, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const analyzer = new Analyzer({ thresholdMs: () => options.thresholdMs });
  const skipped: SkippedLines = { lines: 0, reasons: {} };
  let events = 0;
  for await (const item of readEvents(readLines(input), { functionName: options.functionName })) {
    if (item.kind === 'skip') {
      skipped.lines++;
      skipped.reasons[item.reason] = (skipped.reasons[item.reason] ?? 0) + 1;
      options.onSkip?.(item.line, item.reason);
      continue;
    }
    events++;
    analyzer.ingest(item.event);
  }
  analyzer.flush();
  const report = buildAnalysisReport(analyzer, {
    prices: LAMBDA_PRICES,
    region: options.region,
    architectureOf: () => options.architecture,
  });
  return { report, skipped, events };
}
