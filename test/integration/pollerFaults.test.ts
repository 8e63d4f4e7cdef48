// The background poller with the real SDK against moto behind a proxy that injects AWS's failures:
// throttling, HTTP 500, connection resets and slow answers on 30% of calls must lose nothing and
// count nothing twice; an expired token pauses the profile; AccessDenied on one log group marks
// only that function.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../src/core/analysis/analysisReport';
import { systemClock } from '../../src/core/clock';
import { LAMBDA_PRICES } from '../../src/core/cost/priceTable';
import { AccountPoller } from '../../src/core/poll/accountPoller';
import { openAwsAccount, type AwsAccount } from '../../src/aws/awsAccount';
import { startFaultProxy, type FaultProxy } from './support/faultProxy';
import { startMoto, type MotoServer } from './support/motoServer';
import { seedAccount, type SeededAccount } from './support/seedAccount';

const REGION = 'ap-southeast-2';
const MINUTE = 60_000;
const ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', HOME: '/nonexistent-home' };

describe('the poller against moto behind a faulty network', () => {
  let moto: MotoServer;
  let proxy: FaultProxy;
  let seeded: SeededAccount;
  const accounts: AwsAccount[] = [];

  before(async () => {
    moto = await startMoto();
    seeded = await seedAccount(moto.url, { seed: 31, durationMs: 5 * MINUTE, region: REGION, start: Math.floor((Date.now() - 12 * MINUTE) / MINUTE) * MINUTE });
    proxy = await startFaultProxy(moto.url, { seed: 3, failureRate: 0.3, kinds: ['throttle', 'http500', 'reset', 'slow'], slowMs: 150 });
  });

  after(async () => {
    for (const a of accounts) a.sources.dispose?.();
    await proxy?.close();
    await moto?.stop();
  });

  async function poller(analyzer: Analyzer): Promise<AccountPoller> {
    const account = await openAwsAccount({ region: REGION, endpointUrl: proxy.url, env: ENV });
    accounts.push(account);
    // Fast backoff keeps the test short; the policy is the product's, only its scale differs.
    return new AccountPoller({ sources: account.sources, analyzer, clock: systemClock, initialLookbackMs: 20 * MINUTE, backoff: { baseMs: 20, capMs: 400, maxAttempts: 4 }, maxPagesPerGroup: 20 });
  }

  test('with 30% of calls failing, cycles catch up and every count equals the truth', async () => {
    proxy.setPlan({ seed: 3, failureRate: 0.3, kinds: ['throttle', 'http500', 'reset', 'slow'], slowMs: 150 });
    proxy.resetStats();
    const analyzer = new Analyzer();
    const p = await poller(analyzer);
    let cycles = 0;
    // Several cycles whatever happens: later ones re-read their overlap, through the faults too.
    for (; cycles < 15; cycles++) {
      const summary = await p.runCycle();
      const statuses = p.functions(seeded.start, Date.now());
      const allRead = seeded.functions.every((name) => {
        const s = statuses.find((f) => f.config.name === name);
        return s?.logsCompleteUpTo !== undefined && s.logsCompleteUpTo >= seeded.end;
      });
      if (summary.complete && allRead && cycles >= 6) break;
    }
    assert.ok(proxy.stats.faults > 5, `faults injected: ${proxy.stats.faults} of ${proxy.stats.requests}`);
    analyzer.flush();
    const report = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES });
    for (const name of seeded.functions) {
      const t = seeded.truth.get(name);
      const r = report.functions.find((f) => f.name === name);
      assert.ok(t && r, name);
      assert.equal(r.invocations, t.invocations, `${name} invocations`);
      assert.equal(r.errors, t.failures, `${name} errors`);
      assert.equal(r.coldStarts, t.coldStarts, `${name} cold starts`);
      assert.equal(r.issues.reduce((s, i) => s + i.count, 0), [...t.issues.values()].reduce((s, i) => s + i.count, 0), `${name} issue occurrences`);
      assert.equal(r.duplicateEvents, 0, `${name}: the poller delivered no event twice`);
    }
  });

  test("AccessDenied on one log group marks that function with the permission; the others are read", async () => {
    const denied = '/aws/lambda/image-resizer';
    proxy.setPlan({ accessDeniedLogGroups: [denied] });
    const analyzer = new Analyzer();
    const p = await poller(analyzer);
    const summary = await p.runCycle();
    assert.equal(summary.health.state, 'degraded');
    const status = p.functions(seeded.start, Date.now()).find((f) => f.config.name === 'image-resizer');
    assert.equal(status?.problem?.kind, 'accessDenied');
    assert.equal(status?.problem?.permission, 'logs:FilterLogEvents');
    assert.match(status?.problem?.message ?? '', /image-resizer/);
    analyzer.flush();
    const names = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES }).functions.map((f) => f.name);
    assert.ok(names.includes('checkout-api') && !names.includes('image-resizer'), names.join());
  });

  test('an expired token pauses the profile with a reason; once fixed, polling resumes', async () => {
    const analyzer = new Analyzer();
    proxy.setPlan({});
    const p = await poller(analyzer);
    assert.equal((await p.runCycle()).health.state, 'ok');
    proxy.setPlan({ expiredToken: true });
    const paused = await p.runCycle();
    assert.equal(paused.health.state, 'paused');
    assert.match(paused.health.reason ?? '', /expired/i);
    assert.doesNotMatch(paused.health.reason ?? '', /testing/);
    proxy.setPlan({});
    assert.equal((await p.runCycle()).health.state, 'ok');
  });
});
