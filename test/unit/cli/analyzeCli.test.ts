import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', '..', 'src', 'cli.ts');

function run(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const RID = '4ce9340a-b765-490f-ad8a-02ab3415e2bf';
const group = '/aws/lambda/checkout';
const stream = '2026/11/26/[$LATEST]e6f4a0c4241adcd70c262d34c0bbc85c';
const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);
/** An event `offset` ms after T0. */
function ev(offset: number, message: string, eventId?: string): string {
  return JSON.stringify({ logGroupName: group, logStreamName: stream, timestamp: T0 + offset, message, ...(eventId ? { eventId } : {}) });
}
const INVOCATION = [
  ev(1000, `START RequestId: ${RID} Version: $LATEST\n`, '1'),
  ev(1010, `2026-11-26T00:00:01.010Z\t${RID}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'id')","stack":["TypeError: Cannot read properties of undefined (reading 'id')","    at handler (/var/task/index.js:4:20)"]}\n`, '2'),
  ev(1020, `END RequestId: ${RID}\n`, '3'),
  ev(1020, `REPORT RequestId: ${RID}\tDuration: 20.50 ms\tBilled Duration: 21 ms\tMemory Size: 256 MB\tMax Memory Used: 80 MB\tInit Duration: 150.00 ms\t\n`, '4'),
];

test('--json prints the documented shape for JSON Lines input', () => {
  const r = run(['analyze', '-', '--json'], `${INVOCATION.join('\n')}\n`);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const f = out.functions[0];
  assert.equal(f.name, 'checkout');
  assert.equal(f.invocations, 1);
  assert.equal(f.errors, 1);
  assert.equal(f.coldStarts, 1);
  assert.equal(f.durationMs.max, 20.5);
  assert.equal(f.initDurationMs.max, 150);
  assert.equal(f.billedGbSeconds, Math.round(((21 / 1000) * (256 / 1024)) * 1e4) / 1e4);
  assert.equal(f.issues[0].title, "TypeError: Cannot read properties of undefined (reading '<str>')");
  assert.equal(f.issues[0].kind, 'error');
  assert.deepEqual(f.issues[0].requestIds, [RID]);
  assert.deepEqual(out.skipped, { lines: 0, reasons: {} });
});

test('bad lines are skipped, counted and named on stderr; nothing else is lost', () => {
  const input = ['not json at all', INVOCATION[0], '{"foo": 1}', ...INVOCATION.slice(1), '[1,2]'].join('\n');
  const r = run(['analyze', '-', '--json'], input);
  assert.equal(r.code, 0);
  const out = JSON.parse(r.stdout);
  assert.equal(out.functions[0].invocations, 1);
  assert.deepEqual(out.skipped, { lines: 3, reasons: { 'not JSON': 1, 'not a log event': 2 } });
  assert.match(r.stderr, /line 1 skipped: not JSON/);
  assert.match(r.stderr, /line 3 skipped: not a log event/);
  assert.match(r.stderr, /line 7 skipped: not a log event/);
});

test('impossible timestamps are skipped with a reason, the rest is analysed', () => {
  const input = [INVOCATION[0], JSON.stringify({ logGroupName: group, logStreamName: stream, timestamp: 1e17, message: 'x' }), ...INVOCATION.slice(1)].join('\n');
  const r = run(['analyze', '-', '--json'], input);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.functions[0].invocations, 1);
  assert.deepEqual(out.skipped, { lines: 1, reasons: { 'timestamp out of range': 1 } });
  const text = run(['analyze', '-'], input);
  assert.equal(text.code, 0, text.stderr);
});

test('files concatenated out of order lose nothing', () => {
  const later = INVOCATION.map((l) => {
    const e = JSON.parse(l) as { timestamp: number; message: string; eventId: string };
    return JSON.stringify({ ...e, timestamp: e.timestamp + 3_600_000, eventId: `later-${e.eventId}`, message: e.message.replaceAll('4ce9340a', '5ce9340a') });
  });
  // The earlier invocation, then the later one again: a file's events are all remembered, so the
  // copy an hour apart counts nothing twice, and nothing is too old to check (no late events).
  const r = run(['analyze', '-', '--json'], [...later, ...INVOCATION, ...later].join('\n'));
  assert.equal(r.code, 0, r.stderr);
  const f = JSON.parse(r.stdout).functions[0];
  assert.equal(f.invocations, 2);
  assert.equal(f.duplicateEvents, 4);
  assert.equal(f.lateEvents, 0);
});

test('a missing file is a clear error with exit code 2', () => {
  const r = run(['analyze', '/nonexistent/events.jsonl']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no such file: '\/nonexistent\/events.jsonl'/);
});

