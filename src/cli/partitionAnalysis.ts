import { Analyzer } from '../core/analysis/analyzer';
import { functionFigures, type EventSpan, type FunctionFigures } from '../core/analysis/analysisReport';
import type { Architecture } from '../core/cost/priceTable';
import { functionNameOf, isDefaultGroupOf, type LogEvent } from '../core/logEvent';
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
  readonly architecture?: Architecture;
  /** Functions given a part ahead (from a sample of the input): [name, part]. */
  readonly plan?: ReadonlyArray<readonly [string, number]>;
}

export interface SkipRecord {
  readonly line: number;
  readonly reason: string;
  readonly event?: number;
}

export interface FunctionSpan extends EventSpan {
  readonly name: string;
}

/** The analyzer `lambdascope analyze` uses for a file. */
export function fileAnalyzer(thresholdMs: number | undefined): Analyzer {
  // A file is analysed whole: its days are all kept (the extension keeps a rolling window instead).
  // No timeline: the command line prints figures, not invocations one by one.
  // Every event's key is remembered to the end (16 bytes an event in time order), not for a
  // horizon: exports of overlapping time ranges concatenated in any order then count each event
  // once, however far apart the copies are in the file. Quiet streams are still finalised.
  return new Analyzer({ thresholdMs: () => thresholdMs, retention: { minutes: 180, hours: 72, days: 36_500 }, timelineCapacity: 0, rememberAllEvents: true });
}

// `{"logGroupName":"/aws/lambda/` : the start of most lines, and enough to tell their function.
const LAMBDA_LINE = Buffer.from('{"logGroupName":"/aws/lambda/', 'latin1');
const MAX_NAME = 140;

/**
 * The analysis of one part of a JSON Lines input, split by function: every part reads every line
 * (all the same bytes), but only decodes, parses and analyses the lines of its own functions, so
 * that parts can run on separate threads. A function's events all go to one part, in input order,
 * so its figures are exactly those of a single analysis: functions share no state in the engine.
 *
 * Which part owns a function is decided where the function first appears, the same way in every
 * part (a plan made from a sample of the input, else the least loaded part so far). Most lines are
 * routed by the function name at their start, without parsing; the owner then parses the line and
 * checks that it does belong to that function (a line may repeat its `logGroupName` key: the last
 * one counts). When not, `conflict` is set: the parts' results are then unusable and the input
 * must be analysed again in one part. Other lines are parsed by every part.
 */
export class PartitionAnalysis {
  readonly analyzer: Analyzer;
  /** Events analysed by this part. */
  events = 0;
  /** Skipped lines this part reports (each skipped line is reported by one part). */
  readonly skips: SkipRecord[] = [];
  conflict = false;
  private readonly reader: EventLineReader;
  private readonly items: InputItem[] = [];
  private readonly owners: Map<string, number>;
  private readonly load: number[];
  /** Function names recently routed from bytes, to find a name without decoding it. */
  private readonly recent: string[] = [];

  constructor(
    private readonly setup: PartitionSetup,
    private readonly onSkip?: SkipListener,
  ) {
    this.analyzer = fileAnalyzer(setup.thresholdMs);
    // Split input is JSON Lines (its first line was checked); a single part works that out itself.
    this.reader = new EventLineReader({ functionName: setup.functionName }, setup.count > 1 ? 'lines' : 'unknown');
    this.load = new Array<number>(setup.count).fill(0);
    this.owners = new Map((setup.plan ?? []).filter(([, part]) => part < setup.count));
  }

  /** A block of whole lines (each ends with `\n`, but perhaps the input's last). */
  block(bytes: Buffer): void {
    const n = bytes.length;
    const single = this.setup.count === 1;
    let start = 0;
    while (start < n) {
      let end = bytes.indexOf(10, start);
      if (end < 0) end = n;
      if (end - start > MAX_LINE_BYTES) this.line(LINE_TOO_LONG, undefined);
      else if (single) this.line(lineText(bytes, start, end), undefined);
      else {
        const name = functionAtLineStart(bytes, start, end, this.recent);
        if (name === undefined) this.line(lineText(bytes, start, end), undefined);
        else if (this.ownerOf(name) === this.setup.index) this.line(lineText(bytes, start, end), name);
        else this.reader.countLine();
      }
      start = end + 1;
    }
  }

