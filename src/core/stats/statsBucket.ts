import type { Invocation } from '../invocation';
import { QuantileSketch } from './quantileSketch';

/** A slow invocation kept as a latency-outlier candidate. */
export interface SlowInvocation {
  readonly requestId: string;
  readonly time: number;
  readonly durationMs: number;
  readonly coldStart: boolean;
  readonly logStream: string;
}

/** Slowest invocations kept per bucket: the candidates for the window's outliers. */
const SLOWEST_PER_BUCKET = 5;

/**
 * Slower first; on a tie the smaller request id, then the earlier start (a retry's attempts share
 * the id), then the stream: an order on invocations, so that any order of arrival keeps the same.
 */
function ranksBefore(durationMs: number, requestId: string, time: number, logStream: string, other: SlowInvocation): boolean {
  if (durationMs !== other.durationMs) return durationMs > other.durationMs;
  if (requestId !== other.requestId) return requestId < other.requestId;
  if (time !== other.time) return time < other.time;
  return logStream < other.logStream;
}

function slower(a: SlowInvocation, b: SlowInvocation): boolean {
  return ranksBefore(a.durationMs, a.requestId, a.time, a.logStream, b);
}

/** Whether an invocation would enter a full list (decided before a candidate object is made). */
function entersSlowest(list: readonly SlowInvocation[], durationMs: number, requestId: string, time: number, logStream: string): boolean {
  const last = list.length >= SLOWEST_PER_BUCKET ? list[list.length - 1] : undefined;
  return !last || ranksBefore(durationMs, requestId, time, logStream, last);
}

/** Keep `list` as the `SLOWEST_PER_BUCKET` slowest, slowest first (the same in any order of arrival). */
function offerSlow(list: SlowInvocation[], candidate: SlowInvocation): void {
  if (entersSlowest(list, candidate.durationMs, candidate.requestId, candidate.time, candidate.logStream)) insertSlow(list, candidate);
}

/** Insert a candidate that entersSlowest admitted. */
function insertSlow(list: SlowInvocation[], candidate: SlowInvocation): void {
  // The same invocation offered again (its id, start and stream; a retry's attempts share the id).
  if (list.some((s) => s.requestId === candidate.requestId && s.time === candidate.time && s.logStream === candidate.logStream && s.durationMs === candidate.durationMs)) return;
  let at = list.length;
  while (at > 0 && slower(candidate, list[at - 1] as SlowInvocation)) at--;
  list.splice(at, 0, candidate);
  if (list.length > SLOWEST_PER_BUCKET) list.pop();
}

/** Everything counted about one function over one time slice; buckets merge into bigger ones. */
export class StatsBucket {
  invocations = 0;
  /** Failed invocations of every kind (errors, timeouts, out-of-memory kills, init errors, crashes). */
  failures = 0;
  errors = 0;
  timeouts = 0;
  outOfMemory = 0;
  initErrors = 0;
  crashes = 0;
  coldStarts = 0;
  snapStartRestores = 0;
  handledErrors = 0;
  overThreshold = 0;
  billedMs = 0;
  /** Billed milliseconds × memory MB, summed as whole numbers so that any order gives the same total. */
  mbMilliseconds = 0;
  /** The memory size of the bucket's latest invocation (by start; the larger on a tie), so that any order gives the same. */
  memorySizeMb = 0;
  private memorySizeTime = Number.NEGATIVE_INFINITY;
  maxMemoryUsedMb = 0;
  readonly warm = new QuantileSketch();
  readonly cold = new QuantileSketch();
  readonly init = new QuantileSketch();
  readonly restore = new QuantileSketch();
  readonly slowest: SlowInvocation[] = [];
  /**
   * The start of the earliest bucket merged in: a window's summary holds whole buckets, so its
   * figures may reach back before the window to here (+∞ while nothing is merged).
   */
  coversFrom: number;
  /** The earliest invocation counted (by start; +∞ while none is). */
  firstTime = Number.POSITIVE_INFINITY;

  /** `width` 0: a summary to merge buckets into, covering nothing of its own. */
  constructor(
    readonly start: number,
    readonly width: number,
  ) {
    this.coversFrom = width > 0 ? start : Number.POSITIVE_INFINITY;
  }

  /** GB-seconds of compute billed: billed duration × memory size. */
  get gbSeconds(): number {
    return this.mbMilliseconds / 1000 / 1024;
  }

