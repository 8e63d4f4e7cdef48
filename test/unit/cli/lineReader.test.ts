import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { LINE_TOO_LONG, lineText, readLineBatches, readLineBlocks } from '../../../src/cli/lineReader';

async function lines(text: string, pieceBytes: number, maxLineBytes?: number): Promise<string[]> {
  const bytes = Buffer.from(text, 'utf8');
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += pieceBytes) pieces.push(bytes.subarray(i, i + pieceBytes));
  const out: string[] = [];
  for await (const batch of readLineBatches(Readable.from(pieces), maxLineBytes)) out.push(...batch);
  return out;
}

test('lines split across chunks, CRLF endings and multi-byte characters cut by a chunk boundary', async () => {
  const text = 'first\r\nzweite Zeile: ü€😀\n\nlast without newline\r';
  for (const size of [1, 2, 3, 7, 64]) {
    assert.deepEqual(await lines(text, size), ['first', 'zweite Zeile: ü€😀', '', 'last without newline'], `pieces of ${size} bytes`);
  }
});

test('a line over the limit is replaced by a marker and the next lines are read normally', async () => {
  const text = `a\n${'x'.repeat(50)}\nb\n${'y'.repeat(30)}`;
  assert.deepEqual(await lines(text, 7, 20), ['a', LINE_TOO_LONG, 'b', LINE_TOO_LONG]);
});

test('readLineBlocks holds exactly the lines readLineBatches gives, whatever the chunks and the limit', async () => {
  const text = `first\r\n${'x'.repeat(45)}\nzweite Zeile: ü€😀\n\n${'y'.repeat(19)}\r\nb\n${'z'.repeat(33)}\nlast without newline\r`;
  for (const size of [1, 2, 3, 7, 16, 64, 1000]) {
    for (const max of [20, 40, 1000]) {
      const bytes = Buffer.from(text, 'utf8');
      const pieces = (): Buffer[] => {
        const out: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
        return out;
      };
      const expected: string[] = [];
      for await (const batch of readLineBatches(Readable.from(pieces()), max)) expected.push(...batch);
      const actual: string[] = [];
      for await (const block of readLineBlocks(Readable.from(pieces()), max)) {
        if (block === LINE_TOO_LONG) {
          actual.push(LINE_TOO_LONG);
          continue;
        }
        for (let start = 0; start < block.length; ) {
          let end = block.indexOf(10, start);
          if (end < 0) end = block.length;
          actual.push(end - start > max ? LINE_TOO_LONG : lineText(block, start, end));
          start = end + 1;
        }
      }
      assert.deepEqual(actual, expected, `pieces of ${size} bytes, limit ${max}`);
    }
  }
});

test('a UTF-8 byte order mark at the start is dropped, whatever the chunks; elsewhere it is text', async () => {
  const text = '\uFEFF{"a":1}\n\uFEFFsecond\nlast';
  for (const size of [1, 2, 3, 4, 64]) {
    assert.deepEqual(await lines(text, size), ['{"a":1}', '\uFEFFsecond', 'last'], `pieces of ${size} bytes`);
    const bytes = Buffer.from(text, 'utf8');
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
    const blocks: string[] = [];
    for await (const block of readLineBlocks(Readable.from(pieces))) blocks.push(typeof block === 'string' ? block : block.toString('utf8'));
    assert.equal(blocks.join(''), text.slice(1), `blocks from pieces of ${size} bytes`);
  }
  // Input shorter than a mark, or only part of one, is data.
  assert.deepEqual(await lines('\uFEFF', 1), []);
  assert.deepEqual(await lines('a', 1), ['a']);
  const partial: string[] = [];
  for await (const batch of readLineBatches(Readable.from([Buffer.from([0xef, 0xbb])]))) partial.push(...batch);
  assert.deepEqual(partial, ['\uFFFD']);
});
