// What the UI says a month is projected from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverageText } from '../../../../src/core/analysis/analysisReport';
import { costRows } from '../../../../src/core/health/functionHealth';
import { formatSpan } from '../../../../src/core/health/figureText';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 30);
const MIN = 60_000;
const HOUR = 60 * MIN;

test('spans of time read the way the explorer shows them', () => {
  assert.deepEqual([20_000, 15 * MIN, 15.5 * MIN, HOUR, HOUR + 5 * MIN, 30 * HOUR, 3 * 24 * HOUR + 4 * HOUR, 90 * 24 * HOUR].map(formatSpan), ['20 s', '15 min', '16 min', '1 h', '1 h 5 min', '30 h', '3 days 4 h', '90 days']);
  assert.equal(formatSpan(Number.NaN), '–');
});

test('coverage: the window when it was all read; when read for less, since when and how long the window is', () => {
  const window = { from: NOW - 24 * HOUR, to: NOW };
  assert.equal(coverageText({ from: window.from, to: NOW, ms: 24 * HOUR }, window), '24 h of logs');
  assert.equal(coverageText({ from: NOW - HOUR, to: NOW, ms: HOUR }, window), '1 h of logs read (from 2026-11-26 11:00 UTC; the window is 24 h)');
  assert.equal(coverageText({ from: NOW - 20_000, to: NOW, ms: 5 * MIN }, window), '20 s of logs read (from 2026-11-26 12:00 UTC; the window is 24 h, counted as 5 min)');
});

test("a function's cost tooltip says what its month is projected from", () => {
  const cost = { windowUsd: 0.01, projectedMonthUsd: 4.2, coverage: { from: NOW - HOUR, to: NOW, ms: HOUR }, architecture: 'x86_64' as const, requests: 3600, gbSeconds: 360, month: { requests: 2_592_000, gbSeconds: 259_200, requestUsd: 0.32, computeUsd: 3.88, provisionedUsd: 0, ephemeralUsd: 0 }, shareOfAccount: 0.5, whatIf: {} };
  assert.deepEqual(costRows(cost).find(([label]) => label === 'Projected from'), ['Projected from', '1 h of logs']);
  const { coverage: _none, ...noWindow } = cost;
  assert.equal(costRows(noWindow).some(([label]) => label === 'Projected from'), false);
});
