import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * The lines of a UTF-8 stream, a chunk's worth at a time, without their `\n` (or `\r\n`).
 * Lines are found in the bytes and each is decoded on its own: decoding a whole chunk at once
 * turns it into a two-byte string as soon as one character is not ASCII, which makes every
 * later search and slice several times slower. A line cut by a chunk boundary is carried over
 * as bytes, so a multi-byte character is never split.
 */
export async function* readLineBatches(input: Readable): AsyncGenerator<string[]> {
  // Bytes of a line not yet ended, kept as pieces so that a very long line is copied once.
  let carry: Buffer[] = [];
  for await (const piece of input) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : (piece as Buffer);
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      if (carry.length > 0) {
        carry.push(chunk.subarray(0, nl));
        lines.push(decodeLine(Buffer.concat(carry), 0, -1));
        carry = [];
      } else {
        lines.push(decodeLine(chunk, start, nl));
      }
      start = nl + 1;
    }
    if (start < chunk.length) carry.push(chunk.subarray(start));
    if (lines.length > 0) yield lines;
  }
  if (carry.length > 0) {
    const rest = Buffer.concat(carry);
    if (rest.length > 0) yield [decodeLine(rest, 0, -1)];
  }
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
