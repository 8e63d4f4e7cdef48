import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayLine, DISPLAY_LIMIT, formatBytes, utf8Bytes, visibleSegments, visibleText } from '../../../webview/common/text';

test('plain text is one plain segment, tabs and newlines stay as they are', () => {
  assert.deepEqual(visibleSegments('a\tb\nc <b>x</b> é 😀'), [{ text: 'a\tb\nc <b>x</b> é 😀', special: false }]);
  assert.deepEqual(visibleSegments(''), []);
});

test('ANSI escape sequences show as visible tokens', () => {
  assert.deepEqual(visibleSegments('\u001b[31mred\u001b[0m'), [
    { text: '␛[31m', special: true },
    { text: 'red', special: false },
    { text: '␛[0m', special: true },
  ]);
  assert.equal(visibleText('\u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007'), '␛]8;;http://evil.example␇link␛]8;;␇');
  assert.equal(visibleText('\u001b]0;title\u001b\\x'), '␛]0;title␛\\x');
  assert.equal(visibleText('a\u001bb'), 'a␛b', 'a two-character escape');
  assert.equal(visibleText('\u009b2J'), '⟨U+009B⟩2J', 'the C1 CSI');
  assert.equal(visibleText('end\u001b'), 'end␛', 'a lone ESC at the end');
});

test('C0 and C1 controls (not tab or newline) and DEL become visible', () => {
  assert.equal(visibleText('a\u0000b\u0007c\rd\u007fe\u0085f'), 'a␀b␇c␍d␡e⟨U+0085⟩f');
  assert.equal(visibleSegments('\u0000\u0001').length, 1, 'adjacent tokens are one segment');
});

test('bidi controls cannot reorder the text: each is a token', () => {
  const tricky = 'invoice_\u202Efdp.exe\u202C \u2066x\u2069 \u200E\u200F\u061C \u202A\u202B\u202D';
  const shown = visibleText(tricky);
  assert.equal(shown, 'invoice_⟨U+202E⟩fdp.exe⟨U+202C⟩ ⟨U+2066⟩x⟨U+2069⟩ ⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩ ⟨U+202A⟩⟨U+202B⟩⟨U+202D⟩');
  assert.ok(!/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(shown));
});

test('zero-width and invisible characters, line and paragraph separators, tag characters are shown', () => {
  assert.equal(visibleText('pa\u200Bss\u200C\u200D\u2060\uFEFF\u00AD\u180E'), 'pa⟨U+200B⟩ss⟨U+200C⟩⟨U+200D⟩⟨U+2060⟩⟨U+FEFF⟩⟨U+00AD⟩⟨U+180E⟩');
  assert.equal(visibleText('a\u2028b\u2029c'), 'a⟨U+2028⟩b⟨U+2029⟩c');
  assert.equal(visibleText('x\u{E0041}\u{E007F}'), 'x⟨U+E0041⟩⟨U+E007F⟩', 'tag characters (ASCII smuggling)');
});

test('an OSC body cannot smuggle a bidi override past the token', () => {
  assert.equal(visibleText('\u001b]8;;\u202Eevil\u0007'), '␛]8;;⟨U+202E⟩evil␇');
});

test('a long line is cut for display at the limit, with the size of the whole', () => {
  const line = 'x'.repeat(1_048_576);
  const d = displayLine(line);
  assert.equal(d.cut, true);
  assert.equal(d.shown.length, DISPLAY_LIMIT);
  assert.equal(d.showAllLabel, 'Show the whole line (1.0 MB)');
  assert.deepEqual(displayLine('short'), { shown: 'short', cut: false, showAllLabel: null });
  assert.equal(displayLine('x'.repeat(DISPLAY_LIMIT)).cut, false, 'exactly at the limit: whole');
});

test('the cut never splits a surrogate pair', () => {
  const line = 'a'.repeat(9) + '😀' + 'b'.repeat(10);
  const d = displayLine(line, 10);
  assert.equal(d.shown, 'a'.repeat(9));
});

test('UTF-8 sizes and their labels', () => {
  assert.equal(utf8Bytes('aé€😀'), 1 + 2 + 3 + 4);
  assert.equal(utf8Bytes('\ud800'), 3, 'a lone surrogate counts as the replacement character would');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(2048), '2.0 KB');
  assert.equal(formatBytes(1_048_575), '1.0 MB');
  assert.equal(formatBytes(5 * 1024 * 1024), '5.0 MB');
});
