// `npm run bench`: figures, not pass/fail. Prints analyze throughput against the bare cost of
// reading and JSON-parsing the same file, peak RSS, and retained memory per function.
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { analyzeStream, type AnalyzeOptions, type AnalyzeResult } from '../../src/cli/analyzeCommand';
import { writeDemoLogs } from '../../src/cli/demoLogsCommand';
import { readLineBatches } from '../../src/cli/lineReader';
import { MAX_THREADS, stopIdleWorkers } from '../../src/cli/parallelAnalyze';
import { Analyzer, DEFAULT_MAX_STREAMS } from '../../src/core/analysis/analyzer';
import { TrafficGenerator } from '../../src/demo/trafficGenerator';
import { DEMO_FUNCTIONS } from '../../src/demo/scenarios';

const DATA_DIR = 'bench-data';
const CORPUS = join(DATA_DIR, 'corpus-v2.jsonl');
/** The same events as one function's (one log group): what `aws logs filter-log-events` on one group gives. */
const ONE_GROUP = join(DATA_DIR, 'corpus-v2-one-group.jsonl');
/** Error lines only, each on a stream of its own: what a filter pattern such as `ERROR` exports. */
const ERRORS_ONLY = join(DATA_DIR, 'errors-only-v1.jsonl');
const ERRORS_ONLY_LINES = 100_000;
const RUNS = 5;

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

async function ensureCorpus(): Promise<void> {
  if (existsSync(CORPUS)) return;
  mkdirSync(DATA_DIR, { recursive: true });
  const out = createWriteStream(CORPUS);
  // Demo traffic, with application lines padded to a realistic ~380 bytes per event on average.
  const count = await writeDemoLogs(out, { seed: 1, durationMs: 2.25 * 3_600_000, rateScale: 1, hostileEvery: 1000, appLineChars: 200 });
  await new Promise<void>((resolve) => out.end(resolve));
  console.log(`generated ${count.toLocaleString('en-US')} events`);
}

