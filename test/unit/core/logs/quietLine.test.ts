// The quiet-line lane: matchQuietLine + StreamAssembler.acceptQuiet must do exactly what parseLine
// + accept() do for every line the lane takes, and the lane must take the lines it is for.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { matchQuietLine, parseLine, requestIdOf, type QuietLineMatch } from '../../../../src/core/logs/parseLine';
import { StreamAssembler, type AssemblerSink } from '../../../../src/core/logs/streamAssembler';
import type { Invocation, InitFailure } from '../../../../src/core/invocation';
import { TrafficGenerator } from '../../../../src/demo/trafficGenerator';
import { DEMO_FUNCTIONS } from '../../../../src/demo/scenarios';
import { FIXTURES, REQUEST_ID as RID, TIME, fixtureLines } from './helpers';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A small deterministic generator (the tests must not depend on Math.random). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['\t', '\n', ' ', '\r', ']', '}', '{', '"', 'INFO', 'ERROR', 'WARN', 'undefined', RID, '"requestId":"', '[INFO]', 'x'];

/** Variants of a message that sit on the lane's edges: cut, padded, with pieces dropped in. */
function variants(message: string, random: () => number): string[] {
  const out = [message, `${message}\n`, `${message}\t\n`, `${message} \r\n`, message.trimEnd()];
  for (let k = 0; k < 6; k++) {
    const at = Math.floor(random() * (message.length + 1));
    const piece = PIECES[Math.floor(random() * PIECES.length)] as string;
    out.push(message.slice(0, at), message.slice(0, at) + piece + message.slice(at), message.slice(0, at) + piece);
  }
  return out;
}

function corpus(): string[] {
  const messages: string[] = [];
  for (const file of filesUnder(FIXTURES)) if (file.endsWith('.txt')) messages.push(...fixtureLines(file));
  for (const event of new TrafficGenerator({ seed: 11, functions: DEMO_FUNCTIONS, maxInvocations: 3000, hostileEvery: 7 })) messages.push(event.message);
  const node = (level: string, id: string, text: string): string => `${TIME}\t${id}\t${level}\t${text}`;
  // The .NET console logger's labels too (trce … crit), and near misses of them.
  for (const level of ['TRACE', 'DEBUG', 'INFO', 'WARN', 'WARNING', 'ERROR', 'FATAL', 'CRITICAL', 'info', 'NOTICE', 'trce', 'dbug', 'warn', 'fail', 'crit', 'Fail', 'failx']) {
    for (const id of [RID, 'undefined', 'bad id!', '', 'x'.repeat(65)]) {
      messages.push(node(level, id, 'hello'), node(level, id, ''), `[${level}]\t${TIME}\t${id}\thello`, `[${level}]\t${TIME}\t${id}`, `[${level}]\t${TIME}`, `[${level}]`, `[${level}] Oops: boom`);
      messages.push(`{"timestamp":"${TIME}","level":"${level}","requestId":"${id}","message":"m"}`, `{"time":"${TIME}","log_level":"${level}","message":"m"}`);
    }
  }
  messages.push('', '\n', '\t', '{', '[', '2', '[]', '{"timestamp":"t","level":"INFO"', '{"time":"t","type":"platform.start","record":{"requestId":"r"}}');
  return messages;
}

describe('matchQuietLine', () => {
  test('takes only lines that parseLine reads as quiet, with the same request id', () => {
    const random = rng(7);
    const match: QuietLineMatch = { idStart: -1, idEnd: -1 };
    let taken = 0;
    let checked = 0;
    for (const base of corpus()) {
      for (const message of variants(base, random)) {
        checked++;
        if (!matchQuietLine(message, match)) continue;
        taken++;
        const parsed = parseLine(message);
        const where = JSON.stringify(message);
        assert.equal(parsed.kind, 'app', where);
        if (parsed.kind !== 'app') continue;
        assert.equal(parsed.error, undefined, where);
        assert.ok(!parsed.failure && !parsed.outOfMemory, where);
        const id = match.idStart < 0 ? undefined : requestIdOf(message.slice(match.idStart, match.idEnd));
        assert.equal(id, parsed.requestId, where);
      }
    }
    // The lane is used: most lines of the corpus are quiet.
    assert.ok(checked > 50_000 && taken > checked / 5, `${taken} of ${checked}`);
  });

  test('takes the quiet lines of every text and JSON format, and none that carries an error', () => {
    const match: QuietLineMatch = { idStart: -1, idEnd: -1 };
    const quiet = [
      `${TIME}\t${RID}\tINFO\thello\n`,
      `${TIME}\t${RID}\tdbug\thello\n`,
      `${TIME}\t${RID}\twarn\thello`,
      `[INFO]\t${TIME}\t${RID}\thello\n`,
      `[WARNING]\t${TIME}\tno id here`,
      `{"timestamp":"${TIME}","level":"INFO","requestId":"${RID}","message":"ok"}\n`,
      `{"time":"${TIME}","log_level":"DEBUG","message":"ok"}`,
    ];
    for (const message of quiet) assert.equal(matchQuietLine(message, match), true, message);
    assert.equal(match.idStart, -1);
    assert.equal(matchQuietLine(quiet[0] as string, match), true);
    assert.equal((quiet[0] as string).slice(match.idStart, match.idEnd), RID);
    const loud = [
      `${TIME}\t${RID}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"boom"}`,
      `[ERROR]\t${TIME}\t${RID}\tboom`,
      `[ERROR] KeyError: 'x'\rTraceback (most recent call last):`,
      `{"timestamp":"${TIME}","level":"ERROR","requestId":"${RID}","message":"boom"}`,
      `START RequestId: ${RID} Version: $LATEST`,
      `REPORT RequestId: ${RID}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB`,
      `${TIME} ${RID} Task timed out after 3.00 seconds`,
      'Error: Runtime exited with error: signal: killed',
      `${TIME}\t${RID}\tINFO\t`,
      `${TIME}\t${RID}\tfail\tSystem.InvalidOperationException: Sequence contains no elements\n   at Orders.Function.FunctionHandler(OrderRequest input) in /src/Orders/Function.cs:line 57`,
      `${TIME}\t${RID}\tcrit\tshutting down`,
      '/ by zero: java.lang.ArithmeticException\njava.lang.ArithmeticException: / by zero\n\tat com.example.Handler.handleRequest(Handler.java:42)',
    ];
    for (const message of loud) assert.equal(matchQuietLine(message, match), false, message);
  });
});

