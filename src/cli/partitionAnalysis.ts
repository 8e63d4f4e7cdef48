import { Analyzer, DEFAULT_MAX_STREAMS } from '../core/analysis/analyzer';
import type { EventSpan } from '../core/analysis/analysisReport';
import { functionPart, type FunctionPart } from '../core/analysis/functionPart';
import { isDefaultGroupOf, type LogEvent } from '../core/logEvent';
import type { TimeWindow } from '../core/stats/bucketSeries';
import { EventLineReader, type InputItem } from './eventInput';
import { LINE_TOO_LONG, lineText, MAX_LINE_BYTES } from './lineReader';
import type { SkipListener } from './analyzeOptions';

export interface PartitionSetup {
  /** This part's number, 0 … count − 1; a single part (count 1) analyses everything. */
  readonly index: number;
  readonly count: number;
  readonly functionName?: string;
  readonly thresholdMs?: number;
}

export interface SkipRecord {
  readonly line: number;
  readonly reason: string;
  readonly event?: number;
}

export interface FunctionSpan extends EventSpan {
  readonly name: string;
}

/**
 * The analyzer `lambdascope analyze` uses for a file, or for one of `parts` parts of it.
 */
export function fileAnalyzer(thresholdMs: number | undefined, parts = 1): Analyzer {
  // A file is analysed whole: its days are all kept (the extension keeps a rolling window instead).
  // No timeline: the command line prints figures, not invocations one by one.
  // Every event's key is remembered to the end (16 bytes an event in time order), not for a
  // horizon: exports of overlapping time ranges concatenated in any order then count each event
  // once, however far apart the copies are in the file. Quiet streams are still finalised: after
  // 50,000 lines of the file without an event (see FunctionMonitor.ingest), so that whether a
  // stream was finalised depends on its own lines alone, and a split finalises the same ones.
  // Past the stream cap, one analysis makes room; a part does not: it flags that it holds
  // DEFAULT_MAX_STREAMS / parts streams alive, the least one of them holds when the whole would be at the
  // cap, and the split is then refused (PartitionAnalysis.conflict).
  return new Analyzer({
    thresholdMs: () => thresholdMs,
    retention: { minutes: 180, hours: 72, days: 36_500 },
    timelineCapacity: 0,
    rememberAllEvents: true,
    maxStreamsPerFunction: parts === 1 ? DEFAULT_MAX_STREAMS : Math.floor(DEFAULT_MAX_STREAMS / parts),
    streamCap: parts === 1 ? 'evict' : 'flag',
  });
}

const LOG_GROUP_KEY = Buffer.from('{"logGroupName":', 'latin1');
const LOG_STREAM_KEY = Buffer.from('"logStreamName":', 'latin1');
const LAMBDA_PREFIX = Buffer.from('/aws/lambda/', 'latin1');
/** Longest log group and stream names routed from bytes (CloudWatch allows 512). */
const MAX_NAME = 512;
/** A stream's key hashes its last characters: the instance id at the end of Lambda's stream names. */
const STREAM_TAIL = 16;
/** How far back an escape (`\uXXXX` at the longest) can reach into the bytes a key is made of. */
const ESCAPE_REACH = 5;

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  // 30 bits: a small integer to the engine (no number boxed per line, a faster map key).
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

/** What tells log stream `stream` apart when sharing streams out (two streams may share a key: they then share a part). */
export function streamKey(stream: string): number {
  let h = 0x811c9dc5;
  for (let i = Math.max(0, stream.length - STREAM_TAIL); i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193);
  return mix(h);
}

/**
 * streamKey of the name in bytes [from, to), or −1 when its last characters are not plain ASCII
 * (an escape, a quote, another script: their text is JSON.parse's to read).
 */
