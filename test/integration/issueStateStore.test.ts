import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIssueStates } from '../../src/core/issues/issueStateFile';
import { mute, newIssueState, resolve } from '../../src/core/issues/issueStates';
import { IssueStateStore } from '../../src/store/issueStateStore';

const T0 = Date.UTC(2026, 10, 26, 9);
const WRITER = join(__dirname, 'support/issueStateWriter.ts');

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'lambdascope-states-'));
}

function runWriter(file: string, writer: string, from: number, count: number, killAfterMs?: number): Promise<number[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, writer, String(from), String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const done: number[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('done ')) done.push(Number(line.slice(5)));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let timer: NodeJS.Timeout | undefined;
    if (killAfterMs !== undefined) {
      // Killed once it is writing (after its first completed update), at a random point after.
      const arm = setInterval(() => {
        if (done.length === 0) return;
        clearInterval(arm);
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }, 5);
      child.on('exit', () => clearInterval(arm));
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (code === 0 || signal === 'SIGKILL') resolvePromise(done);
      else reject(new Error(`writer ${writer} exited with ${code ?? signal}: ${stderr.slice(-2000)}`));
    });
  });
}

function read(file: string) {
  const parsed = parseIssueStates(readFileSync(file, 'utf8'));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
  assert.deepEqual(parsed.problems, []);
  return new Map(parsed.entries.map((e) => [e.key, e]));
}

test('the store keeps states across instances (a restart), merging what each writer changed', async () => {
  const file = join(scratch(), '.lambdascope', 'issues.json');
  const first = new IssueStateStore(file);
  assert.deepEqual(await first.load(), { entries: [], problems: [] }, 'no file yet: nothing, no problem');
  const a = resolve(newIssueState('acct/us-east-1/checkout-api/aa', T0), 'Ada', T0 + 1);
  await first.update([a]);
  const second = new IssueStateStore(file);
  const b = mute(newIssueState('acct/us-east-1/orders/bb', T0), 'Grace', T0 + 2, { until: T0 + 3_600_000 });
  const after = await second.update([b, resolve(a, 'Grace', T0 + 5)]);
  assert.equal(after.entries.length, 2);
  const loaded = await new IssueStateStore(file).load();
  assert.equal(loaded.entries.find((e) => e.key.endsWith('/aa'))?.transitions.at(-1)?.by, 'Grace');
  assert.equal(loaded.entries.find((e) => e.key.endsWith('/bb'))?.state, 'muted');
  assert.deepEqual(readdirSync(join(file, '..')).sort(), ['issues.json'], 'no temporary or lock file left behind');
});

test('two processes writing at once lose no update', { timeout: 120_000 }, async () => {
  const file = join(scratch(), 'issues.json');
  const [a, b] = await Promise.all([runWriter(file, 'window-a', 0, 40), runWriter(file, 'window-b', 0, 40)]);
  assert.equal(a.length, 40);
  assert.equal(b.length, 40);
  const states = read(file);
  for (let k = 0; k < 40; k++) {
    assert.equal(states.get(`acct/us-east-1/window-a/${k}`)?.state, 'resolved', `window-a ${k}`);
    assert.equal(states.get(`acct/us-east-1/window-b/${k}`)?.state, 'resolved', `window-b ${k}`);
  }
  assert.equal(states.size, 81);
  // The shared issue: both writers' latest decisions are among its transitions.
  const shared = states.get('acct/us-east-1/shared/fp');
  assert.ok(shared?.transitions.some((t) => t.by === 'window-a-39') && shared.transitions.some((t) => t.by === 'window-b-39'));
});

test('a writer killed at random points many times over: the file is always valid and holds every completed update', { timeout: 300_000 }, async () => {
  const file = join(scratch(), 'issues.json');
  let next = 0;
  const completed: number[] = [];
  for (let round = 0; round < 20; round++) {
    const done = await runWriter(file, 'killed', next, 100_000, 5 + Math.floor(Math.random() * 60));
    completed.push(...done);
    next = (done.at(-1) ?? next - 1) + 1;
    const states = read(file);
    for (const k of completed) assert.ok(states.has(`acct/us-east-1/killed/${k}`), `round ${round}: update ${k} was reported written and must be in the file`);
  }
  assert.ok(completed.length >= 20, `${completed.length} updates completed across the kills`);
});

