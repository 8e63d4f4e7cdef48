import type { InitFailure, Invocation } from '../invocation';
import type { ErrorInfo } from '../logs/parsedLine';
import { EventDedup, type Dedup, type DedupVerdict } from '../logs/eventDedup';
import { FileEventDedup } from '../logs/fileEventDedup';
import { matchQuietLine, parseLine, type QuietLineMatch } from '../logs/parseLine';
import { StreamAssembler, type AssemblerSink, type FinishedRequests } from '../logs/streamAssembler';
import { IssueTracker } from '../issues/issueTracker';
import { BucketSeries, type RetentionPolicy } from '../stats/bucketSeries';
import { InvocationLog } from '../timeline/invocationLog';
import { StreamRecency, type RecencyLinks } from './streamRecency';

const EARLIEST = Date.UTC(2014, 10, 13); // AWS Lambda's launch
const LATEST = Date.UTC(2100, 0, 1);
/** Where matchQuietLine last found a request id (reused: one line at a time). */
const quiet: QuietLineMatch = { idStart: -1, idEnd: -1 };

/** A CloudWatch timestamp that can be real: anything else would poison windows and watermarks. */
export function isPlausibleTimestamp(time: number): boolean {
  return Number.isFinite(time) && time >= EARLIEST && time < LATEST;
}

export interface MonitorOptions {
  readonly dedupHorizonMs: number;
  /**
   * Remember every event of every stream to the end (a file read whole), instead of a horizon: a
   * stream finalised as quiet keeps its events' keys, so copies any distance apart count once.
   */
  readonly rememberAllEvents?: boolean;
  readonly settleMs: number;
  readonly maxStreams: number;
  /**
   * At `maxStreams` streams: finalise the quietest to make room (default), or keep them all and
   * set `streamCapReached` (a part of a split analysis: see PartitionAnalysis).
   */
  readonly streamCap?: 'evict' | 'flag';
  /** Arrivals after which a quiet stream is finalised and forgotten (default 50,000). */
  readonly quietAfterArrivals?: number;
  readonly retention?: RetentionPolicy;
  /** A per-function latency objective ("99% under X ms"). */
  readonly thresholdMs?: number;
  readonly onInvocation?: (invocation: Invocation) => void;
  /** Invocations kept one by one for the timeline (default 10,000; 0 keeps none). */
  readonly timelineCapacity?: number;
}

/**
 * A stream finalised as quiet in a whole file's analysis, with what it takes to recognise its
 * re-read, in one array of numbers (the smallest form: there may be hundreds of thousands):
 * [time of its last finished request, n, its finished requests as n numbers
 * (StreamAssembler.finished), its events' keys as FileEventDedup.pack gives them].
 */
type SetAsideStream = number[];

function setAsideStream(requests: FinishedRequests, dedup: FileEventDedup): SetAsideStream {
  return dedup.pack([requests.lastTime, requests.entries.length, ...requests.entries]);
}
function finishedRequestsOf(kept: SetAsideStream): FinishedRequests {
  const n = kept[1] as number;
  return { lastTime: kept[0] as number, entries: kept.slice(2, 2 + n) };
}
function eventsOf(kept: SetAsideStream): FileEventDedup {
  return FileEventDedup.unpack(kept, 2 + (kept[1] as number));
}

interface StreamEntry extends RecencyLinks {
  readonly key: string;
  readonly assembler: StreamAssembler;
  readonly dedup: Dedup;
  /** Arrival number (or position) of the stream's latest event, for finding quiet streams. */
  lastArrival: number;
  /** The monitor's count of events at the stream's latest: unique, in arrival order (positions repeat within a page). */
  lastSeq: number;
  /** Timestamp of the stream's latest event. */
  lastTime: number;
}

/**
 * A stream with no event for this long, at a settle, has ended: Lambda's longest invocation is
 * 15 minutes, and an environment idle for longer is reclaimed. Finalised and forgotten, so that
 * polling for days keeps only the streams that are alive.
 */
const STREAM_QUIET_MS = 20 * 60_000;

/**
 * A stream that has received no event in this many arrivals (for its function) is finalised and
 * forgotten: its environment has gone, and a re-read of it would have come sooner (polls overlap
 * by seconds; a poll page holds at most 10,000 events). This bounds memory by traffic, not time.
 */
const QUIET_AFTER_ARRIVALS = 50_000;

