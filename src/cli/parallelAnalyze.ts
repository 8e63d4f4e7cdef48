import { existsSync, ReadStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { assembleReport, partFigures, reportWindow } from '../core/analysis/analysisReport';
import { mergeFunctionParts, type FunctionPart } from '../core/analysis/functionPart';
import type { TimeWindow } from '../core/stats/bucketSeries';
import { reportOptions, skipCounter, type AnalyzeOptions, type AnalyzeResult } from './analyzeOptions';
import { LINE_TOO_LONG, lineText, readLineBlocks } from './lineReader';
import { newLineRoute, routeLine, type FunctionSpan, type PartitionSetup, type SkipRecord } from './partitionAnalysis';

/** Below this size an input is analysed on one thread: starting threads would cost more than they save. */
const MIN_SPLIT_BYTES = 8 << 20;
/** Most threads an analysis is split over: every one reads the whole file, so more would mostly read. */
export const MAX_THREADS = 8;
/**
 * Fewer cores than this and one thread is faster: every thread reads and routes the whole file and
 * compiles the engine itself. Measured on a 2-vCPU VM (190 MB, one `analyze` run): one thread
 * 1.9 s, two 2.1 s with 1.6× the CPU time; two busy threads there get ~1.4× one core's work done.
 */
const MIN_CORES_TO_SPLIT = 3;

/** The threads an analysis uses by default on `cores` cores, `leave` of them left to other work. */
export function defaultThreads(cores: number, leave = 0): number {
  if (cores < MIN_CORES_TO_SPLIT) return 1;
  return Math.max(1, Math.min(MAX_THREADS, cores - leave));
}

type Block = Buffer | typeof LINE_TOO_LONG;

/** The file a split analysis reads: every worker reads its bytes [0, bytes) itself. */
export interface SplitFile {
  readonly path: string;
  readonly bytes: number;
}

/** Main thread → worker. */
export type ToWorker = { readonly type: 'start'; readonly setup: PartitionSetup; readonly file: SplitFile } | { readonly type: 'report'; readonly window: TimeWindow | undefined };
/** Worker → main thread. */
export type FromWorker =
  | { readonly type: 'spans'; readonly spans: FunctionSpan[]; readonly conflict: boolean }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'parts'; readonly parts: FunctionPart[]; readonly events: number; readonly skips: SkipRecord[] };

export interface SplitInput {
  readonly script: string;
  readonly parts: number;
  readonly file: SplitFile;
}

/** The worker script next to the running bundle (dist/cli.js, dist/bench/*.js), if built. */
function bundledWorkerScript(): string | undefined {
  for (const path of [join(__dirname, 'analyzeWorker.js'), join(__dirname, '..', 'analyzeWorker.js')]) if (existsSync(path)) return path;
  return undefined;
}

/** A regular file's stream not yet read: it can be read again from its start, and by other threads. */
function fileOf(input: Readable): SplitFile | undefined {
  if (!(input instanceof ReadStream) || typeof input.path !== 'string' || input.bytesRead > 0) return undefined;
  const options = input as unknown as { start?: number; end?: number };
  if (options.start !== undefined || (options.end !== undefined && options.end !== Number.POSITIVE_INFINITY)) return undefined;
  try {
    const stat = statSync(input.path);
    return stat.isFile() ? { path: input.path, bytes: stat.size } : undefined;
  } catch {
    return undefined;
  }
}