test('a corrupt or hand-edited file: a clear message, a backup, and nothing silently lost', async () => {
  const dir = scratch();
  const file = join(dir, 'issues.json');
  writeFileSync(file, '{"format":"lambdascope.issues","version":1\n<<<<<<< HEAD\n');
  const store = new IssueStateStore(file, { now: () => T0 });
  const loaded = await store.load();
  assert.equal(loaded.entries.length, 0);
  assert.match(loaded.problems[0] ?? '', /could not be read: not valid JSON.*A copy was kept in .*issues\.json\.unreadable-2026-11-26T09-00-00-000Z\.bak/);
  assert.equal(readFileSync(loaded.backup as string, 'utf8'), '{"format":"lambdascope.issues","version":1\n<<<<<<< HEAD\n', 'the backup is the file as it was');
  // Writing again starts a valid file (the broken one stays in its backup).
  await store.update([newIssueState('acct/us-east-1/f/x', T0)]);
  assert.equal(read(file).size, 1);

  writeFileSync(file, `{"format":"lambdascope.issues","version":1\n,"acct/us-east-1/f/good":{"state":"open","lastSeen":1,"transitions":[]}\n,"acct/us-east-1/f/edited":{"state":"fixed","lastSeen":1,"transitions":[]}\n}\n`);
  const edited = await store.load();
  assert.deepEqual(edited.entries.map((e) => e.key), ['acct/us-east-1/f/good']);
  assert.match(edited.problems[0] ?? '', /acct\/us-east-1\/f\/edited.*left out.*a copy of the file was kept/);
  assert.ok(readFileSync(edited.backup as string, 'utf8').includes('"state":"fixed"'));
});

test('a state file that is a link (to a secret, say) is never read, copied or shown; saving replaces the link, not its target', async () => {
  const dir = scratch();
  const secret = join(dir, 'credentials');
  const secretText = '[default]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = not-a-real-secret\n';
  writeFileSync(secret, secretText, { mode: 0o600 });
  const file = join(dir, 'issues.json');
  symlinkSync(secret, file);
  const store = new IssueStateStore(file, { now: () => T0 });
  const loaded = await store.load();
  assert.deepEqual(loaded.entries, []);
  assert.equal(loaded.backup, undefined, 'no copy of what the link points to');
  assert.match(loaded.problems[0] ?? '', /is a link or not a regular file: Lambdascope does not read it/);
  assert.ok(!(loaded.problems[0] ?? '').includes('AKIA'), 'nothing of the target in the message');
  assert.deepEqual(readdirSync(dir).sort(), ['credentials', 'issues.json'], 'no backup written beside it');
  await store.update([newIssueState('acct/us-east-1/f/x', T0)]);
  assert.equal(readFileSync(secret, 'utf8'), secretText, 'the target is untouched');
  assert.ok(lstatSync(file).isFile() && !lstatSync(file).isSymbolicLink(), 'the link was replaced by the states file');
  assert.equal(read(file).size, 1);
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('a lock left by a writer that died is broken; a live one is waited for', async () => {
  const file = join(scratch(), 'issues.json');
  writeFileSync(`${file}.lock`, '999999999 0\n');
  await new IssueStateStore(file).update([newIssueState('acct/us-east-1/f/after-dead-lock', T0)]);
  assert.equal(read(file).size, 1);
  writeFileSync(`${file}.lock`, `${process.pid} ${Date.now()}\n`);
  const waiting = new IssueStateStore(file, { lockTimeoutMs: 300 }).update([newIssueState('acct/us-east-1/f/blocked', T0)]);
  await assert.rejects(waiting, /is held by another writer/);
});
