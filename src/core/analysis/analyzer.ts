import { functionNameOf, isDefaultGroupOf, type LogEvent } from '../logEvent';
import type { Invocation } from '../invocation';
import type { DedupVerdict } from '../logs/eventDedup';
import type { RetentionPolicy } from '../stats/bucketSeries';
import { FunctionMonitor } from './functionMonitor';

/** Streams a function follows at once unless told otherwise. */
export const DEFAULT_MAX_STREAMS = 4096;

export interface AnalyzerOptions {
  /** How far back, per stream, re-read events are recognised (≥ the poller's overlap). Default 2 min. */
  readonly dedupHorizonMs?: number;
  /** How long lines may still arrive for a request after its REPORT. Default 2 s. */
  readonly settleMs?: number;
  /** Streams followed at once per function; the quietest is finalised beyond this. Default DEFAULT_MAX_STREAMS. */
  readonly maxStreamsPerFunction?: number;
  /** At that many streams: make room (default), or only flag it (see MonitorOptions.streamCap). */
  readonly streamCap?: 'evict' | 'flag';
  /** Arrivals (per function, or positions when the caller gives them) after which a quiet stream is finalised and forgotten. Default 50,000. */
  readonly quietAfterArrivals?: number;
  /** Remember every event's key to the end instead of a horizon (a file read whole: see MonitorOptions). */
  readonly rememberAllEvents?: boolean;
  readonly retention?: RetentionPolicy;
  readonly thresholdMs?: (functionName: string) => number | undefined;
  readonly onInvocation?: (invocation: Invocation) => void;
  /** Invocations kept one by one per function for the timeline (default 10,000). */
  readonly timelineCapacity?: number;
}

/** The monitoring engine's entry point: log events in, per-function state out. */
export class Analyzer {
  private readonly monitors = new Map<string, FunctionMonitor>();
  private readonly groupMonitor = new Map<string, FunctionMonitor>();
  private readonly recentGroups: Array<string | FunctionMonitor> = [];

  constructor(private readonly options: AnalyzerOptions = {}) {}

  /** `position`: where the event is in its input, when the caller counts (see FunctionMonitor.ingest). */
  ingest(event: LogEvent, position?: number): DedupVerdict {
    return this.monitorFor(event.logGroupName, event.logStreamName).ingest(event.logStreamName, event.timestamp, event.message, event.eventId, position);
  }

  /** Ingest an event for a function named by the caller (events that carry no log group). */
  ingestFor(functionName: string, logStream: string, timestamp: number, message: string, eventId?: string, position?: number): DedupVerdict {
    return this.monitor(functionName).ingest(logStream, timestamp, message, eventId, position);
  }

  settle(time: number): void {
    for (const monitor of this.monitors.values()) monitor.settle(time);
  }

  /** Settle one function only (its logs are complete up to `time`; others may not be). */
  settleFunction(functionName: string, time: number): void {
    this.monitors.get(functionName)?.settle(time);
  }

  flush(): void {
    for (const monitor of this.monitors.values()) monitor.flush();
  }

  /** Whether a function reached its stream cap with streamCap 'flag'. */
  get streamCapReached(): boolean {
    for (const monitor of this.monitors.values()) if (monitor.streamCapReached) return true;
    return false;
  }

  monitor(functionName: string): FunctionMonitor {
    let monitor = this.monitors.get(functionName);
    if (!monitor) {
      monitor = new FunctionMonitor(functionName, {
        dedupHorizonMs: this.options.dedupHorizonMs ?? 120_000,
        settleMs: this.options.settleMs ?? 2_000,
        maxStreams: this.options.maxStreamsPerFunction ?? DEFAULT_MAX_STREAMS,
        streamCap: this.options.streamCap,
        quietAfterArrivals: this.options.quietAfterArrivals,
        rememberAllEvents: this.options.rememberAllEvents,
        retention: this.options.retention,
        thresholdMs: this.options.thresholdMs?.(functionName),
        onInvocation: this.options.onInvocation,
        timelineCapacity: this.options.timelineCapacity,
      });
      this.monitors.set(functionName, monitor);
    }
    return monitor;
  }

  /** The monitor of a function the analyzer has seen (unlike monitor(), never creates one). */
  find(functionName: string): FunctionMonitor | undefined {
    return this.monitors.get(functionName);
  }

  functions(): FunctionMonitor[] {
    return [...this.monitors.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private monitorFor(logGroupName: string, logStreamName: string): FunctionMonitor {
    // A few recently seen groups, compared directly: cheaper than hashing each event's fresh string.
    const recent = this.recentGroups;
    for (let i = 0; i < recent.length; i += 2) {
      if (recent[i] === logGroupName) return recent[i + 1] as FunctionMonitor;
    }
    // Default groups map to one function; the cache spares re-deriving it for every event.
    const cached = this.groupMonitor.get(logGroupName);
    if (cached !== undefined) {
      if (recent.length >= 16) recent.splice(0, 2);
      recent.push(logGroupName, cached);
      return cached;
    }
    const monitor = this.monitor(functionNameOf(logGroupName, logStreamName));
    // Only a group named for its function always names it (`/aws/lambda/` alone leaves it to each stream).
    if (isDefaultGroupOf(logGroupName, monitor.name)) this.groupMonitor.set(logGroupName, monitor);
    return monitor;
  }
}
