// Analysis split over worker threads by log stream gives exactly the single-thread result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { analyzeStream, type AnalyzeResult } from '../../../src/cli/analyzeCommand';
import { analyzeInWorkers, defaultThreads, MAX_THREADS, parallelInput } from '../../../src/cli/parallelAnalyze';
import { newLineRoute, PartitionAnalysis, routeLine, routedName, StreamOwners, streamKey } from '../../../src/cli/partitionAnalysis';
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

async function both(path: string, direct = true, threads = 2): Promise<{ single: AnalyzeResult; split: AnalyzeResult; singleSkips: string[]; splitSkips: string[] }> {
  await built;
  const singleSkips: string[] = [];
  const splitSkips: string[] = [];
  const single = await analyzeStream(createReadStream(path), { workerScript: false, onSkip: (l, r, e) => singleSkips.push(`${l} ${r} ${e}`) });
  let split: AnalyzeResult | undefined;
  const options = { workerScript: script, splitFromBytes: 1, threads, onSkip: (l: number, r: string, e?: number) => splitSkips.push(`${l} ${r} ${e}`) };
  if (direct) {
    // Through the split path itself, so that a silent fallback to one thread cannot pass for it.
    const input = await parallelInput(createReadStream(path), script, 1, threads);
    assert.ok(input.split, 'the input is split');
    split = await analyzeInWorkers(input.split, options);
    assert.ok(split, 'the split analysis is usable');
  } else {
    split = await analyzeStream(createReadStream(path), options);
  }
  return { single, split, singleSkips, splitSkips };
}

