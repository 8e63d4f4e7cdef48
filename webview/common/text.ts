// How log text is shown: literally. Log lines are written by anyone who can make a function print,
// so nothing in them may hide, reorder or style the text around it. Pure (no DOM): the page turns
// the segments into text nodes, and the unit tests check the mapping.

/** A run of text; `special` runs are visible stand-ins for invisible or reordering characters. */
export interface TextSegment {
  readonly text: string;
  readonly special: boolean;
}

/** Lines longer than this (UTF-16 units) are cut for display, with a button to show the rest. */
export const DISPLAY_LIMIT = 10_000;

// One match per thing to make visible:
// - ANSI: CSI `ESC [ … final`, OSC `ESC ] … (BEL | ESC \)`, other two-char `ESC x`, C1 CSI (U+009B);
// - C0 controls but tab and newline (a newline is a line break: it hides nothing), DEL, C1 controls;
// - bidi embeddings/overrides/isolates and marks (reorder text: "Trojan Source");
// - zero-width and invisible characters, soft hyphen, LS/PS (U+2028/2029), Unicode tag characters.
const SPECIAL =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])?|\u009b[0-?]*[ -/]*[@-~]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]|[\u200b-\u200d\u2060-\u2064\ufeff\u180e\u00ad]|[\u2028\u2029]|\udb40[\udc00-\udc7f]/g;

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** The visible stand-in of one character (itself when it is harmless). */
export function visibleChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x1b) return '␛';
  if (code === 0x09 || code === 0x0a) return ch;
  // C0 controls have their own "control pictures" (␀ … ␟); DEL is ␡.
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '␡';
  if ((code >= 0x80 && code <= 0x9f) || code === 0x061c || code === 0x00ad || code === 0x180e || code === 0xfeff) return `⟨U+${hex(code)}⟩`;
  if ((code >= 0x200b && code <= 0x200f) || (code >= 0x2028 && code <= 0x202e) || (code >= 0x2060 && code <= 0x2069)) return `⟨U+${hex(code)}⟩`;
  if (code >= 0xe0000 && code <= 0xe007f) return `⟨U+${code.toString(16).toUpperCase()}⟩`;
  return ch;
}

/** `text` as segments in which every invisible or reordering character is replaced by a visible token. */
export function visibleSegments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(SPECIAL)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at), special: false });
    // Map every character of the match: an OSC body may itself hold bidi or control characters.
    let token = '';
    for (const ch of m[0]) token += visibleChar(ch);
    const prev = out[out.length - 1];
    if (prev?.special) out[out.length - 1] = { text: prev.text + token, special: true };
    else out.push({ text: token, special: true });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), special: false });
  return out;
}

/** The whole text as one string with the tokens (for titles, labels, aria text). */
export function visibleText(text: string): string {
  return visibleSegments(text)
    .map((s) => s.text)
    .join('');
}

/** Size of `text` in UTF-8 bytes, counted without allocating (a 1 MB line is common enough). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  // 1,048,575 bytes is "1.0 MB", not "1024.0 KB".
  if (bytes < 1024 * 999.95) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export interface DisplayLine {
  /** What to show now. */
  readonly shown: string;
  /** True when `shown` is a prefix of the line. */
  readonly cut: boolean;
  /** The label of the button that shows the rest, when cut. */
  readonly showAllLabel: string | null;
}

/** A line cut at `limit` for display (never inside a surrogate pair). */
export function displayLine(text: string, limit = DISPLAY_LIMIT): DisplayLine {
  if (text.length <= limit) return { shown: text, cut: false, showAllLabel: null };
  let end = limit;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return { shown: text.slice(0, end), cut: true, showAllLabel: `Show the whole line (${formatBytes(utf8Bytes(text))})` };
}