function streamKeyOfBytes(bytes: Buffer, from: number, to: number): number {
  let h = 0x811c9dc5;
  const tail = Math.max(from, to - STREAM_TAIL);
  for (let i = Math.max(from, tail - ESCAPE_REACH); i < tail; i++) {
    const c = bytes[i] as number;
    if (c === 92 || c === 34 || c >= 0x80) return -1;
  }
  for (let i = tail; i < to; i++) {
    const c = bytes[i] as number;
    if (c === 92 || c === 34 || c >= 0x80) return -1;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return mix(h);
}

/** How many more streams than another a part may be given while the bytes say it is the least loaded. */
const STREAM_SLACK = 16;

/**
 * Which part analyses each stream: the least loaded one (by bytes) when the stream first appears,
 * unless it already has STREAM_SLACK streams more than another (a burst of new streams while one
 * part lags in bytes would all go to it, and a part holds a bounded number of streams alive: see
 * fileAnalyzer). Every part sees every line in the same order and makes the same calls, so all
 * agree without talking to each other.
 */
export class StreamOwners {
  private readonly owners = new Map<number, number>();
  private readonly load: Float64Array;
  private readonly streams: Float64Array;

  constructor(count: number) {
    this.load = new Float64Array(count);
    this.streams = new Float64Array(count);
  }

  /** The part of the stream with this key; `bytes`, what its line adds to that part's load. */
  ownerOf(key: number, bytes: number): number {
    let owner = this.owners.get(key);
    if (owner === undefined) {
      owner = 0;
      let fewest = 0;
      for (let p = 1; p < this.load.length; p++) {
        if ((this.load[p] as number) < (this.load[owner] as number)) owner = p;
        if ((this.streams[p] as number) < (this.streams[fewest] as number)) fewest = p;
      }
      if ((this.streams[owner] as number) > (this.streams[fewest] as number) + STREAM_SLACK) owner = fewest;
      this.owners.set(key, owner);
      this.streams[owner] = (this.streams[owner] as number) + 1;
    }
    this.load[owner] = (this.load[owner] as number) + bytes;
    return owner;
  }
}

/**
 * The analysis of one part of a JSON Lines input, split by log stream: every part reads every
 * line (all the same bytes), but only decodes, parses and analyses the lines of its own streams,
 * so that parts can run on separate threads. A stream's events all go to one part, in input order:
 * its invocations, its de-duplication and its lines without a request id are exactly those of a
 * single analysis, and a function's figures from several parts merge into that analysis's (see
 * FunctionPart). Streams of one function share out over the parts, so a file of one log group is
 * split as well as one of many.
 *
 * A stream's part is decided where it first appears, alike in every part (StreamOwners). Most
 * lines are routed from their bytes, `{"logGroupName":"…","logStreamName":"…"` or
 * `{"logStreamName":"…"` at their start, without
 * parsing; the owner then parses the line and checks that its stream is one of this part's (a line
 * may repeat its `logStreamName` key: the last one counts). When not, `conflict` is set: the parts'
 * results are then unusable and the input must be analysed again in one part. Other lines are
 * parsed by every part, and analysed by the part of their stream.
 */
export class PartitionAnalysis {
  readonly analyzer: Analyzer;
  /** Events analysed by this part. */
  events = 0;
  /** Skipped lines this part reports (each skipped line is reported by one part). */
  readonly skips: SkipRecord[] = [];
  /** A line its bytes routed to this part named another stream when parsed. */
  private misrouted = false;
  private readonly reader: EventLineReader;
  private readonly items: InputItem[] = [];
  /** Function names recently routed from bytes, to find a name without decoding it. */
  private readonly recent: string[] = [];
  private readonly route = newLineRoute();
  private readonly owners: StreamOwners;

  constructor(
    private readonly setup: PartitionSetup,
    private readonly onSkip?: SkipListener,
  ) {
    this.analyzer = fileAnalyzer(setup.thresholdMs, setup.count);
    // Split input is JSON Lines (its first line was checked); a single part works that out itself.
    this.reader = new EventLineReader({ functionName: setup.functionName }, setup.count > 1 ? 'lines' : 'unknown');
    this.owners = new StreamOwners(setup.count);
  }

  /**
   * Whether this part's result cannot be merged into exactly what one analysis gives: a line was
   * routed to it by bytes that misled (see routeLine), a function reached the part's stream cap
   * (see fileAnalyzer), or more distinct issues than a function keeps (see mergeFunctionParts;
   * known here when one part alone has them). The input must then be analysed again in one part;
   * reading can stop.
   */
  get conflict(): boolean {
    return this.misrouted || (this.setup.count > 1 && (this.analyzer.streamCapReached || this.analyzer.functions().some((m) => m.issues.overflow > 0)));
  }

  /** A block of whole lines (each ends with `\n`, but perhaps the input's last). */
  block(bytes: Buffer): void {
    const n = bytes.length;
    const { index, count } = this.setup;
    let start = 0;
    while (start < n) {
      let end = bytes.indexOf(10, start);
      if (end < 0) end = n;
      if (end - start > MAX_LINE_BYTES) this.line(LINE_TOO_LONG, undefined, -1);
      else if (count === 1) this.line(lineText(bytes, start, end), undefined, -1);
      else {
        const key = routeLine(bytes, start, end, this.route);
        if (key < 0) this.line(lineText(bytes, start, end), undefined, -1);
        else if (this.owners.ownerOf(key, end + 1 - start) === index) this.line(lineText(bytes, start, end), routedName(bytes, this.route, this.recent), key);
        else this.reader.countLine();
      }
      start = end + 1;
    }
  }

  /** A line too long to be read. */
  tooLong(): void {
    this.line(LINE_TOO_LONG, undefined, -1);
  }

  /** End of input: finalise, and give each function's time span. */
  finish(): FunctionSpan[] {
    this.reader.end(this.items);
    this.takeItems(undefined, -1);
    this.analyzer.flush();
    return this.analyzer.functions().map((m) => ({ name: m.name, firstEventTime: m.firstEventTime, lastEventTime: m.lastEventTime }));
  }

  /** What this part knows of each function over the report's window, to merge with the other parts'. */
  parts(window: TimeWindow | undefined): FunctionPart[] {
    return this.analyzer.functions().map((m) => functionPart(m, window));
  }

  /**
   * One line; `routed`: the key of the stream its bytes named, one of this part's (−1: not routed,
   * every part parses the line); `name`: the function they named (a group `/aws/lambda/<name>`).
   */
  private line(text: string, name: string | undefined, routed: number): void {
    const event = this.reader.event(text);
    if (event) {
      this.take(event, name, routed);
      return;
    }
    this.reader.push(text, this.items);
    if (this.items.length > 0) this.takeItems(name, routed);
  }

  private takeItems(name: string | undefined, routed: number): void {
    for (const item of this.items) {
      if (item.kind === 'event') this.take(item.event, name, routed);
      // A line parsed by every part is reported by the first.
      else if (routed >= 0 || this.setup.index === 0) {
        if (this.onSkip) this.onSkip(item.line, item.reason, item.event);
        else this.skips.push({ line: item.line, reason: item.reason, event: item.event });
      }
    }
    this.items.length = 0;
  }

  private take(event: LogEvent, name: string | undefined, routed: number): void {
    if (this.setup.count > 1) {
      const key = streamKey(event.logStreamName);
      if (routed >= 0) {
        // Its bytes named another stream than the parsed line does (a repeated key): the parts disagree.
        if (key !== routed) {
          this.misrouted = true;
          return;
        }
      } else {
        // Weighed about as its line would be: the stream's name, the message and the rest of a typical line.
        const weight = event.logStreamName.length + event.message.length + 128;
        if (this.owners.ownerOf(key, weight) !== this.setup.index) return;
      }
    }
    this.events++;
    const position = this.reader.lineNumber;
    // The function its bytes named (the common case): no need to derive it from the group again.
    if (name !== undefined && isDefaultGroupOf(event.logGroupName, name)) this.analyzer.ingestFor(name, event.logStreamName, event.timestamp, event.message, event.eventId, position);
    else this.analyzer.ingest(event, position);
  }
}

/** What routeLine read of a line besides its stream's key. */
export interface LineRoute {
  /** The function's name in the line's bytes [nameFrom, nameTo), when its group is `/aws/lambda/<name>` (else nameTo = nameFrom). */
  nameFrom: number;
  nameTo: number;
  /** The length of the last stream name read: most lines of a file have names of one length. */
  streamLength: number;
}

export function newLineRoute(): LineRoute {
  return { nameFrom: 0, nameTo: 0, streamLength: 0 };
}

/** The function routeLine found in `bytes`, if any (`recent`: names found lately, reused rather than decoded). */
export function routedName(bytes: Buffer, route: LineRoute, recent: string[]): string | undefined {
  return route.nameTo > route.nameFrom ? recentName(bytes, route.nameFrom, route.nameTo, recent) : undefined;
}

/** Whether `key` is at `at` in `bytes`, before `end`. */
function keyAt(bytes: Buffer, at: number, end: number, key: Buffer): boolean {
  if (at + key.length > end) return false;
  for (let k = 0; k < key.length; k++) if (bytes[at + k] !== key[k]) return false;
  return true;
}

/** The closing quote of a JSON string starting at `from` (before `end`, and not escaped), or −1. */
function stringEnd(bytes: Buffer, from: number, end: number): number {
  const limit = Math.min(end, from + MAX_NAME + 1);
  for (let at = from; at < limit; at++) {
    if (bytes[at] === 34 /* " */) return at > from && bytes[at - 1] !== 92 /* \ */ ? at : -1;
  }
  return -1;
}

/** Where a string value starts after a key (compact, or with the space Python's json.dumps puts), or −1. */
function valueStart(bytes: Buffer, at: number): number {
  if (bytes[at] === 32) at++;
  return bytes[at] === 34 /* " */ ? at + 1 : -1;
}

/**
 * The key (streamKey) of the stream a line names at its start — `{"logGroupName":"G","logStreamName":"S"`
 * or `{"logStreamName":"S"`, compact or with a space after `:` and `,` — read from its bytes, or
 * −1 for any other line; `route` tells where the function's name is, when G is
 * `/aws/lambda/<name>`. Few bytes are read, and only those the key is made of are checked to be
 * plain text: the part that parses the line checks its stream's
 * key again, and its group (isDefaultGroupOf), so that a line whose bytes misled this reading is
 * found out (PartitionAnalysis.conflict), never miscounted.
 */
export function routeLine(bytes: Buffer, start: number, end: number, route: LineRoute): number {
  route.nameTo = route.nameFrom = start;
  let at = start + 1;
  if (keyAt(bytes, start, end, LOG_GROUP_KEY)) {
    const groupFrom = valueStart(bytes, start + LOG_GROUP_KEY.length);
    if (groupFrom < 0) return -1;
    const groupEnd = stringEnd(bytes, groupFrom, end);
    if (groupEnd < 0 || bytes[groupEnd + 1] !== 44 /* , */) return -1;
    if (groupEnd > groupFrom + LAMBDA_PREFIX.length && keyAt(bytes, groupFrom, groupEnd, LAMBDA_PREFIX)) {
      route.nameFrom = groupFrom + LAMBDA_PREFIX.length;
      route.nameTo = groupEnd;
    }
    at = groupEnd + 2;
    if (bytes[at] === 32) at++;
  } else if (bytes[start] !== 123 /* { */) return -1;
  if (!keyAt(bytes, at, end, LOG_STREAM_KEY)) return -1;
  const streamFrom = valueStart(bytes, at + LOG_STREAM_KEY.length);
  if (streamFrom < 0 || streamFrom >= end) return -1;
  // The closing quote where the last name's ended (checked: no quote in the bytes hashed before
  // it), else found by reading the name.
  let streamEnd = streamFrom + route.streamLength;
  if (route.streamLength === 0 || streamEnd >= end || bytes[streamEnd] !== 34 || bytes[streamEnd + 1] !== 44) {
    streamEnd = stringEnd(bytes, streamFrom, end);
    if (streamEnd < 0) return -1;
    route.streamLength = streamEnd - streamFrom;
  }
  return streamKeyOfBytes(bytes, streamFrom, streamEnd);
}

/** The ASCII text of bytes [from, to), from `recent` if there (most lines repeat a few names). */
function recentName(bytes: Buffer, from: number, to: number, recent: string[]): string {
  for (const name of recent) if (sameText(name, bytes, from, to)) return name;
  const name = bytes.toString('latin1', from, to);
  if (recent.length >= 32) recent.pop();
  recent.unshift(name);
  return name;
}

/** Whether `text` (ASCII) is exactly the bytes [from, to). */
function sameText(text: string, bytes: Buffer, from: number, to: number): boolean {
  if (text.length !== to - from) return false;
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) !== bytes[from + k]) return false;
  return true;
}
