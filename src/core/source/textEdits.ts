// Positions and edits in a text, as an editor counts them: 0-based lines split at `\n` (a `\r` before it
// ends the line too), columns in UTF-16 code units — what JavaScript string offsets already are.

export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/** Replaces `range` with `newText`; an empty range inserts. */
export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

/** Offsets ↔ positions for one text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): TextPosition {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: at - (this.starts[lo] ?? 0) };
  }

  offset(position: TextPosition): number {
    const start = this.starts[position.line];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.character, this.text.length);
  }

  range(start: number, end: number): TextRange {
    return { start: this.position(start), end: this.position(end) };
  }

  lineStartOf(offset: number): number {
    return this.starts[this.position(offset).line] ?? 0;
  }

  /** The offset just after the line's end of line (the text's length on the last line), and that end of line. */
  nextLineOf(offset: number): { readonly offset: number; readonly eol: string } {
    const newline = this.text.indexOf('\n', offset);
    if (newline < 0) return { offset: this.text.length, eol: '' };
    return { offset: newline + 1, eol: this.text[newline - 1] === '\r' ? '\r\n' : '\n' };
  }
}

/** Applies non-overlapping edits, given in any order. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: index.offset(e.range.start), end: index.offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
