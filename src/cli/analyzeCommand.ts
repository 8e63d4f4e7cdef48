import { Analyzer } from '../core/analysis/analyzer';
import { buildAnalysisReport, type AnalysisReport } from '../core/analysis/analysisReport';
import { LAMBDA_PRICES, type Architecture } from '../core/cost/priceTable';
import { EventLineReader, type InputItem, type SkippedLines } from './eventInput';
import { readLineBatches } from './lineReader';
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
  // A file is analysed whole: its days are all kept (the extension keeps a rolling window instead).
  // No timeline: the command line prints figures, not invocations one by one.
  const analyzer = new Analyzer({ thresholdMs: () => options.thresholdMs, retention: { minutes: 180, hours: 72, days: 36_500 }, timelineCapacity: 0 });
  const skipped: SkippedLines = { lines: 0, reasons: {} };
  let events = 0;
  const reader = new EventLineReader({ functionName: options.functionName });
  const items: InputItem[] = [];
  const consume = (): void => {
    for (const item of items) {
      if (item.kind === 'skip') {
        skipped.lines++;
        skipped.reasons[item.reason] = (skipped.reasons[item.reason] ?? 0) + 1;
        options.onSkip?.(item.line, item.reason);
      } else {
        events++;
        analyzer.ingest(item.event);
      }
    }
    items.length = 0;
  };
  for await (const batch of readLineBatches(input)) {
    for (const line of batch) {
      const event = reader.event(line);
      if (event) {
        events++;
        analyzer.ingest(event);
        continue;
      }
      reader.push(line, items);
      if (items.length > 0) consume();
    }
  }
  reader.end(items);
  consume();
  analyzer.flush();
  const report = buildAnalysisReport(analyzer, {
    prices: LAMBDA_PRICES,
    region: options.region,
    architectureOf: () => options.architecture,
  });
  return { report, skipped, events };
}
