// Worker thread entry (dist/analyzeWorker.js): one part of a split analysis (see parallelAnalyze.ts).
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './parallelAnalyze';
import { PartitionAnalysis } from './partitionAnalysis';

const port = parentPort;
if (!port) throw new Error('analyzeWorker runs as a worker thread');
// One analysis at a time; the thread is kept for the next (see parallelAnalyze.ts).
let part = new PartitionAnalysis({ index: 0, count: 1 });
const send = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'start':
      part = new PartitionAnalysis(message.setup);
      return;
    case 'block':
      part.block(Buffer.from(message.bytes, 0, message.length));
      send({ type: 'ack' });
      return;
    case 'tooLong':
      part.tooLong();
      return;
    case 'end':
      send({ type: 'spans', spans: part.finish(), conflict: part.conflict });
      return;
    case 'report':
      send({ type: 'figures', figures: part.figures(message.window), events: part.events, skips: part.skips });
      part = new PartitionAnalysis({ index: 0, count: 1 });
      return;
  }
});
