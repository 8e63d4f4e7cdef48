// Worker thread entry (dist/analyzeWorker.js): one part of a split analysis (see parallelAnalyze.ts).
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { LINE_TOO_LONG, readLineBlocks } from './lineReader';
import type { FromWorker, SplitFile, ToWorker } from './parallelAnalyze';
import { PartitionAnalysis } from './partitionAnalysis';

const port = parentPort;
if (!port) throw new Error('analyzeWorker runs as a worker thread');
// One analysis at a time; the thread is kept for the next (see parallelAnalyze.ts).
let part = new PartitionAnalysis({ index: 0, count: 1 });
const send = (message: FromWorker): void => port.postMessage(message);

/** Read the whole file (every part reads every line) and analyse this part's functions. */
async function analyse(analysis: PartitionAnalysis, file: SplitFile): Promise<void> {
  try {
    const input = createReadStream(file.path, { start: 0, end: Math.max(0, file.bytes - 1), highWaterMark: 1 << 20 });
    for await (const block of readLineBlocks(input)) {
      if (block === LINE_TOO_LONG) analysis.tooLong();
      else analysis.block(block);
      // The split will be refused: no need to read on.
      if (analysis.conflict) {
        input.destroy();
        break;
      }
    }
    send({ type: 'spans', spans: analysis.finish(), conflict: analysis.conflict });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'start':
      part = new PartitionAnalysis(message.setup);
      void analyse(part, message.file);
      return;
    case 'report':
      send({ type: 'parts', parts: part.parts(message.window), events: part.events, skips: part.skips });
      part = new PartitionAnalysis({ index: 0, count: 1 });
      return;
  }
});