  add(invocation: Invocation, thresholdMs: number | undefined): void {
    this.invocations++;
    switch (invocation.status) {
      case 'success':
        break;
      case 'error':
        this.errors++;
        break;
      case 'timeout':
        this.timeouts++;
        break;
      case 'outOfMemory':
        this.outOfMemory++;
        break;
      case 'initError':
        this.initErrors++;
        break;
      case 'crash':
        this.crashes++;
        break;
    }
    if (invocation.status !== 'success') this.failures++;
    this.handledErrors += invocation.handledErrors.length;
    if (invocation.coldStart) this.coldStarts++;
    if (invocation.snapStartRestore) this.snapStartRestores++;
    const duration = invocation.durationMs;
    if (duration !== undefined) {
      (invocation.coldStart ? this.cold : this.warm).add(duration);
      if (thresholdMs !== undefined && duration > thresholdMs) this.overThreshold++;
      if (entersSlowest(this.slowest, duration, invocation.requestId, invocation.startTime, invocation.logStream)) {
        insertSlow(this.slowest, {
          requestId: invocation.requestId,
          time: invocation.startTime,
          durationMs: duration,
          coldStart: invocation.coldStart,
          logStream: invocation.logStream,
        });
      }
    }
    if (invocation.initDurationMs !== undefined) this.init.add(invocation.initDurationMs);
    if (invocation.restoreDurationMs !== undefined) this.restore.add(invocation.restoreDurationMs);
    if (invocation.startTime < this.firstTime) this.firstTime = invocation.startTime;
    // Whole milliseconds and megabytes, as Lambda bills them (a report may write decimals): whole
    // numbers add up to the same total in any order. A SnapStart REPORT's Billed Duration already
    // includes its Billed Restore Duration (the sample REPORT: Duration 100.36 ms, Billed Restore
    // Duration 146 ms, Billed Duration 247 ms = 101 + 146): adding it again would bill it twice.
    const billed = Math.round(invocation.billedDurationMs ?? 0);
    this.billedMs += billed;
    if (invocation.memorySizeMb !== undefined) {
      this.mbMilliseconds += billed * Math.round(invocation.memorySizeMb);
      // 0 MB (a malformed report) is no memory size, as a merged bucket without one.
      if (invocation.memorySizeMb > 0) this.takeMemorySize(invocation.memorySizeMb, invocation.startTime);
    }
    if (invocation.maxMemoryUsedMb !== undefined && invocation.maxMemoryUsedMb > this.maxMemoryUsedMb) {
      this.maxMemoryUsedMb = invocation.maxMemoryUsedMb;
    }
  }

  /**
   * A bucket that crossed a thread boundary: a structured clone keeps its fields but not its class
   * (nor those of its sketches). `merge` reads only fields, so the clone is folded into a new one.
   */
  static revive(clone: StatsBucket): StatsBucket {
    const bucket = new StatsBucket(clone.start, clone.width);
    bucket.merge(clone);
    return bucket;
  }

  /** Fold `other` into this bucket (other's memory size wins if it is the newer one). */
  merge(other: StatsBucket): void {
    this.invocations += other.invocations;
    this.failures += other.failures;
    this.errors += other.errors;
    this.timeouts += other.timeouts;
    this.outOfMemory += other.outOfMemory;
    this.initErrors += other.initErrors;
    this.crashes += other.crashes;
    this.coldStarts += other.coldStarts;
    this.snapStartRestores += other.snapStartRestores;
    this.handledErrors += other.handledErrors;
    this.overThreshold += other.overThreshold;
    this.billedMs += other.billedMs;
    this.mbMilliseconds += other.mbMilliseconds;
    this.coversFrom = Math.min(this.coversFrom, other.coversFrom);
    this.firstTime = Math.min(this.firstTime, other.firstTime);
    if (other.memorySizeMb > 0) this.takeMemorySize(other.memorySizeMb, other.memorySizeTime);
    this.maxMemoryUsedMb = Math.max(this.maxMemoryUsedMb, other.maxMemoryUsedMb);
    this.warm.merge(other.warm);
    this.cold.merge(other.cold);
    this.init.merge(other.init);
    this.restore.merge(other.restore);
    for (const slow of other.slowest) offerSlow(this.slowest, slow);
  }

  private takeMemorySize(memorySizeMb: number, time: number): void {
    if (time > this.memorySizeTime || (time === this.memorySizeTime && memorySizeMb > this.memorySizeMb)) {
      this.memorySizeMb = memorySizeMb;
      this.memorySizeTime = time;
    }
  }
}
