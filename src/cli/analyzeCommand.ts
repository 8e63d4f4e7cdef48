export type { AnalyzeOptions, AnalyzeResult } from './analyzeOptions';
import { buildAnalysisReport } from '../core/analysis/analysisReport';
import { reportOptions, skipCounter, type AnalyzeOptions, type AnalyzeResult } from './analyzeOptions';
import { LINE_TOO_LONG, readLineBlocks } from './lineReader';
import { analyzeInWorkers, parallelInput } from './parallelAnalyze';
import { PartitionAnalysis } from './partitionAnalysis';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** Read CloudWatch log events from `input` and analyse them: the engine behind `lambdascope analyze`. */
export async function analyzeStream(input: Readable, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const parallel = await parallelInput(input, options.workerScript, options.splitFromBytes, options.threads);
  if (parallel.split) {
    const result = await analyzeInWorkers(parallel.split, options);
    // Not usable (see analyzeInWorkers): the file is read again, on this thread.
    return result ?? analyzeOnThisThread(readLineBlocks(createReadStream(parallel.split.file.path, { highWaterMark: 1 << 20 })), options);
  }
  return analyzeOnThisThread(parallel.blocks, options);
}

/** The whole analysis on this thread, from blocks of whole lines. */
export async function analyzeOnThisThread(blocks: AsyncIterable<Buffer | typeof LINE_TOO_LONG>, options: AnalyzeOptions): Promise<AnalyzeResult> {
  const { skipped, onSkip } = skipCounter(options);
  const part = new PartitionAnalysis({ index: 0, count: 1, functionName: options.functionName, thresholdMs: options.thresholdMs }, onSkip);
  for await (const block of blocks) {
    if (block === LINE_TOO_LONG) part.tooLong();
    else part.block(block);
  }
  part.finish();
  return { report: buildAnalysisReport(part.analyzer, reportOptions(options)), skipped, events: part.events, threads: 1 };
}

