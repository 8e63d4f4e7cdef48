import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachMarkerPage } from '../../../src/aws/markerPages';

test('every page in order, each asked with the marker the previous one gave', async () => {
  const pages: Record<string, { items: number[]; NextMarker?: string }> = { first: { items: [1, 2], NextMarker: 'b' }, b: { items: [3], NextMarker: 'c' }, c: { items: [4] } };
  const asked: Array<string | undefined> = [];
  const items: number[] = [];
  await forEachMarkerPage(async (marker) => {
    asked.push(marker);
    return pages[marker ?? 'first'] as { items: number[]; NextMarker?: string };
  }, (page) => items.push(...page.items));
  assert.deepEqual(asked, [undefined, 'b', 'c']);
  assert.deepEqual(items, [1, 2, 3, 4]);
});

test('a server that ignores the marker is not asked forever; an empty marker ends the listing', async () => {
  let calls = 0;
  await forEachMarkerPage(async () => {
    calls++;
    return { NextMarker: 'same' };
  }, () => undefined);
  assert.equal(calls, 2);
  let once = 0;
  await forEachMarkerPage(async () => {
    once++;
    return { NextMarker: '' };
  }, () => undefined);
  assert.equal(once, 1);
});