/** Everything Lambdascope knows about one function, fed one log event at a time. */
export class FunctionMonitor implements AssemblerSink {
  readonly series: BucketSeries;
  readonly issues = new IssueTracker();
  /** The most recent invocations, one by one, for the timeline (bounded). */
  readonly timeline: InvocationLog;
  private readonly streams = new Map<string, StreamEntry>();
  /** The same streams, quietest first: finished ones apart from those with a request in progress. */
  private readonly recency = new StreamRecency<StreamEntry>();
  private arrivals = 0;
  private lastStreamName: string | undefined;
  private lastStream: StreamEntry | undefined;
  private nextSweep = 0;
  /** rememberAllEvents: streams finalised as quiet, until they come back. */
  private readonly setAside = new Map<string, SetAsideStream>();
  events = 0;
  /** streamCap 'flag': the monitor reached maxStreams live streams (after finalising the quiet ones). */
  streamCapReached = false;
  duplicates = 0;
  late = 0;
  invalidTimestamps = 0;
  incomplete = 0;
  standaloneInitFailures = 0;
  firstEventTime = Number.POSITIVE_INFINITY;
  lastEventTime = Number.NEGATIVE_INFINITY;

  constructor(
    readonly name: string,
    private readonly options: MonitorOptions,
  ) {
    this.series = new BucketSeries(options.retention);
    this.timeline = new InvocationLog(options.timelineCapacity ?? 10_000);
  }

  get thresholdMs(): number | undefined {
    return this.options.thresholdMs;
  }

  /**
   * One event. `position`: where it is in its input, when the caller counts (a file's line number):
   * then a stream is quiet after that many positions without an event, and is finalised before its
   * next event as a sweep would have done, whenever sweeps ran, so that whether a stream was
   * finalised depends on its own events alone, not on those of other streams (an analysis split
   * by stream gives the same figures). Without it, arrivals at this monitor are counted.
   */
  ingest(logStream: string, time: number, message: string, eventId: string | undefined, position?: number): DedupVerdict {
    if (!isPlausibleTimestamp(time)) {
      this.invalidTimestamps++;
      return 'invalid';
    }
    const seq = ++this.arrivals;
    const arrival = position ?? seq;
    // The stream of the previous event is the likeliest; compare before hashing a fresh string.
    let entry = logStream === this.lastStreamName ? this.lastStream : this.streams.get(logStream);
    if (entry && position !== undefined && this.isQuiet(entry, arrival)) {
      this.finalizeStream(logStream, entry);
      entry = undefined;
    }
    if (!entry) {
      const flag = this.options.streamCap === 'flag';
      if (!flag && this.streams.size >= this.options.maxStreams) {
        // With positions, the quiet are finalised first, so that room is made only when the
        // streams alive at this position (alike however the input is split) fill the cap.
        if (position !== undefined) this.sweepQuietStreams(arrival);
        if (this.streams.size >= this.options.maxStreams) this.evictQuietest();
      }
      const kept = this.setAside.get(logStream);
      entry = {
        key: logStream,
        assembler: new StreamAssembler(this.name, logStream, this, { settleMs: this.options.settleMs }),
        dedup: this.newDedup(kept),
        lastArrival: arrival,
        lastSeq: seq,
        lastTime: time,
        inOpen: undefined,
        newer: undefined,
        older: undefined,
      };
      if (kept) {
        this.setAside.delete(logStream);
        entry.assembler.restore(finishedRequestsOf(kept));
      }
      this.streams.set(logStream, entry);
      if (flag && this.streams.size >= this.options.maxStreams) {
        this.sweepQuietStreams(arrival);
        if (this.streams.size >= this.options.maxStreams) this.streamCapReached = true;
      }
    }
    entry.lastArrival = arrival;
    entry.lastSeq = seq;
    if (time > entry.lastTime) entry.lastTime = time;
    const assembler = entry.assembler;
    this.recency.touch(entry, assembler.hasOpenRequest);
    this.lastStreamName = logStream;
    this.lastStream = entry;
    if (arrival >= this.nextSweep) this.sweepQuietStreams(arrival);
    const verdict = entry.dedup.check(time, message, eventId);
    if (verdict === 'duplicate') {
      this.duplicates++;
      return verdict;
    }
    if (verdict === 'late') this.late++;
    this.events++;
    if (time < this.firstEventTime) this.firstEventTime = time;
    if (time > this.lastEventTime) this.lastEventTime = time;
    if (matchQuietLine(message, quiet)) assembler.acceptQuiet(message, quiet.idStart, quiet.idEnd, time);
    else assembler.accept(parseLine(message), time, verdict === 'late');
    if (assembler.hasOpenRequest !== entry.inOpen) this.recency.touch(entry, assembler.hasOpenRequest);
    return verdict;
  }