test('split over 2 and 3 workers: same report, events, skipped lines and warnings as on one thread', async () => {
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
  for (const threads of [2, 3]) {
    const { single, split, singleSkips, splitSkips } = await both(path, true, threads);
    assert.ok(single.events > 1000);
    assert.ok(single.skipped.lines >= 3);
    assert.equal(split.threads, threads);
    assert.deepEqual({ ...split, threads: 1 }, single);
    assert.deepEqual(splitSkips, singleSkips);
    assert.ok(singleSkips.some((s) => /^\d+ no log group \(pass --function NAME\) 2$/.test(s)), 'the page\'s second event is named');
  }
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

test('a line whose last logStreamName is another part\'s stream: the file is analysed again on one thread', async () => {
  // Names as long as the corpus's (so that the router reads the first where it expects a name's end).
  const [first, other] = [`2026/11/26/[$LATEST]${'a'.repeat(32)}`, `2026/11/26/[$LATEST]${'b'.repeat(32)}`];
  assert.notEqual(streamKey(first), streamKey(other));
  const path = corpus('repeated-key.jsonl', (lines) => {
    lines.splice(50, 0, `{"logGroupName":"/aws/lambda/checkout-api","logStreamName":"${first}","timestamp":1795683600000,"message":"hello","logStreamName":"${other}"}`);
  });
  await built;
  const input = await parallelInput(createReadStream(path), script, 1, 2);
  assert.ok(input.split);
  assert.equal(await analyzeInWorkers(input.split, {}), undefined, 'the split result is refused');
  const { single, split } = await both(path, false);
  assert.equal(split.threads, 1);
  assert.deepEqual(split, single);
});

test('threads: 1 keeps a large file on this thread', async () => {
  const path = corpus('one-thread.jsonl', () => undefined);
  await built;
  const input = await parallelInput(createReadStream(path), script, 1, 1);
  assert.equal(input.split, undefined);
  const result = await analyzeStream(createReadStream(path), { workerScript: script, splitFromBytes: 1, threads: 1 });
  assert.equal(result.threads, 1);
});

test('default threads: one below 3 cores (the split costs more there), else the cores up to the limit, less those left', () => {
  assert.equal(defaultThreads(1), 1);
  assert.equal(defaultThreads(2), 1);
  assert.equal(defaultThreads(2, 1), 1);
  assert.equal(defaultThreads(3), 3);
  assert.equal(defaultThreads(3, 1), 2);
  assert.equal(defaultThreads(4, 1), 3);
  assert.equal(defaultThreads(64), MAX_THREADS);
  assert.equal(defaultThreads(64, 1), MAX_THREADS);
});

test('a file whose lines mostly do not name their stream first is analysed on one thread (every thread would parse them)', async () => {
  const path = corpus('no-streams.jsonl', (lines) => {
    for (let i = 0; i < lines.length; i++) if (i % 3 !== 0) lines[i] = (lines[i] as string).replace(/"logStreamName":"[^"]*",/, '');
  });
  await built;
  assert.equal((await parallelInput(createReadStream(path), script, 1, 2)).split, undefined);
  const spaced = corpus('spaced.jsonl', (lines) => {
    for (let i = 0; i < lines.length; i++) lines[i] = JSON.stringify(JSON.parse(lines[i] as string), null, 0).replace(/","/g, '", "').replace(/":"/g, '": "');
  });
  assert.ok((await parallelInput(createReadStream(spaced), script, 1, 2)).split, 'lines with spaces after the separators are routed');
});

test('a worker that cannot read the file: the split result is refused, nothing thrown', async () => {
  const path = corpus('vanishing.jsonl', () => undefined);
  await built;
  const input = await parallelInput(createReadStream(path), script, 1, 2);
  assert.ok(input.split);
  // The workers open the file by its path after the split is decided.
  unlinkSync(path);
  assert.equal(await analyzeInWorkers(input.split, {}), undefined);
});

test('a file of one log group is split too: its streams share out over the parts', async () => {
  const lines = [...new TrafficGenerator({ seed: 8, durationMs: 10 * 60_000 })].filter((e) => e.logGroupName === '/aws/lambda/checkout-api').map((e) => JSON.stringify(e));
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const single = new PartitionAnalysis({ index: 0, count: 1 });
  single.block(bytes);
  single.finish();
  const parts = [0, 1, 2].map((index) => {
    const part = new PartitionAnalysis({ index, count: 3 });
    part.block(bytes);
    part.finish();
    return part;
  });
  // Shared by stream (a dozen here), so not evenly: a busy function has many more.
  assert.ok(parts.every((p) => p.events > 0), `every part has events: ${parts.map((p) => p.events)} of ${single.events}`);
  assert.equal(parts.reduce((n, p) => n + p.events, 0), single.events);
  assert.ok(parts.every((p) => !p.conflict));
});

test('lines are routed from their bytes with or without a log group; other lines are not', () => {
  const route = newLineRoute();
  let name: string | undefined;
  const at = (line: string): number => {
    const bytes = Buffer.from(line);
    const key = routeLine(bytes, 0, bytes.length, route);
    name = routedName(bytes, route, []);
    return key;
  };
  const stream = '2026/11/26/[$LATEST]0123456789abcdef0123456789abcdef';
  assert.equal(at(`{"logGroupName":"/aws/lambda/checkout","logStreamName":"${stream}","timestamp":1}`), streamKey(stream));
  assert.equal(name, 'checkout');
  // aws logs filter-log-events output made JSON Lines: no group (--function names the function).
  assert.equal(at(`{"logStreamName":"${stream}","timestamp":1,"message":"x"}`), streamKey(stream));
  assert.equal(name, undefined);
  // Python's json.dumps, with its default spaces.
  assert.equal(at(`{"logGroupName": "/aws/lambda/checkout", "logStreamName": "${stream}", "timestamp": 1}`), streamKey(stream));
  assert.equal(name, 'checkout');
  // Another log group: routed by its stream, the function read from the parsed line.
  assert.equal(at('{"logGroupName":"/custom/group","logStreamName":"s-1","timestamp":1}'), streamKey('s-1'));
  assert.equal(name, undefined);
  // Names of another length than the last one's, and escapes or other scripts before the part hashed.
  assert.equal(at('{"logStreamName":"2026\\/11\\/26\\/[$LATEST]0123456789abcdef0123456789abcdef","timestamp":1}'), streamKey(stream));
  assert.equal(at(`{"logStreamName":"café-${'0'.repeat(30)}","timestamp":1}`), streamKey(`café-${'0'.repeat(30)}`));
  for (const line of [
    '{"timestamp":1,"logStreamName":"s"}',
    '{"logGroupName":"/aws/lambda/x","timestamp":1,"logStreamName":"s"}',
    '{"logStreamName":"caf\\u00e9","timestamp":1}',
    '{"logStreamName":"café","timestamp":1}',
    `{"logStreamName":"${'0'.repeat(12)}\\"${'0'.repeat(12)}","timestamp":1}`,
    '{"logStreamName":"","timestamp":1}',
    '{"logStreamName":"unterminated',
    '{"events":[]}',
    'not json',
  ]) {
    assert.equal(at(line), -1, line);
  }
});

test('bytes that mislead the router (a short stream name, a message ending where the last name did): found out, the same figures', async () => {
  const path = corpus('misleading.jsonl', (lines) => {
    // The corpus's names are 52 characters long: here the message's closing quote and a comma sit
    // where such a name would end, with plain text before them.
    const message = 'x'.repeat(52 - 'a","message":"'.length);
    lines.splice(60, 0, `{"logGroupName":"/aws/lambda/checkout-api","logStreamName":"a","message":"${message}","timestamp":1795683600000}`);
  });
  await built;
  const input = await parallelInput(createReadStream(path), script, 1, 2);
  assert.ok(input.split);
  assert.equal(await analyzeInWorkers(input.split, {}), undefined, 'the misrouted line is found out');
  const { single, split } = await both(path, false);
  assert.deepEqual(split, single);
});

test('streams go to the part with the fewest bytes, but a burst of new ones is not all given to one part', () => {
  const owners = new StreamOwners(2);
  // One busy stream on part 0 (10 MB); then a burst of 200 new streams of 300 bytes each.
  assert.equal(owners.ownerOf(1, 10_000_000), 0);
  const counts = [0, 0];
  for (let key = 2; key < 202; key++) {
    const part = owners.ownerOf(key, 300);
    counts[part] = (counts[part] as number) + 1;
  }
  assert.ok(Math.abs((counts[0] as number) - (counts[1] as number)) <= 18, `${counts}`);
  // Every part decides alike: the same calls give the same owners.
  const again = new StreamOwners(2);
  again.ownerOf(1, 10_000_000);
  for (let key = 2; key < 202; key++) assert.equal(again.ownerOf(key, 300), owners.ownerOf(key, 0));
});