test('aws logs filter-log-events output with --function', () => {
  const doc = {
    events: INVOCATION.map((l) => {
      const e = JSON.parse(l) as Record<string, unknown>;
      delete e.logGroupName;
      return e;
    }),
    searchedLogStreams: [],
  };
  const dir = mkdtempSync(join(tmpdir(), 'lambdascope-'));
  const file = join(dir, 'events.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  const r = run(['analyze', file, '--json', '--function', 'orders']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.functions[0].name, 'orders');
  assert.equal(out.functions[0].invocations, 1);
  const without = run(['analyze', file, '--json']);
  assert.equal(JSON.parse(without.stdout).skipped.reasons['no log group (pass --function NAME)'], 4);
});

test('a skipped event of a page is named by its number in the page, in a document as on a JSON Lines line', () => {
  const events = INVOCATION.map((l) => JSON.parse(l) as Record<string, unknown>);
  const page = { events: [events[0], { timestamp: 'never', message: 'x' }, events[1], events[2], 'nonsense', events[3]] };
  const dir = mkdtempSync(join(tmpdir(), 'lambdascope-'));
  const file = join(dir, 'page.json');
  writeFileSync(file, JSON.stringify(page, null, 2));
  const document = run(['analyze', file, '--json']);
  assert.equal(document.code, 0, document.stderr);
  assert.equal(document.stderr, 'lambdascope: warning: line 1, event 2 skipped: not a log event\nlambdascope: warning: line 1, event 5 skipped: not a log event\n');
  assert.equal(JSON.parse(document.stdout).functions[0].invocations, 1);
  // The same page as the second line of a JSON Lines input.
  const lines = run(['analyze', '-', '--json'], `${INVOCATION[0]}\n${JSON.stringify(page)}\n`);
  assert.equal(lines.code, 0, lines.stderr);
  assert.equal(lines.stderr, 'lambdascope: warning: line 2, event 2 skipped: not a log event\nlambdascope: warning: line 2, event 5 skipped: not a log event\n');
  assert.equal(JSON.parse(lines.stdout).skipped.lines, 2);
});

test('a 1 MB line and hostile text pass through as data; the terminal report escapes them', () => {
  const big = 'x'.repeat(1 << 20);
  const hostile = `<script>alert(1)</script> \u001b[31mred\u001b[0m \u202Eevil`;
  const lines = [
    INVOCATION[0],
    ev(1005, `2026-11-26T00:00:01.005Z\t${RID}\tINFO\t${big}\n`, '5'),
    ev(1006, `2026-11-26T00:00:01.006Z\t${RID}\tERROR\tError: ${hostile}\n`, '6'),
    ev(1007, `2026-11-26T00:00:01.007Z\t${RID}\tINFO\tREPORT RequestId: fake Duration: 1.00 ms\n`, '7'),
    INVOCATION[2],
    INVOCATION[3],
  ];
  const json = run(['analyze', '-', '--json'], lines.join('\n'));
  assert.equal(json.code, 0, json.stderr);
  const f = JSON.parse(json.stdout).functions[0];
  assert.equal(f.invocations, 1, 'the fake REPORT inside an application line is not an invocation');
  assert.equal(f.issues[0].handled, true);
  assert.ok(f.issues[0].title.includes('<script>'), 'JSON keeps the text as data');
  const text = run(['analyze', '-'], lines.join('\n'));
  assert.equal(text.code, 0);
  assert.ok(!text.stdout.includes('\u001b'), 'no raw escape reaches the terminal');
  assert.ok(!text.stdout.includes('\u202E'), 'no raw bidi override reaches the terminal');
  assert.ok(text.stdout.includes('\\x1b['), 'the escape is shown, visibly');
  assert.ok(text.stdout.includes('\\u202e'), 'the bidi override is shown, visibly');
});

test('a file that exists but cannot be opened (a socket) is a clear error with exit code 2, not a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lambdascope-'));
  const path = join(dir, 'events.sock');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(path, resolve));
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'analyze', path], { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^lambdascope: cannot read '.*events\.sock' \(ENXIO\)\n$/);
  } finally {
    server.close();
  }
});

test('a folder as standard input is a clear error with exit code 2, not an empty report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lambdascope-'));
  const fd = openSync(dir, 'r');
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'analyze', '-', '--json'], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^lambdascope: standard input is a folder, not a file of log events\.\n$/);
  } finally {
    closeSync(fd);
  }
});

test('a file starting with a UTF-8 byte order mark loses no event', () => {
  const plain = run(['analyze', '-', '--json'], `${INVOCATION.join('\n')}\n`);
  const marked = run(['analyze', '-', '--json'], `\uFEFF${INVOCATION.join('\n')}\n`);
  assert.equal(marked.code, 0, marked.stderr);
  assert.equal(marked.stderr, '');
  assert.equal(marked.stdout, plain.stdout);
});

test('a usage error does not echo control characters from the command line', () => {
  const r = run(['\u001b]0;pwned\u0007']);
  assert.equal(r.code, 2);
  assert.doesNotMatch(r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f]/);
  assert.match(r.stderr, /unknown command/);
});

test('--threads takes a whole number from 1 to 8', () => {
  for (const bad of ['0', '9', '1.5', 'many']) {
    const r = run(['analyze', '-', '--threads', bad], `${INVOCATION.join('\n')}\n`);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /--threads is a whole number from 1 to 8/);
  }
  const ok = run(['analyze', '-', '--json', '--threads', '3'], `${INVOCATION.join('\n')}\n`);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).functions[0].invocations, 1);
});