async function ensureOneGroup(): Promise<void> {
  if (existsSync(ONE_GROUP)) return;
  const out = createWriteStream(ONE_GROUP);
  for await (const batch of readLineBatches(createReadStream(CORPUS, { highWaterMark: 1 << 20 }))) {
    const text = batch.map((line) => line.replace(/^\{"logGroupName":"\/aws\/lambda\/[^"]+"/, '{"logGroupName":"/aws/lambda/all-functions"')).join('\n');
    if (!out.write(`${text}\n`)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

async function ensureErrorsOnly(): Promise<void> {
  if (existsSync(ERRORS_ONLY)) return;
  const out = createWriteStream(ERRORS_ONLY);
  const start = Date.UTC(2026, 10, 26, 9);
  for (let i = 0; i < ERRORS_ONLY_LINES; i++) {
    const hex = i.toString(16).padStart(8, '0');
    const requestId = `${hex}-7c1e-4b5a-9d2f-${hex}a1b2`;
    const message = `2026-11-26T09:00:00.000Z\t${requestId}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'id')","stack":["TypeError: Cannot read properties of undefined (reading 'id')","    at handler (/var/task/index.js:10:5)"]}\n`;
    const line = JSON.stringify({ logGroupName: '/aws/lambda/checkout-api', logStreamName: `2026/11/26/[$LATEST]${hex.repeat(4)}`, timestamp: start + i * 10, message, eventId: String(i).padStart(56, '0') });
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

async function countLinesAndParse(path: string): Promise<number> {
  let n = 0;
  for await (const batch of readLineBatches(createReadStream(path, { highWaterMark: 1 << 20 }))) {
    for (const line of batch) {
      JSON.parse(line);
      n++;
    }
  }
  return n;
}

/** The textbook way: node's readline over the file, JSON.parse per line. */
async function readlineAndParse(path: string): Promise<number> {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    if (line.length > 0) JSON.parse(line);
    n++;
  }
  return n;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function retainedPerFunction(invocations: number, rate = 25): { bytes: number; buckets: number; streams: number; ms: number; days: number } {
  gc();
  const fn = DEMO_FUNCTIONS[0];
  if (!fn) throw new Error('no demo function');
  const before = process.memoryUsage().heapUsed;
  const started = Date.now();
  const analyzer = new Analyzer({ thresholdMs: () => 1000 });
  // One busy function (checkout-api at 25 req/s): 1M invocations span about 11 hours.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const event of new TrafficGenerator({ seed: 3, functions: [{ ...fn, rate }], maxInvocations: invocations })) {
    if (event.timestamp < first) first = event.timestamp;
    if (event.timestamp > last) last = event.timestamp;
    analyzer.ingest(event);
  }
  analyzer.flush();
  gc();
  const after = process.memoryUsage().heapUsed;
  const monitor = analyzer.functions()[0];
  const result = { bytes: after - before, buckets: monitor?.series.bucketCount ?? 0, streams: monitor?.streamCount ?? 0, ms: Date.now() - started, days: (last - first) / 86_400_000 };
  // Keep the analyzer reachable until measured.
  if (analyzer.functions().length !== 1) throw new Error('unexpected');
  return result;
}

/**
 * The best of `runs` runs of read + JSON.parse and of analyze on `path`, alternated so that both see
 * the same machine conditions; `first`: analyze's first run, before its code was compiled and its
 * threads started (what one `lambdascope analyze` costs, less node's start).
 */
async function bestRuns(path: string, runs: number, options: AnalyzeOptions = {}): Promise<{ baseline: { ms: number; value: number }; analyze: { ms: number; value: AnalyzeResult }; first: number }> {
  let baseline = await time(() => countLinesAndParse(path));
  let analyze = await time(() => analyzeStream(createReadStream(path, { highWaterMark: 1 << 20 }), options));
  const first = analyze.ms;
  for (let i = 1; i < runs; i++) {
    gc();
    const b = await time(() => countLinesAndParse(path));
    if (b.ms < baseline.ms) baseline = b;
    gc();
    const a = await time(() => analyzeStream(createReadStream(path, { highWaterMark: 1 << 20 }), options));
    if (a.ms < analyze.ms) analyze = a;
  }
  stopIdleWorkers();
  return { baseline, analyze, first };
}

function threadsText(result: AnalyzeResult): string {
  return result.threads > 1 ? `split by log stream over ${result.threads} worker threads` : 'one thread';
}

async function main(): Promise<void> {
  await ensureCorpus();
  const size = statSync(CORPUS).size;
  const mb = size / 1e6;
  // What `lambdascope analyze` does by default here (see defaultThreads), run first in this process.
  const { baseline, analyze, first } = await bestRuns(CORPUS, RUNS);
  // Split over every core even where the default is one thread, and the same bytes as one log group.
  const cores = availableParallelism();
  const everyCore = { threads: Math.min(MAX_THREADS, cores) };
  const splitRuns = cores > 1 ? await bestRuns(CORPUS, RUNS, everyCore) : undefined;
  await ensureOneGroup();
  const { baseline: oneBaseline, analyze: oneGroup } = await bestRuns(ONE_GROUP, 3, everyCore);
  await ensureErrorsOnly();
  const { analyze: errorsOnly } = await bestRuns(ERRORS_ONLY, 3);
  const readline = await time(() => readlineAndParse(CORPUS));
  const events = analyze.value.events;
  const rows: Array<[string, string]> = [
    ['corpus', `${events.toLocaleString('en-US')} events, ${mb.toFixed(1)} MB, ${analyze.value.report.functions.length} functions; ${cores} cores`],
    ['read + JSON.parse only', `${(baseline.ms / 1000).toFixed(2)} s (${Math.round(baseline.value / (baseline.ms / 1000)).toLocaleString('en-US')} events/s)`],
    ['lambdascope analyze', `${(analyze.ms / 1000).toFixed(2)} s (${threadsText(analyze.value)}, the default on ${cores} cores; best of ${RUNS})`],
    ['  events/s', Math.round(events / (analyze.ms / 1000)).toLocaleString('en-US')],
    ['  MB/s', (mb / (analyze.ms / 1000)).toFixed(1)],
    ['  ratio to read + parse', `${(analyze.ms / baseline.ms).toFixed(2)}× (target ≤ 1.3×; baseline: the same byte-level line reader + JSON.parse)`],
    ['  first run', `${(first / 1000).toFixed(2)} s (code not yet compiled: one CLI run)`],
  ];
  if (splitRuns) {
    rows.push([
      `  split over ${splitRuns.analyze.value.threads} threads`,
      `${(splitRuns.analyze.ms / 1000).toFixed(2)} s, ratio ${(splitRuns.analyze.ms / splitRuns.baseline.ms).toFixed(2)}× (${threadsText(splitRuns.analyze.value)}); first run ${(splitRuns.first / 1000).toFixed(2)} s`,
    ]);
  }
  rows.push(
    ['the same events as one log group', `${(oneGroup.ms / 1000).toFixed(2)} s (${threadsText(oneGroup.value)}): ratio ${(oneGroup.ms / oneBaseline.ms).toFixed(2)}× to its read + parse (${(oneBaseline.ms / 1000).toFixed(2)} s)`],
    [
      'errors only, a stream each',
      `${(errorsOnly.ms / 1000).toFixed(2)} s for ${ERRORS_ONLY_LINES.toLocaleString('en-US')} lines (${Math.round(ERRORS_ONLY_LINES / (errorsOnly.ms / 1000)).toLocaleString('en-US')} lines/s; far more streams than the ${DEFAULT_MAX_STREAMS.toLocaleString('en-US')} followed at once)`,
    ],
    ['readline + JSON.parse', `${(readline.ms / 1000).toFixed(2)} s — analyze is ${(analyze.ms / readline.ms).toFixed(2)}× of this common baseline`],
    ['peak RSS (process)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`],
  );
  // The engine's code is compiled in this thread first (analyze ran it on worker threads), so that its
  // bytecode and type feedback are not counted as the first function's retained memory.
  retainedPerFunction(20_000);
  // At 25 req/s (hours of traffic), and at 0.12 req/s, where 1M invocations span more than the
  // whole retention (3 h of minutes, 72 h of hours, 90 days): the worst case for bucket memory.
  for (const [n, rate] of [
    [100_000, 25],
    [1_000_000, 25],
    [1_000_000, 0.12],
  ] as const) {
    const r = retainedPerFunction(n, rate);
    rows.push([
      `retained, 1 function, ${n.toLocaleString('en-US')} invocations`,
      `${(r.bytes / 1e6).toFixed(2)} MB over ${r.days.toFixed(r.days < 1 ? 2 : 0)} days (${r.buckets} buckets, ${r.streams} streams, ${(r.ms / 1000).toFixed(1)} s) (target < 5 MB)`,
    ]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
