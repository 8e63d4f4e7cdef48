import type { AnalysisReport, ReportOptions } from '../core/analysis/analysisReport';
import { LAMBDA_PRICES, type Architecture } from '../core/cost/priceTable';
import type { SkippedLines } from './eventInput';

export interface AnalyzeOptions {
  readonly functionName?: string;
  readonly region?: string;
  readonly architecture?: Architecture;
  readonly thresholdMs?: number;
  /** Called for each skipped line, or event of a page (`event`: its number there; the CLI warns on stderr). */
  readonly onSkip?: SkipListener;
  /**
   * The worker thread script for analysing a large file on several cores (default: the bundled
   * `analyzeWorker.js` when there is one); false analyses on this thread only.
   */
  readonly workerScript?: string | false;
  /** Smallest input analysed on several threads (default 8 MB; tests use less). */
  readonly splitFromBytes?: number;
  /** Threads to split a large file over (default: the cores, at most 8); 1 analyses on this thread. */
  readonly threads?: number;
}

/** `event`: the skipped event's number (from 1) in a `{"events":[…]}` page, when it is one of those. */
export type SkipListener = (line: number, reason: string, event?: number) => void;

export interface AnalyzeResult {
  readonly report: AnalysisReport;
  readonly skipped: SkippedLines;
  readonly events: number;
  /** Threads that analysed the input (more than 1 for a large file split over worker threads). */
  readonly threads: number;
}

/** Skipped lines counted by reason, in the order reasons first occur, passed on to `onSkip`. */
export function skipCounter(options: AnalyzeOptions): { skipped: SkippedLines; onSkip: SkipListener } {
  const skipped: SkippedLines = { lines: 0, reasons: {} };
  return {
    skipped,
    onSkip: (line, reason, event) => {
      skipped.lines++;
      skipped.reasons[reason] = (skipped.reasons[reason] ?? 0) + 1;
      options.onSkip?.(line, reason, event);
    },
  };
}

/** How `analyze` prices its report. */
export function reportOptions(options: AnalyzeOptions): ReportOptions {
  return { prices: LAMBDA_PRICES, region: options.region, costConfigOf: () => (options.architecture ? { architecture: options.architecture } : undefined) };
}

