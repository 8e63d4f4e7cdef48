// The order in which a function's streams are finalised to make room: quietest first, finished
// before those with a request in progress, found without scanning every stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamRecency, type RecencyLinks } from '../../../../src/core/analysis/streamRecency';
import { Analyzer } from '../../../../src/core/analysis/analyzer';

interface Item extends RecencyLinks {
  name: string;
}
const item = (name: string): Item => ({ name, inOpen: undefined, newer: undefined, older: undefined });

test('the quietest finished and the quietest open stream follow each touch', () => {
  const recency = new StreamRecency<Item>();
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(item) as [Item, Item, Item, Item];
  recency.touch(a, false);
  recency.touch(b, true);
  recency.touch(c, false);
  recency.touch(d, true);
  assert.equal(recency.quietestFinished?.name, 'a');
  assert.equal(recency.quietestOpen?.name, 'b');
  assert.equal(recency.finishedCount, 2);
  // a has an event: c becomes the quietest finished; b finishes: it is now the newest finished.
  recency.touch(a, false);
  assert.equal(recency.quietestFinished?.name, 'c');
  recency.touch(b, false);
  assert.equal(recency.quietestOpen?.name, 'd');
  assert.equal(recency.finishedCount, 3);
  recency.remove(c);
  assert.equal(recency.quietestFinished?.name, 'a');
  recency.remove(a);
  recency.remove(a); // twice: no effect
  assert.equal(recency.quietestFinished?.name, 'b');
  recency.remove(b);
  recency.remove(d);
  assert.equal(recency.quietestFinished, undefined);
  assert.equal(recency.quietestOpen, undefined);
  assert.equal(recency.finishedCount, 0);
});

test('a filtered export (one error line on each of many streams, no START or REPORT) counts every error, within the stream cap', () => {
  const T = Date.UTC(2026, 10, 26, 9, 0, 0);
  const analyzer = new Analyzer({ maxStreamsPerFunction: 64 });
  let most = 0;
  const n = 5_000;
  for (let i = 0; i < n; i++) {
    const id = `${i.toString(16).padStart(8, '0')}-1111-2222-3333-444455556666`;
    analyzer.ingest(
      {
        logGroupName: '/aws/lambda/checkout',
        logStreamName: `2026/11/26/[$LATEST]${i.toString(16).padStart(32, '0')}`,
        timestamp: T + i * 10,
        message: `2026-11-26T09:00:00.000Z\t${id}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'id')","stack":["TypeError: Cannot read properties of undefined (reading 'id')","    at handler (/var/task/index.js:10:5)"]}\n`,
      },
      i + 1,
    );
    most = Math.max(most, analyzer.find('checkout')?.streamCount ?? 0);
  }
  analyzer.flush();
  const monitor = analyzer.find('checkout');
  assert.ok(most <= 64, `${most} streams at once`);
  const issues = monitor?.issues.all() ?? [];
  assert.equal(issues.length, 1);
  assert.equal(issues[0]?.count, n);
  assert.equal(monitor?.incomplete, 0);
});