async function* chain(first: readonly Block[], rest: AsyncIterator<Block> | undefined): AsyncGenerator<Block> {
  yield* first;
  if (!rest) return;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

/**
 * The input's blocks of lines, or how to split its analysis over worker threads: a large JSON
 * Lines regular file (so that each worker can read it, and it can be read again, see
 * PartitionAnalysis.conflict) whose lines mostly name their stream first, when there are enough
 * cores (see defaultThreads; or `threads` > 1) and a worker script. When split, the input is
 * closed: the workers read the file themselves, so that no thread copies it for them.
 */
export async function parallelInput(input: Readable, workerScript: string | false | undefined, splitFromBytes = MIN_SPLIT_BYTES, threads?: number): Promise<{ blocks: AsyncIterable<Block>; split?: undefined } | { blocks?: undefined; split: SplitInput }> {
  const blocks = readLineBlocks(input);
  const script = workerScript === undefined ? bundledWorkerScript() : workerScript || undefined;
  const parts = threads ?? defaultThreads(availableParallelism());
  const file = fileOf(input);
  if (script === undefined || parts < 2 || file === undefined || file.bytes < Math.max(1, splitFromBytes)) return { blocks };
  // Threads take ~0.1 s to start: they do so while the sample is read.
  prestartWorkers(script, parts);
  const first: Block[] = [];
  let bytes = 0;
  let done = false;
  while (bytes < splitFromBytes) {
    const r = await blocks.next();
    if (r.done) {
      done = true;
      break;
    }
    first.push(r.value);
    bytes += r.value.length;
  }
  if (done || !startsWithJsonLine(first) || !mostlyRoutable(first)) return { blocks: chain(first, done ? undefined : blocks) };
  input.destroy();
  return { split: { script, parts, file } };
}

/**
 * Whether most lines of the sample name their stream where routeLine reads it: the others are
 * parsed by every thread, so a file mostly of those (another layout, no stream) is read faster on one.
 */
function mostlyRoutable(first: readonly Block[]): boolean {
  const route = newLineRoute();
  let lines = 0;
  let routed = 0;
  for (const block of first) {
    if (block === LINE_TOO_LONG) continue;
    for (let start = 0; start < block.length; ) {
      let end = block.indexOf(10, start);
      if (end < 0) end = block.length;
      lines++;
      if (routeLine(block, start, end, route) >= 0) routed++;
      start = end + 1;
    }
  }
  return routed * 2 >= lines;
}

/** Split analysis needs JSON Lines: the first line must be a JSON value. */
function startsWithJsonLine(first: readonly Block[]): boolean {
  const block = first[0];
  if (block === undefined || block === LINE_TOO_LONG) return false;
  let end = block.indexOf(10);
  if (end < 0) end = block.length;
  try {
    JSON.parse(lineText(block, 0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * The analysis split over worker threads by log stream (see PartitionAnalysis): each worker reads
 * the whole file, analyses its streams, and returns what it knows of each function; the parts are
 * merged here and the report assembled from them. Undefined when the split could not be used (a
 * worker failed or found a conflict, see PartitionAnalysis.conflict, or the parts cannot be merged
 * exactly, see mergeFunctionParts): the caller then analyses on one thread.
 */
export async function analyzeInWorkers(split: SplitInput, options: AnalyzeOptions): Promise<AnalyzeResult | undefined> {
  const workers = takeWorkers(split.script, split.parts);
  let failure: unknown;
  const replies = workers.map(() => [] as FromWorker[]);
  const waiters: Array<(() => void) | undefined> = workers.map(() => undefined);
  const detach: Array<() => void> = [];
  workers.forEach((worker, i) => {
    const onMessage = (message: FromWorker): void => {
      if (message.type === 'failed') failure ??= new Error(message.message);
      else replies[i]?.push(message);
      waiters[i]?.();
    };
    const fail = (error: unknown): void => {
      failure ??= error ?? new Error('worker stopped');
      waiters[i]?.();
    };
    const onExit = (): void => fail(new Error('worker exited'));
    worker.on('message', onMessage).on('error', fail).on('exit', onExit);
    detach.push(() => worker.off('message', onMessage).off('error', fail).off('exit', onExit));
    const setup: PartitionSetup = { index: i, count: split.parts, functionName: options.functionName, thresholdMs: options.thresholdMs };
    worker.postMessage({ type: 'start', setup, file: split.file } satisfies ToWorker);
  });
  const reply = async <T extends FromWorker['type']>(i: number, type: T): Promise<Extract<FromWorker, { type: T }>> => {
    for (;;) {
      const queue = replies[i] as FromWorker[];
      const at = queue.findIndex((m) => m.type === type);
      if (at >= 0) return queue.splice(at, 1)[0] as Extract<FromWorker, { type: T }>;
      if (failure !== undefined) throw failure;
      await new Promise<void>((resolve) => (waiters[i] = resolve));
    }
  };
  // Reusable only once the workers have answered all (not after a failure or an early return).
  let finished = false;
  try {
    // Refused as soon as one worker finds a conflict (the others are stopped on the way out).
    const ended = await new Promise<Array<Extract<FromWorker, { type: 'spans' }>> | undefined>((resolve, reject) => {
      const got: Array<Extract<FromWorker, { type: 'spans' }>> = [];
      let left = workers.length;
      workers.forEach((_, i) => {
        reply(i, 'spans').then((e) => {
          if (e.conflict) resolve(undefined);
          got[i] = e;
          if (--left === 0) resolve(got);
        }, reject);
      });
    });
    if (!ended) return undefined;
    const window = reportWindow(
      ended.flatMap((e) => e.spans),
      {},
    );
    for (const worker of workers) worker.postMessage({ type: 'report', window } satisfies ToWorker);
    const parts = await Promise.all(workers.map((_, i) => reply(i, 'parts')));
    const priced = reportOptions(options);
    const merged = mergeFunctionParts(parts.flatMap((p) => p.parts));
    if (!merged) return undefined;
    const figures = merged.map((part) => partFigures(part, window, priced));
    const { skipped, onSkip } = skipCounter(options);
    for (const skip of parts.flatMap((p) => p.skips).sort((a, b) => a.line - b.line)) onSkip(skip.line, skip.reason, skip.event);
    const events = parts.reduce((n, p) => n + p.events, 0);
    finished = true;
    return { report: assembleReport(figures, window, priced), skipped, events, threads: workers.length };
  } catch {
    return undefined;
  } finally {
    for (const off of detach) off();
    releaseWorkers(split.script, workers, failure === undefined && finished);
  }
}

/**
 * Workers are kept a few seconds after an analysis, for the next one: a new thread starts with
 * cold code and a small heap, which costs about as much as its share of a large file saves.
 * They never keep the process alive.
 */
const IDLE_MS = 5_000;
let idle: { script: string; workers: Worker[]; timer: ReturnType<typeof setTimeout> } | undefined;

function takeWorkers(script: string, count: number): Worker[] {
  const kept = idle;
  if (kept?.script === script && kept.workers.length === count) {
    clearTimeout(kept.timer);
    idle = undefined;
    return kept.workers;
  }
  forgetIdle();
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(script);
    worker.unref();
    // A kept worker that stops is not handed out again.
    worker.once('exit', () => {
      if (idle?.workers.includes(worker)) forgetIdle();
    });
    workers.push(worker);
  }
  return workers;
}

/** Start workers now and keep them for the analysis about to ask for them (see takeWorkers). */
function prestartWorkers(script: string, count: number): void {
  if (idle?.script === script && idle.workers.length === count) return;
  releaseWorkers(script, takeWorkers(script, count), true);
}

/** Stop the workers kept for a next analysis now (they would stop by themselves after IDLE_MS). */
export function stopIdleWorkers(): void {
  forgetIdle();
}

function forgetIdle(): void {
  const kept = idle;
  idle = undefined;
  if (!kept) return;
  clearTimeout(kept.timer);
  for (const worker of kept.workers) void worker.terminate();
}

function releaseWorkers(script: string, workers: Worker[], reusable: boolean): void {
  if (!reusable || idle) {
    for (const worker of workers) void worker.terminate();
    return;
  }
  const timer = setTimeout(() => {
    if (idle?.workers === workers) forgetIdle();
  }, IDLE_MS);
  timer.unref();
  idle = { script, workers, timer };
}
