// `lambdascope report` against moto with the real SDK: the figures must be exactly the ground
// truth of the seeded traffic — once with --endpoint-url and keys in the environment, once through
// a profile whose config names the endpoint.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_FUNCTIONS } from '../../src/demo/scenarios';
import { startMoto, type MotoServer } from './support/motoServer';
import { buildShippedBundles } from './support/shippedBundles';
import { seedAccount, type SeededAccount } from './support/seedAccount';
import type { FunctionTruth } from '../../src/demo/trafficGenerator';

const CLI = join(__dirname, '..', '..', 'src', 'cli.ts');
const REGION = 'eu-north-1';
const MINUTE = 60_000;

interface ReportedFunction {
  name: string;
  invocations: number;
  errors: number;
  timeouts: number;
  outOfMemory: number;
  initErrors: number;
  coldStarts: number;
  billedGbSeconds: number;
  cost: { windowUsd: number; shareOfAccount: number; month: { gbSeconds: number } };
  issues: Array<{ title: string; kind: string; count: number }>;
  configuration: { runtime: string; memorySizeMb: number; timeoutSeconds: number; architecture: string };
  metrics: { invocations: number; errors: number; throttles: number };
  logsRead: boolean;
}

/** `env`: added to a clean environment (a key set to undefined: left out); `cli`: the sources (default), or a bundle built as shipped. */
function runReport(args: string[], env: Record<string, string | undefined>, cli: string[] = ['--import', 'tsx', CLI]): { code: number | null; stdout: string; stderr: string } {
  const home = mkdtempSync(join(tmpdir(), 'lambdascope-it-'));
  const all: Record<string, string | undefined> = { PATH: process.env.PATH ?? '', HOME: home, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env };
  const r = spawnSync(process.execPath, [...cli, 'report', ...args], {
    encoding: 'utf8',
    env: Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined)),
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertTruth(functions: ReportedFunction[], truth: Map<string, FunctionTruth>): void {
  const shares = functions.reduce((n, f) => n + f.cost.shareOfAccount, 0);
  assert.ok(Math.abs(shares - 1) <= 1e-3, `shares of the account add up to 1 (${shares})`);
  for (const fn of DEMO_FUNCTIONS) {
    const t = truth.get(fn.name);
    const r = functions.find((f) => f.name === fn.name);
    assert.ok(t && r, fn.name);
    assert.equal(r.invocations, t.invocations, `${fn.name} invocations`);
    assert.equal(r.errors, t.failures, `${fn.name} errors`);
    assert.equal(r.timeouts, t.timeouts, `${fn.name} timeouts`);
    assert.equal(r.outOfMemory, t.outOfMemory, `${fn.name} out of memory`);
    assert.equal(r.initErrors, t.initErrors, `${fn.name} init errors`);
    assert.equal(r.coldStarts, t.coldStarts, `${fn.name} cold starts`);
    // The report rounds GB-seconds to four decimals.
    assert.ok(Math.abs(r.billedGbSeconds - t.billedGbSeconds) <= 5e-5, `${fn.name} GB-s ${r.billedGbSeconds} vs ${t.billedGbSeconds}`);
    // List price of the generator's own GB-seconds and requests (no table for eu-north-1: us-east-1 prices).
    const listUsd = t.billedGbSeconds * (fn.architecture === 'arm64' ? 0.0000133334 : 0.0000166667) + t.invocations * 0.2e-6;
    assert.ok(Math.abs(r.cost.windowUsd - listUsd) <= 1e-6, `${fn.name} window cost ${r.cost.windowUsd} vs ${listUsd}`);
    const expected = [...t.issues.values()].map((i) => `${i.title}|${i.kind}|${i.count}`).sort();
    // Two scenarios may share a title (one message, two code paths): compare the multiset.
    assert.deepEqual(r.issues.map((i) => `${i.title}|${i.kind}|${i.count}`).sort(), expected, `${fn.name} issues`);
    assert.equal(r.metrics.invocations, t.invocations, `${fn.name} metric invocations`);
    assert.equal(r.metrics.errors, t.failures, `${fn.name} metric errors`);
    assert.equal(r.configuration.runtime, fn.runtime);
    assert.equal(r.configuration.memorySizeMb, fn.memorySizeMb);
    assert.equal(r.configuration.timeoutSeconds, fn.timeoutSeconds);
    assert.equal(r.configuration.architecture, fn.architecture);
  }
}

describe('lambdascope report against moto', () => {
  let moto: MotoServer;
  let seeded: SeededAccount;

  before(async () => {
    moto = await startMoto();
    seeded = await seedAccount(moto.url, { seed: 23, durationMs: 6 * MINUTE, region: REGION, start: Math.floor((Date.now() - 20 * MINUTE) / MINUTE) * MINUTE });
  });

  after(async () => {
    await moto?.stop();
  });

  test('with --endpoint-url and keys in the environment, every figure equals the truth', () => {
    const r = runReport(['--json', '--endpoint-url', moto.url, '--region', REGION, '--start', String(seeded.start), '--end', String(seeded.end + MINUTE)], {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing-secret-value',
    });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { profile: string; region: string; functions: ReportedFunction[]; calls: Record<string, number> };
    assert.equal(report.profile, 'environment');
    assert.equal(report.region, REGION);
    assertTruth(report.functions, seeded.truth);
    assert.equal(report.calls.ListFunctions, 1);
    assert.equal(report.calls.GetMetricData, 1);
    assert.ok(!r.stdout.includes('testing-secret-value') && !r.stderr.includes('testing-secret-value'));
  });

  test('through a profile whose config names the endpoint and region, with --function', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lambdascope-profile-'));
    writeFileSync(join(dir, 'config'), `[profile moto]\nregion = ${REGION}\nendpoint_url = ${moto.url}\n`);
    writeFileSync(join(dir, 'credentials'), '[moto]\naws_access_key_id = AKIAMOTO\naws_secret_access_key = moto-secret-value\n');
    const r = runReport(['--json', '--profile', 'moto', '--function', 'checkout-api', '--start', new Date(seeded.start).toISOString(), '--end', new Date(seeded.end + MINUTE).toISOString()], {
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { profile: string; functions: ReportedFunction[] };
    assert.equal(report.profile, 'moto');
    assert.deepEqual(report.functions.map((f) => f.name), ['checkout-api']);
    const truth = seeded.truth.get('checkout-api');
    assert.equal(report.functions[0]?.invocations, truth?.invocations);
    assert.ok(!r.stdout.includes('moto-secret-value'));
  });

  test('the CLI as bundled: no AWS SDK in cli.js, which loads aws.js beside it for a real account', async () => {
    const outdir = await buildShippedBundles(['cli.js', 'aws.js']);
    const bundle = readFileSync(join(outdir, 'cli.js'), 'utf8');
    assert.doesNotMatch(bundle, /CloudWatchLogsClient|LambdaClient/, 'the SDK stays in aws.js');
    assert.match(readFileSync(join(outdir, 'aws.js'), 'utf8'), /CloudWatchLogsClient/);
    const r = runReport(['--json', '--endpoint-url', moto.url, '--region', REGION, '--start', String(seeded.start), '--end', String(seeded.end + MINUTE)], {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing-secret-value',
    }, [join(outdir, 'cli.js')]);
    assert.equal(r.code, 0, r.stderr);
    assertTruth((JSON.parse(r.stdout) as { functions: ReportedFunction[] }).functions, seeded.truth);
    // Errors classified in aws.js are still said plainly by cli.js (each bundle has its own SourceError).
    // Without the variable that silences the SDK's notice that its future releases need Node 22.
    const unreachable = runReport(['--endpoint-url', 'http://127.0.0.1:9', '--region', REGION, '--since', '5m'], { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined }, [join(outdir, 'cli.js')]);
    assert.equal(unreachable.code, 2, unreachable.stdout + unreachable.stderr);
    assert.equal(unreachable.stderr, 'lambdascope: ListFunctions failed: AWS or the network is unavailable (ECONNREFUSED).\n');
    const noProfile = runReport(['--profile', 'nope', '--region', REGION, '--since', '5m'], {}, [join(outdir, 'cli.js')]);
    assert.equal(noProfile.code, 2, noProfile.stderr);
    assert.match(noProfile.stderr, /^lambdascope: No AWS profile named 'nope'/);
    // cli.js copied without aws.js: said plainly.
    unlinkSync(join(outdir, 'aws.js'));
    const missing = runReport(['--endpoint-url', moto.url, '--region', REGION, '--since', '5m'], { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' }, [join(outdir, 'cli.js')]);
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /^lambdascope: the AWS part of Lambdascope \(aws\.js, beside cli\.js\) is missing/);
  });

  test('an unreachable endpoint is a clear error, not a stack trace', () => {
    const r = runReport(['--endpoint-url', 'http://127.0.0.1:9', '--region', REGION, '--since', '5m'], { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /lambdascope: .*(unavailable|connect|reach|network)/i);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
