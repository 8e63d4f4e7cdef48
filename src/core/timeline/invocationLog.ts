import type { Invocation } from '../invocation';
import type { InvocationStatus } from '../logs/parsedLine';

export const INVOCATION_STATUSES: readonly InvocationStatus[] = ['success', 'error', 'timeout', 'outOfMemory', 'initError', 'crash'];

/** One invocation as the timeline draws it. */
export interface InvocationPoint {
  readonly requestId: string;
  readonly logStream: string;
  /** When it started (ms since the epoch). */
  readonly time: number;
  readonly durationMs: number;
  readonly initDurationMs?: number;
  readonly billedDurationMs?: number;
  readonly maxMemoryUsedMb?: number;
  readonly coldStart: boolean;
  readonly status: InvocationStatus;
  readonly version?: string;
  /** The issue the invocation belongs to (its failure), when it failed. */
  readonly issue?: string;
}

/**
 * The most recent invocations of one function, for the timeline: a ring of `capacity` entries in
 * typed arrays (about 100 bytes an invocation with its request id), so that memory is bounded
 * whatever the traffic. Figures (percentiles, counts) never come from here: they come from the
 * sketches, which see every invocation.
 */
export class InvocationLog {
  private readonly times: Float64Array;
  // Float32: a duration keeps ~7 digits, far finer than the 0.01 ms Lambda reports.
  private readonly durations: Float32Array;
  private readonly inits: Float32Array;
  private readonly billed: Float32Array;
  private readonly memory: Float32Array;
  private readonly flags: Uint8Array;
  /** Request ids that are UUIDs (Lambda's), as 16 bytes; any other id is kept as text. */
  private readonly uuidBytes: Uint8Array;
  private readonly otherIds = new Map<number, string>();
  private readonly streams: string[];
  private readonly versions: Array<string | undefined>;
  private readonly issues: Array<string | undefined>;
  private next = 0;
  private count = 0;
  /** Invocations ever added: a page that has seen `added` asks for what came after. */
  private addedTotal = 0;

  constructor(readonly capacity = 10_000) {
    this.times = new Float64Array(capacity);
    this.durations = new Float32Array(capacity);
    this.inits = new Float32Array(capacity);
    this.billed = new Float32Array(capacity);
    this.memory = new Float32Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.uuidBytes = new Uint8Array(capacity * 16);
    this.streams = new Array<string>(capacity).fill('');
    this.versions = new Array<string | undefined>(capacity).fill(undefined);
    this.issues = new Array<string | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  get added(): number {
    return this.addedTotal;
  }

  add(invocation: Invocation, issue?: string): void {
    if (invocation.durationMs === undefined || this.capacity === 0) return;
    const i = this.next;
    this.times[i] = invocation.startTime;
    this.durations[i] = invocation.durationMs;
    this.inits[i] = invocation.initDurationMs ?? Number.NaN;
    this.billed[i] = invocation.billedDurationMs ?? Number.NaN;
    this.memory[i] = invocation.maxMemoryUsedMb ?? Number.NaN;
    this.flags[i] = INVOCATION_STATUSES.indexOf(invocation.status) | (invocation.coldStart ? 0x80 : 0);
    this.otherIds.delete(i);
    if (!packUuid(invocation.requestId, this.uuidBytes, i * 16)) this.otherIds.set(i, invocation.requestId);
    this.streams[i] = invocation.logStream;
    this.versions[i] = invocation.version;
    this.issues[i] = issue;
    this.next = (i + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    this.addedTotal++;
  }

  /**
   * The invocations added after the first `added` ones (those still kept), in start order: what a
   * page that already has `added` needs to catch up, without sending it all again.
   */
  addedSince(added: number): InvocationPoint[] {
    const fresh = Math.min(Math.max(0, this.addedTotal - added), this.count);
    if (fresh === 0) return [];
    const out: InvocationPoint[] = [];
    for (let k = fresh; k >= 1; k--) out.push(this.at((this.next - k + this.capacity) % this.capacity));
    return out.sort((a, b) => a.time - b.time);
  }

  /** The invocations that started in [from, to), oldest first. */
  points(from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): InvocationPoint[] {
    const out: InvocationPoint[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let k = 0; k < this.count; k++) {
      const i = (start + k) % this.capacity;
      const time = this.times[i] as number;
      if (time < from || time >= to) continue;
      out.push(this.at(i));
    }
    // Invocations are logged as they finish: order them by start for the chart.
    return out.sort((a, b) => a.time - b.time);
  }

  private at(i: number): InvocationPoint {
    const flags = this.flags[i] as number;
    const init = this.inits[i] as number;
    const billed = this.billed[i] as number;
    const memory = this.memory[i] as number;
    return {
      requestId: this.otherIds.get(i) ?? unpackUuid(this.uuidBytes, i * 16),
      logStream: this.streams[i] as string,
      time: this.times[i] as number,
      durationMs: this.durations[i] as number,
      ...(Number.isNaN(init) ? {} : { initDurationMs: init }),
      ...(Number.isNaN(billed) ? {} : { billedDurationMs: billed }),
      ...(Number.isNaN(memory) ? {} : { maxMemoryUsedMb: memory }),
      coldStart: (flags & 0x80) !== 0,
      status: INVOCATION_STATUSES[flags & 0x7f] ?? 'success',
      ...(this.versions[i] !== undefined ? { version: this.versions[i] } : {}),
      ...(this.issues[i] !== undefined ? { issue: this.issues[i] } : {}),
    };
  }

  /**
   * One invocation by request id: with `time`, the attempt running or last finished at that time
   * (the latest that started at or before it: a retried asynchronous invocation has several
   * attempts with one id; none when that attempt is no longer kept), else the most recent.
   */
  find(requestId: string, time?: number): InvocationPoint | undefined {
    return this.points()
      .reverse()
      .find((p) => p.requestId === requestId && (time === undefined || p.time <= time));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX = '0123456789abcdef';

/** A lower-case UUID as 16 bytes at `at`; false (nothing written) for anything else. */
function packUuid(id: string, bytes: Uint8Array, at: number): boolean {
  if (id.length !== 36 || !UUID.test(id)) return false;
  let k = at;
  for (let i = 0; i < 36; i += 2) {
    if (id.charCodeAt(i) === 45 /* - */) i++;
    bytes[k++] = (HEX.indexOf(id[i] as string) << 4) | HEX.indexOf(id[i + 1] as string);
  }
  return true;
}

function unpackUuid(bytes: Uint8Array, at: number): string {
  let out = '';
  for (let k = 0; k < 16; k++) {
    if (k === 4 || k === 6 || k === 8 || k === 10) out += '-';
    const b = bytes[at + k] as number;
    out += (HEX[b >> 4] as string) + (HEX[b & 15] as string);
  }
  return out;
}
