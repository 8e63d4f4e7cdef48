// Analysis split over worker threads by function gives exactly the single-thread result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { analyzeStream, type AnalyzeResult } from '../../../src/cli/analyzeCommand';
import { analyzeInWorkers, parallelInput } from '../../../src/cli/parallelAnalyze';
import { TrafficGenerator } from '../../../src/demo/trafficGenerator';

const dir = mkdtempSync(join(tmpdir(), 'lambdascope-parallel-'));
const script = join(dir, 'analyzeWorker.js');
const built = build({ entryPoints: [join(__dirname, '..', '..', '..', 'src', 'cli', 'analyzeWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: script, external: ['protobufjs/minimal'], logLevel: 'silent' });

function corpus(name: string, extra: (lines: string[]) => void): string {
  const lines = [...new TrafficGenerator({ seed: 5, durationMs: 20 * 60_000, hostileEvery: 25 })].map((e) => JSON.stringify(e));
  extra(lines);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function both(path: string, direct = true): Promise<{ single: AnalyzeResult; split: AnalyzeResult; singleSkips: string[]; splitSkips: string[] }> {
  await built;
  const singleSkips: string[] = [];
  const splitSkips: string[] = [];
  const single = await analyzeStream(createReadStream(path), { workerScript: false, onSkip: (l, r, e) => singleSkips.push(`${l} ${r} ${e}`) });
  let split: AnalyzeResult | undefined;
  const options = { workerScript: script, splitFromBytes: 1, onSkip: (l: number, r: string, e?: number) => splitSkips.push(`${l} ${r} ${e}`) };
  if (direct) {
    // Through the split path itself, so that a silent fallback to one thread cannot pass for it.
    const input = await parallelInput(createReadStream(path), script, 1);
    assert.ok(input.split, 'the input is split');
    split = await analyzeInWorkers(input.split, options);
    assert.ok(split, 'the split analysis is usable');
  } else {
    split = await analyzeStream(createReadStream(path), options);
  }
  return { single, split, singleSkips, splitSkips };
}

test('split over workers: same report, events, skipped lines and warnings as on one thread', async () => {
  const path = corpus('mixed.jsonl', (lines) => {
    const at = (i: number, line: string): void => void lines.splice(i, 0, line);
    at(100, '');
    at(200, 'not json at all');
    at(300, '{"logGroupName":"\\/aws\\/lambda\\/escaped-fn","logStreamName":"s1","timestamp":1795683600000,"message":"START RequestId: 11111111-2222-3333-4444-555555555555 Version: $LATEST\\n"}');
    at(400, '{"logGroupName":"/aws/lambda/checkout-api","logStreamName":"s","timestamp":12,"message":"too old"}');
    at(500, `{"events":[${lines[10]},{"message":"no group","timestamp":1795683600000}]}`);
    at(600, `${lines[20]}\r`);
    at(700, '{"logGroupName":"/aws/lambda/ünïcode","logStreamName":"s","timestamp":1795683600001,"message":"x"}');
  });
  const { single, split, singleSkips, splitSkips } = await both(path);
  assert.ok(single.events > 1000);
  assert.ok(single.skipped.lines >= 3);
  assert.equal(split.threads, 2);
  assert.deepEqual({ ...split, threads: 1 }, single);
  assert.deepEqual(splitSkips, singleSkips);
  assert.ok(singleSkips.some((s) => /^\d+ no log group \(pass --function NAME\) 2$/.test(s)), 'the page\'s second event is named');
});

test('split over workers: the first half of the file read again at its end counts nothing twice', async () => {
  const plain = corpus('plain.jsonl', () => undefined);
  const path = corpus('reread.jsonl', (lines) => void lines.push(...lines.slice(0, Math.floor(lines.length / 2))));
  const once = await analyzeStream(createReadStream(plain), { workerScript: false });
  const { single, split } = await both(path);
  assert.equal(split.threads, 2);
  assert.deepEqual({ ...split, threads: 1 }, single);
  const invocations = (r: AnalyzeResult): number[] => r.report.functions.map((f) => f.invocations);
  assert.deepEqual(invocations(split), invocations(once));
  assert.equal(split.report.functions.reduce((n, f) => n + f.duplicateEvents, 0), split.events - once.events);
});

test('a line whose last logGroupName is another function: the file is analysed again on one thread', async () => {
  const path = corpus('repeated-key.jsonl', (lines) => {
    lines.splice(50, 0, '{"logGroupName":"/aws/lambda/checkout-api","logStreamName":"s","timestamp":1795683600000,"message":"hello","logGroupName":"/aws/lambda/notifier"}');
  });
  await built;
  const input = await parallelInput(createReadStream(path), script, 1);
  assert.ok(input.split);
  assert.equal(await analyzeInWorkers(input.split, {}), undefined, 'the split result is refused');
  const { single, split } = await both(path, false);
  assert.equal(split.threads, 1);
  assert.deepEqual(split, single);
});

test('a worker that cannot read the file: the split result is refused, nothing thrown', async () => {
  const path = corpus('vanishing.jsonl', () => undefined);
  await built;
  const input = await parallelInput(createReadStream(path), script, 1);
  assert.ok(input.split);
  // The workers open the file by its path after the split is decided.
  unlinkSync(path);
  assert.equal(await analyzeInWorkers(input.split, {}), undefined);
});

test('functions are shared out by their bytes in the sample, not their event counts', async () => {
  await built;
  const line = (fn: string, i: number, text: string): string =>
    JSON.stringify({ logGroupName: `/aws/lambda/${fn}`, logStreamName: 's', timestamp: 1795683600000 + i, message: text });
  const lines: string[] = [];
  // few-large: 30 lines of ~4 KB (~120 KB); many-small: 400 lines (~40 KB); some-small: 300 (~30 KB).
  for (let i = 0; i < 400; i++) {
    lines.push(line('many-small', i, `INFO ${i}`));
    if (i < 300) lines.push(line('some-small', i, `INFO ${i}`));
    if (i < 30) lines.push(line('few-large', i, `INFO ${'x'.repeat(4000)}`));
  }
  const path = join(dir, 'weights.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  const input = await parallelInput(createReadStream(path, { highWaterMark: 1 << 20 }), script, 1);
  assert.ok(input.split);
  // By events it would be many-small alone against some-small + few-large (~150 KB against ~40 KB).
  assert.deepEqual(input.split.plan, [
    ['few-large', 0],
    ['many-small', 1],
    ['some-small', 1],
  ]);
});
