// A whole file's de-duplication: each distinct event is new exactly once, whatever the order, how
// far apart its copies are, and whether its stream was set aside (packed) in between.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FileEventDedup } from '../../../../src/core/logs/fileEventDedup';
import { Analyzer } from '../../../../src/core/analysis/analyzer';

const T = Date.UTC(2026, 10, 26, 9);

/** Events with many sharing a millisecond, some without an eventId (keyed by their text then). */
const eventArb = fc.record({ ms: fc.integer({ min: 0, max: 40 }), id: fc.integer({ min: 0, max: 12 }), withId: fc.boolean() });

test('any order, any copies: each distinct event is new once, every copy a duplicate', () => {
  fc.assert(
    fc.property(fc.array(eventArb, { minLength: 1, maxLength: 300 }), fc.integer({ min: 0, max: 300 }), (events, packAt) => {
      let dedup = new FileEventDedup();
      const seen = new Set<string>();
      events.forEach((e, i) => {
        // Packed after a head of 0–3 numbers of the caller's, restored from behind it.
        if (i === packAt) dedup = FileEventDedup.unpack(dedup.pack([7, 8, 9].slice(0, i % 4)), i % 4);
        const message = `line ${e.id}`;
        const eventId = e.withId ? `id-${e.ms}-${e.id}` : undefined;
        const identity = `${e.ms}|${eventId ?? `text:${message}`}`;
        const expected = seen.has(identity) ? 'duplicate' : 'new';
        seen.add(identity);
        assert.equal(dedup.check(T + e.ms, message, eventId), expected, `event ${i} ${identity}`);
      });
      assert.equal(dedup.size, seen.size);
    }),
    { seed: 2026, numRuns: 300 },
  );
});

test('a stream in reverse order costs a lookup per event, not a shift of all that follows', () => {
  // 200,000 events newest first: a sorted insert per event would move ~2·10¹⁰ keys.
  const dedup = new FileEventDedup();
  for (let i = 200_000; i > 0; i--) assert.equal(dedup.check(T + i, 'x', String(i)), 'new');
  for (let i = 1; i <= 200_000; i += 997) assert.equal(dedup.check(T + i, 'x', String(i)), 'duplicate');
  assert.equal(dedup.size, 200_000);
});

test('analyze mode: a stream finalised as quiet keeps its keys, so its re-read counts nothing twice', () => {
  const analyzer = new Analyzer({ rememberAllEvents: true, quietAfterArrivals: 8 });
  const stream = (s: number, i: number, at: number) => {
    const id = `00000000-0000-0000-0000-${String(s * 100 + i).padStart(12, '0')}`;
    return [
      { logGroupName: '/aws/lambda/f', logStreamName: `s${s}`, timestamp: T + at, message: `START RequestId: ${id} Version: $LATEST\n`, eventId: `${s}-${i}-a` },
      { logGroupName: '/aws/lambda/f', logStreamName: `s${s}`, timestamp: T + at + 1, message: `END RequestId: ${id}\n`, eventId: `${s}-${i}-b` },
      { logGroupName: '/aws/lambda/f', logStreamName: `s${s}`, timestamp: T + at + 2, message: `REPORT RequestId: ${id}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`, eventId: `${s}-${i}-c` },
    ];
  };
  const first = [0, 1, 2].flatMap((i) => stream(0, i, 10 * i));
  const others = Array.from({ length: 20 }, (_, s) => stream(s + 1, 0, 1_000 + 10 * s)).flat();
  // Stream s0, then 60 events of other streams (s0 is finalised as quiet), then s0 read again.
  for (const e of [...first, ...others, ...first]) analyzer.ingest(e);
  analyzer.flush();
  const f = analyzer.find('f');
  assert.equal(f?.duplicates, first.length);
  assert.equal(f?.events, first.length + others.length);
  assert.equal(f?.incomplete, 0);
  assert.equal(f?.series.summarize().invocations, 23);
  assert.ok((f?.streamCount ?? 99) < 21, 'quiet streams were finalised');
});

test('analyze mode: a stream set aside remembers the requests it finished, so a copy keyed otherwise counts none twice', () => {
  // The same lines read again without their eventIds (so keyed by text: not duplicates of the
  // first copy) after the stream was finalised as quiet: its finished requests must not count again.
  const analyzer = new Analyzer({ rememberAllEvents: true, quietAfterArrivals: 8 });
  const lines = (s: number, i: number, at: number, withIds: boolean) => {
    const id = `00000000-0000-0000-0000-${String(s * 100 + i).padStart(12, '0')}`;
    const event = (ms: number, message: string, tag: string) => ({ logGroupName: '/aws/lambda/f', logStreamName: `s${s}`, timestamp: T + at + ms, message, eventId: withIds ? `${s}-${i}-${tag}` : undefined });
    return [
      event(0, `START RequestId: ${id} Version: $LATEST\n`, 'a'),
      event(1, `END RequestId: ${id}\n`, 'b'),
      event(2, `REPORT RequestId: ${id}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`, 'c'),
    ];
  };
  const first = [0, 1, 2].flatMap((i) => lines(0, i, 10 * i, true));
  const again = [0, 1, 2].flatMap((i) => lines(0, i, 10 * i, false));
  const others = Array.from({ length: 20 }, (_, s) => lines(s + 1, 0, 1_000 + 10 * s, true)).flat();
  for (const e of [...first, ...others, ...again]) analyzer.ingest(e);
  analyzer.flush();
  const f = analyzer.find('f');
  assert.equal(f?.duplicates, 0, 'the second copy is keyed by text');
  assert.equal(f?.series.summarize().invocations, 23);
  assert.equal(f?.incomplete, 0);
  assert.equal(f?.streamCount, 1, 'only the stream read again is followed');
});
