import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** Lines longer than this are not read (a CloudWatch event is at most 256 KB; JavaScript strings top out near 512 MB). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
/** Stands for a line that was longer than MAX_LINE_BYTES (a NUL can start no JSON line). */
export const LINE_TOO_LONG = '\u0000lambdascope: line too long';

/**
 * The lines of a UTF-8 stream, a chunk's worth at a time, without their `\n` (or `\r\n`).
 * Lines are found in the bytes and each is decoded on its own: decoding a whole chunk at once
 * turns it into a two-byte string as soon as one character is not ASCII, which makes every
 * later search and slice several times slower. A line cut by a chunk boundary is carried over
 * as bytes, so a multi-byte character is never split.
 */
export async function* readLineBatches(input: Readable, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<string[]> {
  // Bytes of a line not yet ended, kept as pieces so that a very long line is copied once.
  let carry: Buffer[] = [];
  let carried = 0;
  let tooLong = false;
  for await (const chunk of withoutBom(input)) {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      if (tooLong || carried + (nl - start) > maxLineBytes) {
        lines.push(LINE_TOO_LONG);
      } else if (carry.length > 0) {
        carry.push(chunk.subarray(0, nl));
        lines.push(decodeLine(Buffer.concat(carry), 0, -1));
      } else {
        lines.push(decodeLine(chunk, start, nl));
      }
      carry = [];
      carried = 0;
      tooLong = false;
      start = nl + 1;
    }
    if (start < chunk.length && !tooLong) {
      carried += chunk.length - start;
      // Past the limit the rest of the line is not kept: it is skipped, with its line number.
      if (carried > maxLineBytes) {
        tooLong = true;
        carry = [];
      } else {
        carry.push(chunk.subarray(start));
      }
    }
    if (lines.length > 0) yield lines;
  }
  if (tooLong) yield [LINE_TOO_LONG];
  else if (carry.length > 0) {
    const rest = Buffer.concat(carry);
    if (rest.length > 0) yield [decodeLine(rest, 0, -1)];
  }
}

const BOM = [0xef, 0xbb, 0xbf] as const;

/** Whether `bytes` could be the start of a UTF-8 byte order mark (or all of it). */
function bomPrefix(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length && i < BOM.length; i++) if (bytes[i] !== BOM[i]) return false;
  return true;
}

/**
 * The input's chunks as bytes, without the UTF-8 byte order mark that Windows tools put at the
 * start of a file (it would make the first line, or a whole `{"events":[…]}` document, not JSON).
 */
async function* withoutBom(input: Readable): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const piece of input) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : (piece as Buffer);
    if (head === undefined) {
      yield chunk;
      continue;
    }
    head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    // Fewer than three bytes so far, and they may be a mark still arriving.
    if (head.length < BOM.length && bomPrefix(head)) continue;
    const rest = head.subarray(bomPrefix(head) ? BOM.length : 0);
    head = undefined;
    if (rest.length > 0) yield rest;
  }
  if (head !== undefined && head.length > 0) yield head;
}

/** Decode bytes [start, end) (end −1: to the end) without a trailing `\r`. */
function decodeLine(bytes: Buffer, start: number, end: number): string {
  let stop = end < 0 ? bytes.length : end;
  if (stop > start && bytes[stop - 1] === 13) stop--;
  return bytes.toString('utf8', start, stop);
}

export function openInput(path: string): Readable {
  return path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
}

/**
 * The same lines as `readLineBatches`, left as bytes: blocks that each hold whole lines (every one
 * ending with `\n` but possibly the input's last), or LINE_TOO_LONG for a line read in several
 * chunks that grew past `maxLineBytes`. The caller splits a block into lines and must still check
 * each line's length. Lines are not decoded here: a caller that splits the analysis over threads
 * (see partitionAnalysis.ts) decodes only the lines it analyses.
 */
export async function* readLineBlocks(input: Readable, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Buffer | typeof LINE_TOO_LONG> {
  let carry: Buffer[] = [];
  let carried = 0;
  let tooLong = false;
  for await (const chunk of withoutBom(input)) {
    let start = 0;
    if (carried > 0 || tooLong) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        carried += chunk.length;
        if (!tooLong && carried > maxLineBytes) {
          tooLong = true;
          carry = [];
        } else if (!tooLong) carry.push(chunk);
        continue;
      }
      if (tooLong || carried + nl > maxLineBytes) yield LINE_TOO_LONG;
      else yield Buffer.concat([...carry, chunk.subarray(0, nl + 1)]);
      carry = [];
      carried = 0;
      tooLong = false;
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= start) {
      yield chunk.subarray(start, last + 1);
      start = last + 1;
    }
    if (start < chunk.length) {
      carried = chunk.length - start;
      if (carried > maxLineBytes) tooLong = true;
      else carry.push(chunk.subarray(start));
    }
  }
  if (tooLong) yield LINE_TOO_LONG;
  else if (carried > 0) yield Buffer.concat(carry);
}

/** Line [start, end) of `bytes` as text, without a trailing `\r` (as `readLineBatches` gives it). */
export function lineText(bytes: Buffer, start: number, end: number): string {
  return decodeLine(bytes, start, end);
}