  /** A line too long to be read. */
  tooLong(): void {
    this.line(LINE_TOO_LONG, undefined);
  }

  /** End of input: finalise, and give each function's time span. */
  finish(): FunctionSpan[] {
    this.reader.end(this.items);
    this.takeItems(undefined);
    this.analyzer.flush();
    return this.analyzer.functions().map((m) => ({ name: m.name, firstEventTime: m.firstEventTime, lastEventTime: m.lastEventTime }));
  }

  /** Every function's figures over the report's window. */
  figures(window: TimeWindow | undefined): FunctionFigures[] {
    const architecture = this.setup.architecture;
    return this.analyzer.functions().map((m) => functionFigures(m, window, { costConfigOf: () => (architecture ? { architecture } : undefined) }));
  }

  /** One line; `routed`: the function it was routed to by its bytes (this part owns it). */
  private line(text: string, routed: string | undefined): void {
    const event = this.reader.event(text);
    if (event) {
      this.take(event, routed);
      return;
    }
    this.reader.push(text, this.items);
    if (this.items.length > 0) this.takeItems(routed);
  }

  private takeItems(routed: string | undefined): void {
    for (const item of this.items) {
      if (item.kind === 'event') this.take(item.event, routed);
      // A line parsed by every part is reported by the first.
      else if (routed !== undefined || this.setup.index === 0) {
        if (this.onSkip) this.onSkip(item.line, item.reason, item.event);
        else this.skips.push({ line: item.line, reason: item.reason, event: item.event });
      }
    }
    this.items.length = 0;
  }

  private take(event: LogEvent, routed: string | undefined): void {
    if (routed !== undefined && isDefaultGroupOf(event.logGroupName, routed)) {
      // The function its bytes named (the common case): no need to derive it from the group again.
      this.events++;
      this.analyzer.ingestFor(routed, event.logStreamName, event.timestamp, event.message, event.eventId);
      return;
    }
    if (this.setup.count > 1) {
      const name = functionNameOf(event.logGroupName, event.logStreamName);
      if (routed !== undefined ? name !== routed : this.ownerOf(name) !== this.setup.index) {
        if (routed !== undefined) this.conflict = true;
        return;
      }
    }
    this.events++;
    this.analyzer.ingest(event);
  }

  /** The part that analyses `name`'s events (decided on its first event, alike in every part). */
  private ownerOf(name: string): number {
    let owner = this.owners.get(name);
    if (owner === undefined) {
      owner = 0;
      for (let p = 1; p < this.load.length; p++) if ((this.load[p] as number) < (this.load[owner] as number)) owner = p;
      this.owners.set(name, owner);
    }
    this.load[owner] = (this.load[owner] as number) + 1;
    return owner;
  }
}

/**
 * The function named by a line that starts `{"logGroupName":"/aws/lambda/<name>"`, read from its
 * bytes (undefined for any other line). `recent`: names found lately, reused rather than decoded.
 */
export function functionAtLineStart(bytes: Buffer, start: number, end: number, recent: string[]): string | undefined {
  const from = start + LAMBDA_LINE.length;
  if (from >= end) return undefined;
  for (let k = 0; k < LAMBDA_LINE.length; k++) if (bytes[start + k] !== LAMBDA_LINE[k]) return undefined;
  let stop = from;
  const limit = Math.min(end, from + MAX_NAME);
  while (stop < limit) {
    const c = bytes[stop] as number;
    if (c === 34 /* " */) break;
    // Escapes and non-ASCII text are JSON.parse's to read.
    if (c === 92 || c < 0x20 || c >= 0x80) return undefined;
    stop++;
  }
  if (stop === from || stop >= limit) return undefined;
  for (const name of recent) if (sameText(name, bytes, from, stop)) return name;
  const name = bytes.toString('latin1', from, stop);
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
