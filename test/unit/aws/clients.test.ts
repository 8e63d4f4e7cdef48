// ClientPool: one lazily created client per (profile, region, service), single SDK attempts, and
// no AWS SDK code loaded until a client is first asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ClientPool } from '../../../src/aws/clients';
import { AwsFunctionCatalog } from '../../../src/aws/catalog';
import { SourceError } from '../../../src/core/ports';
import { FakeAws, fakeTarget, fixture, withFakeAws } from './fakeAws';

test('one client per (profile, region, service), shared by concurrent first calls', async () => {
  await withFakeAws(async (_fake, pool, target) => {
    const [a, b] = await Promise.all([pool.lambda(target), pool.lambda(target)]);
    assert.equal(a, b);
    assert.notEqual(await pool.lambda({ ...target, region: 'eu-west-1' }), a);
    assert.notEqual(await pool.lambda({ ...target, profile: 'other' }), a);
    await pool.logs(target);
    await pool.cloudWatch(target);
    assert.equal(pool.size, 5);
    assert.equal(await (await pool.lambda({ ...target, region: 'eu-west-1' })).config.region(), 'eu-west-1');
  });
});

test('the Logs client is created with disableHostPrefix', async () => {
  await withFakeAws(async (_fake, pool, target) => {
    const logs = await pool.logs(target);
    assert.equal(logs.config.disableHostPrefix, true);
  });
});

test('dispose() destroys every client; the pool refuses new work afterwards', async () => {
  const pool = new ClientPool();
  const fake = await FakeAws.start();
  try {
    const target = fakeTarget(fake);
    const clients = [await pool.lambda(target), await pool.logs(target), await pool.cloudWatch(target)];
    const destroyed: string[] = [];
    for (const client of clients) {
      const original = client.destroy.bind(client);
      client.destroy = () => {
        destroyed.push(client.constructor.name);
        original();
      };
    }
    pool.dispose();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(destroyed.sort(), ['CloudWatchClient', 'CloudWatchLogsClient', 'LambdaClient']);
    await assert.rejects(pool.lambda(target), /disposed/);
  } finally {
    await fake.close();
  }
});

test('evictProfile() destroys that profile\'s clients only', async () => {
  await withFakeAws(async (_fake, pool, target) => {
    const mine = await pool.lambda(target);
    const theirs = await pool.lambda({ ...target, profile: 'prod' });
    let destroyed = 0;
    mine.destroy = () => void destroyed++;
    pool.evictProfile('test');
    await new Promise((r) => setImmediate(r));
    assert.equal(destroyed, 1);
    assert.notEqual(await pool.lambda(target), mine);
    assert.equal(await pool.lambda({ ...target, profile: 'prod' }), theirs);
  });
});

test('the SDK makes one attempt by default: a 500 reaches the poller at once', async () => {
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('lambda', 'serviceException'), fixture('lambda', 'listFunctionsPage2'));
    const error = await new AwsFunctionCatalog(() => pool.lambda(target)).listFunctions().catch((e: unknown) => e);
    assert.ok(error instanceof SourceError);
    assert.equal(error.kind, 'unavailable');
    assert.equal(fake.requests.length, 1);
  });
  await withFakeAws(async (fake, pool, target) => {
    fake.reply(fixture('lambda', 'serviceException'), fixture('lambda', 'listFunctionsPage2'));
    const functions = await new AwsFunctionCatalog(() => pool.lambda({ ...target, maxAttempts: 2 })).listFunctions();
    assert.equal(functions.length, 2);
    assert.equal(fake.requests.length, 2);
  });
});

test('importing the adapters loads no AWS SDK module; the first client does', () => {
  const script = `
    import { createRequire } from 'node:module';
    const require = createRequire(process.cwd() + '/');
    const loaded = () => Object.keys(require.cache).filter((k) => k.includes('@aws-sdk')).length;
    const modules = await Promise.all(['clients', 'catalog', 'metrics', 'logs', 'insights', 'errors'].map((m) => import('./src/aws/' + m + '.ts')));
    const before = loaded();
    const clients = modules[0].ClientPool ? modules[0] : modules[0].default;
    const pool = new clients.ClientPool();
    await pool.lambda({ profile: 'p', region: 'us-east-1', credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }) });
    pool.dispose();
    console.log(JSON.stringify({ before, after: loaded() }));
  `;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  assert.equal(result.status, 0, result.stderr);
  const { before, after } = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { before: number; after: number };
  assert.equal(before, 0);
  assert.ok(after > 0, 'the Lambda SDK is loaded once a client is created');
});
