import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { LINE_TOO_LONG, readLineBatches } from '../../../src/cli/lineReader';

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
