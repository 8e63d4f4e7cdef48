import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertEngine } from '../../src/core/alerts/alertEngine';
import { slackMessage } from '../../src/core/alerts/alertMessages';
import { postJson } from '../../src/alerts/webhookSender';

const T0 = Date.UTC(2026, 10, 26, 9);

/** A local server standing in for Slack: answers each POST with the next planned status. */
async function fakeSlack(plan: Array<number | [number, Record<string, string>]>) {
  const received: unknown[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const next = plan.shift() ?? 200;
      const [status, headers] = Array.isArray(next) ? next : [next, {}];
      if (status === 200) received.push({ path: req.url, contentType: req.headers['content-type'], body: JSON.parse(body) });
      res.writeHead(status, headers);
      res.end(status === 200 ? 'ok' : status === 404 ? 'no_service' : 'busy');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/services/T000/B000/XXXXsecretXXXX`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function alert() {
  const [a] = new AlertEngine({ rules: () => [] }).issueAlerts(
    [{ key: 'acct/us-east-1/checkout-api/aa11', to: 'regressed', from: 'resolved', profile: 'dev', region: 'us-east-1', functionName: 'checkout-api', fingerprint: 'aa11', title: 'TypeError: x', kind: 'error', count: 5, firstSeen: T0 - 3_600_000, lastSeen: T0, p99Ms: 900 }],
    T0,
  );
  assert.ok(a);
  return a;
}

const noWait = { sleep: async () => undefined };

test('Slack receives the Block Kit message of an alert', async () => {
  const slack = await fakeSlack([200]);
  try {
    const result = await postJson(slack.url, slackMessage(alert(), { vscode: 'vscode://lambdascope.lambdascope/issue', console: 'https://console' }), noWait);
    assert.deepEqual(result, { ok: true, attempts: 1 });
    assert.equal(slack.received.length, 1);
    const got = slack.received[0] as { path: string; contentType: string; body: { blocks: Array<{ type: string }>; text: string } };
    assert.equal(got.contentType, 'application/json');
    assert.deepEqual(got.body.blocks.map((b) => b.type), ['header', 'section', 'section', 'actions']);
    assert.match(got.body.text, /^Regression in checkout-api/);
  } finally {
    await slack.close();
  }
});

test('a failing webhook is retried with backoff (5xx, 429 after its Retry-After); a 4xx is not; no message holds the URL', async () => {
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);
  const flaky = await fakeSlack([500, [429, { 'retry-after': '2' }], 503, 200]);
  try {
    const result = await postJson(flaky.url, { text: 'x' }, { sleep, baseDelayMs: 100 });
    assert.deepEqual(result, { ok: true, attempts: 4 });
    assert.equal(flaky.received.length, 1, 'delivered once');
    assert.equal(waits[1], 2000, 'Retry-After honoured');
    assert.ok((waits[0] ?? 0) >= 50 && (waits[0] ?? 0) <= 100 && (waits[2] ?? 0) >= 200 && (waits[2] ?? 0) <= 400, `backoff grows: ${waits.join(', ')}`);
  } finally {
    await flaky.close();
  }
  const gone = await fakeSlack([404, 200]);
  try {
    const result = await postJson(gone.url, { text: 'x' }, noWait);
    assert.equal(result.ok, false);
    assert.equal(result.attempts, 1, 'a 404 will not pass on a retry');
    assert.match(result.error ?? '', /HTTP 404 \(no_service\)/);
    assert.ok(!(result.error ?? '').includes('secret') && !(result.error ?? '').includes('127.0.0.1'));
  } finally {
    await gone.close();
  }
  const down = await fakeSlack([]);
  await down.close();
  const unreachable = await postJson(down.url, { text: 'x' }, { ...noWait, retries: 2 });
  assert.deepEqual(unreachable, { ok: false, attempts: 3, error: 'the webhook could not be reached (network error)' });
});
