import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAgo, formatMs, formatPercent, formatUsd } from '../../../../src/core/health/figureText';

test('figures read the way the explorer shows them', () => {
  assert.equal(formatMs(812.4), '812 ms');
  assert.equal(formatMs(4.25), '4.3 ms');
  assert.equal(formatMs(1200), '1.2 s');
  assert.equal(formatMs(1000), '1 s');
  assert.equal(formatMs(12_345), '12.3 s');
  assert.equal(formatMs(undefined), '–');
  assert.equal(formatMs(Number.NaN), '–');
  assert.equal(formatPercent(0.14), '14%');
  assert.equal(formatPercent(0.004), '0.4%');
  assert.equal(formatUsd(4.2), '$4.20');
  assert.equal(formatUsd(0.0042), '$0.0042');
  const now = Date.UTC(2026, 10, 26, 12);
  assert.equal(formatAgo(now - 10_000, now), 'just now');
  assert.equal(formatAgo(now - 4 * 60_000, now), '4 min ago');
  assert.equal(formatAgo(now - 3 * 3_600_000, now), '3 h ago');
  assert.equal(formatAgo(now - 3 * 86_400_000, now), '3 days ago');
});

test('log text shown in one line: bidi overrides, zero-width and separator characters are escaped, the rest kept', async () => {
  const { visibleText } = await import('../../../../src/core/health/figureText');
  assert.equal(visibleText('user \u202Egnp.exe\u202C ok'), 'user \\u202egnp.exe\\u202c ok');
  assert.equal(visibleText('a\u200Bb\u2028c\uFEFFd\u061Ce'), 'a\\u200bb\\u2028c\\ufeffd\\u061ce');
  assert.equal(visibleText('TypeError: Cannot read properties of undefined (reading \'id\') — 日本語'), 'TypeError: Cannot read properties of undefined (reading \'id\') — 日本語');
});
