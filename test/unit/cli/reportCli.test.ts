import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', '..', 'src', 'cli.ts');
// No real AWS configuration may leak into these runs.
const home = mkdtempSync(join(tmpdir(), 'lambdascope-report-'));
const ENV = { PATH: process.env.PATH ?? '', HOME: home, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

function run(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...ENV, ...env }, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('report --demo --json: the analyze shape plus configuration, metrics and throttles for every function', () => {
  const r = run(['report', '--demo', '--json', '--since', '30m']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as {
    profile: string;
    region: string;
    functions: Array<{ name: string; invocations: number; errors: number; coldStarts: number; durationMs: { p99: number } | null; issues: unknown[]; configuration: { runtime: string; memorySizeMb: number; logFormat: string }; metrics: { invocations: number; throttles: number }; logsRead: boolean }>;
    skipped: { lines: number };
    calls: Record<string, number>;
  };
  assert.equal(report.profile, 'Demo');
  assert.equal(report.region, 'us-east-1');
  const names = report.functions.map((f) => f.name);
  assert.ok(names.includes('checkout-api') && names.includes('legacy-cron'), names.join());
  const checkout = report.functions.find((f) => f.name === 'checkout-api');
  assert.ok(checkout && checkout.invocations > 100 && checkout.durationMs && checkout.issues.length > 0);
  assert.equal(checkout.configuration.runtime, 'nodejs24.x');
  assert.equal(checkout.logsRead, true);
  // The logs and the metrics agree on the invocation count within the window's edge minutes.
  assert.ok(Math.abs(checkout.metrics.invocations - checkout.invocations) / checkout.invocations < 0.1, `${checkout.metrics.invocations} vs ${checkout.invocations}`);
  assert.ok((report.functions.find((f) => f.name === 'orders-worker')?.metrics.throttles ?? 0) > 0, 'throttles come from the metrics');
  const idle = report.functions.find((f) => f.name === 'legacy-cron');
  assert.equal(idle?.invocations, 0);
  assert.equal(idle?.logsRead, false, 'an idle function costs no log reads');
  assert.equal(idle?.durationMs, null);
  // Five functions with traffic, pages of at most 10,000 events or 1 MB: several pages each.
  assert.ok(report.calls.FilterLogEvents !== undefined && report.calls.FilterLogEvents >= 5);
  assert.equal(report.calls.ListFunctions, 1);
  assert.equal(report.calls.GetMetricData, 1);
  assert.equal(report.skipped.lines, 0);
});

test('report --demo prints a readable table with each function, idle ones said so', () => {
  const r = run(['report', '--demo', '--since', '15m', '--function', 'checkout-api', '--function', 'legacy-cron', '--function', 'nope']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Account Demo · us-east-1 · 2 functions/);
  assert.match(r.stdout, /λ checkout-api\n {2}function {6}nodejs24\.x · arm64 · 512 MB/);
  assert.match(r.stdout, /λ legacy-cron\n {2}idle in this window/);
  assert.match(r.stdout, /no function named 'nope'/);
  assert.doesNotMatch(r.stdout, /image-resizer/);
});

test('report refuses bad windows with a usage error', () => {
  for (const args of [['--since', 'yesterday'], ['--start', '2026-11-26T10:00Z', '--end', '2026-11-26T09:00Z'], ['--since', '1h', '--start', '2026-11-26T09:00Z']]) {
    const r = run(['report', '--demo', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /lambdascope: /);
  }
});

test('report without credentials or profiles explains what to do, exit 2, no stack trace', () => {
  const r = run(['report', '--region', 'us-east-1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /No AWS profile named 'default'.*aws configure/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  const unknown = run(['report', '--profile', 'prod']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /No AWS profile named 'prod'/);
});

test('the demo account is a profile: --profile Demo reads it like --demo', () => {
  const r = run(['report', '--profile', 'Demo', '--since', '10m', '--json', '--function', 'notifier']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { profile: string; functions: Array<{ name: string; invocations: number }> };
  assert.equal(report.profile, 'Demo');
  assert.equal(report.functions[0]?.name, 'notifier');
  assert.ok((report.functions[0]?.invocations ?? 0) > 0);
});