  /** Finalise invocations whose REPORT is older than the settle delay at `time`. */
  settle(time: number): void {
    for (const [key, entry] of this.streams) {
      if (entry.lastTime < time - STREAM_QUIET_MS) this.finalizeStream(key, entry);
      else {
        entry.assembler.settle(time);
      }
    }
  }

  /** End of input: finalise every stream. */
  flush(): void {
    for (const entry of this.streams.values()) this.incomplete += entry.assembler.flush();
  }

  get streamCount(): number {
    return this.streams.size;
  }

  // AssemblerSink
  invocation(invocation: Invocation): void {
    this.series.add(invocation, this.options.thresholdMs);
    let issue: string | undefined;
    if (invocation.error) {
      issue = this.issues.record({ functionName: this.name, status: invocation.status, error: invocation.error, time: invocation.startTime, requestId: invocation.requestId })?.fingerprint;
    }
    this.timeline.add(invocation, issue);
    for (const error of invocation.handledErrors) {
      this.issues.record({ functionName: this.name, status: 'handled', error, time: invocation.startTime, requestId: invocation.requestId });
    }
    this.options.onInvocation?.(invocation);
  }

  initFailure(failure: InitFailure): void {
    this.standaloneInitFailures++;
    this.issues.record({ functionName: this.name, status: 'initError', error: failure.error, time: failure.time });
  }

  lateError(_functionName: string, requestId: string, time: number, error: ErrorInfo): void {
    this.issues.record({ functionName: this.name, status: 'handled', error, time, requestId });
  }

  /** Finalise and forget streams that have been quiet for long enough; an open request keeps its stream. */
  private get quietAfter(): number {
    return this.options.quietAfterArrivals ?? QUIET_AFTER_ARRIVALS;
  }

  /** No event for long enough, and no request in progress (one keeps its stream). */
  private isQuiet(entry: StreamEntry, arrival: number): boolean {
    return arrival - entry.lastArrival >= this.quietAfter && !entry.assembler.hasOpenRequest;
  }

  private sweepQuietStreams(arrival: number): void {
    this.nextSweep = arrival + Math.max(1, Math.floor(this.quietAfter / 4));
    // Finished streams in order of their latest event: the quiet ones are the oldest.
    for (let entry = this.recency.quietestFinished; entry && this.isQuiet(entry, arrival); entry = this.recency.quietestFinished) {
      this.finalizeStream(entry.key, entry);
    }
  }

  /**
   * Make room by finalising the quietest streams: those with no request in progress first (an
   * evicted open request is lost: counted incomplete, its REPORT later a new invocation). Up to a
   * sixteenth of the streams, all finished, goes at once, so that a function past the cap makes
   * room for many new streams at a time; a request in progress goes only alone.
   */
  private evictQuietest(): void {
    if (this.recency.finishedCount === 0) {
      const open = this.recency.quietestOpen;
      if (open) this.finalizeStream(open.key, open);
      return;
    }
    const count = Math.max(1, Math.floor(this.streams.size / 16));
    for (let n = 0; n < count; n++) {
      const entry = this.recency.quietestFinished;
      if (!entry) break;
      this.finalizeStream(entry.key, entry);
    }
  }

  private newDedup(kept: SetAsideStream | undefined): Dedup {
    if (!this.options.rememberAllEvents) return new EventDedup(this.options.dedupHorizonMs);
    return kept ? eventsOf(kept) : new FileEventDedup();
  }

  /** Finalise a stream's invocations and forget it (all but its events' keys, when every event is remembered). */
  private finalizeStream(key: string, entry: StreamEntry): void {
    this.incomplete += entry.assembler.flush();
    this.streams.delete(key);
    this.recency.remove(entry);
    if (this.lastStream === entry) this.lastStream = this.lastStreamName = undefined;
    if (entry.dedup instanceof FileEventDedup) this.setAside.set(key, setAsideStream(entry.assembler.finished(), entry.dedup));
  }
}