class Recorder implements AssemblerSink {
  readonly out: unknown[] = [];
  invocation(invocation: Invocation): void {
    this.out.push(['invocation', invocation]);
  }
  initFailure(failure: InitFailure): void {
    this.out.push(['init', failure]);
  }
  lateError(functionName: string, requestId: string, time: number): void {
    this.out.push(['late', functionName, requestId, time]);
  }
}

describe('StreamAssembler.acceptQuiet', () => {
  test('assembles the same invocations as accept() of the parsed lines, in any interleaving', () => {
    // Valid ids, Node's literal `undefined`, and ids no application line can name (only a JSON
    // platform event carries them: too long, or with a space).
    const ids = ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002', 'a1b2c3d4-0000-4000-8000-000000000003', 'undefined', 'bad id', 'x'.repeat(65)];
    const lineFor = (random: () => number): string => {
      const id = ids[Math.floor(random() * ids.length)] as string;
      const ms = Math.floor(random() * 900);
      // Requests that end without a REPORT (a new START, an error) show which request a quiet line kept going.
      switch (Math.floor(random() * 15)) {
        case 13:
          return `${TIME}\t${id}\tdbug\tstep ${ms}\n`;
        case 14:
          return `${TIME}\t${id}\tfail\tSystem.TimeoutException: The operation has timed out.\n   at Orders.Function.FunctionHandler(OrderRequest input) in /src/Orders/Function.cs:line ${ms}\n`;
        case 11:
          return `{"time":"${TIME}","type":"platform.start","record":{"requestId":"${id}","version":"$LATEST"}}`;
        case 12:
          return `{"time":"${TIME}","type":"platform.runtimeDone","record":{"requestId":"${id}","status":"error","errorType":"Error"}}`;
        case 0:
        case 9:
          return `START RequestId: ${id} Version: $LATEST\n`;
        case 1:
          return `END RequestId: ${id}\n`;
        case 10:
          return `${TIME}\t${id}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"boom ${ms}"}\n`;
        case 2:
          return `REPORT RequestId: ${id}\tDuration: ${ms}.50 ms\tBilled Duration: ${ms + 1} ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`;
        case 3:
          return `[INFO]\t${TIME}\t${id}\tworking\n`;
        case 4:
          return `[INFO]\t${TIME}\n`;
        case 5:
          return `{"timestamp":"${TIME}","level":"INFO","requestId":"${id}","message":"m"}`;
        case 6:
          return `${TIME}\t${id}\tERROR\tboom\n`;
        default:
          return `${TIME}\t${id}\tINFO\tstep ${ms}\n`;
      }
    };
    const match: QuietLineMatch = { idStart: -1, idEnd: -1 };
    let quietLines = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const random = rng(seed);
      const viaParse = new Recorder();
      const viaLane = new Recorder();
      const a = new StreamAssembler('fn', 'stream', viaParse, { settleMs: 50 });
      const b = new StreamAssembler('fn', 'stream', viaLane, { settleMs: 50 });
      let time = 1_700_000_000_000;
      for (let i = 0; i < 40; i++) {
        // Mostly forward, sometimes back (re-reads, pages out of order), sometimes a retry's minute later.
        time += random() < 0.05 ? 60_000 : Math.floor(random() * 40) - 10;
        const message = lineFor(random);
        const late = random() < 0.1;
        a.accept(parseLine(message), time, late);
        if (matchQuietLine(message, match)) {
          quietLines++;
          b.acceptQuiet(message, match.idStart, match.idEnd, time);
        } else b.accept(parseLine(message), time, late);
      }
      assert.equal(a.flush(), b.flush(), `seed ${seed}`);
      assert.deepEqual(viaLane.out, viaParse.out, `seed ${seed}`);
    }
    assert.ok(quietLines > 20_000, `${quietLines}`);
  });
});
