// Alerts end to end: the demo account polled by a real AccountWatch with issue states, its
// changes and rates through the dispatcher, Block Kit messages POSTed to a local server standing
// in for Slack (which fails now and then).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertDispatcher, type Channel } from '../../src/alerts/alertDispatcher';
import type { Alert } from '../../src/core/alerts/alertEngine';
import { parseAlertRules } from '../../src/core/alerts/alertRules';
import { VirtualClock } from '../../src/core/clock';
import { IssueStateBook, issueKey } from '../../src/core/issues/issueStateBook';
import type { StateChange } from '../../src/core/issues/issueStates';
import { AccountWatch } from '../../src/core/watch/accountWatch';
import { DemoAccount } from '../../src/demo/demoAccount';

const T0 = Date.UTC(2026, 10, 26, 10);
const HOUR = 3_600_000;

async function fakeSlack(failFirst = 0) {
  const messages: Array<{ text: string; blocks: Array<{ type: string; text?: { text: string } }> }> = [];
  let failures = failFirst;
  let requests = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests++;
      if (failures > 0) {
        failures--;
        res.writeHead(503).end('busy');
        return;
      }
      messages.push(JSON.parse(body));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T/B/secret`, messages, requests: () => requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function setup(rules: unknown, slackUrl: string) {
  const clock = new VirtualClock(T0);
  const demo = new DemoAccount({ clock, seed: 42, historyMs: HOUR });
  const book = new IssueStateBook();
  const shown: Alert[] = [];
  const failed: Array<[Channel, string]> = [];
  const dispatcher = new AlertDispatcher({
    rules: () => parseAlertRules(rules).rules,
    webhooks: async () => ({ slack: slackUrl }),
    show: (single, summary) => shown.push(...single, ...(summary ?? [])),
    links: () => ({ vscode: 'vscode://lambdascope.lambdascope/issue', console: 'https://console.aws.amazon.com/lambda' }),
    channelFailed: (channel, error) => failed.push([channel, error]),
    now: () => clock.now(),
    send: { sleep: async () => undefined },
  });
  const watch = new AccountWatch({
    profile: 'Demo',
    region: 'us-east-1',
    sources: demo,
    clock,
    issueStates: book,
    thresholdMs: (name) => (name === 'checkout-api' ? 150 : undefined),
    onIssueChanges: (changes: StateChange[]) => dispatcher.issueChanges(watch, changes),
    onCycle: () => dispatcher.rates(watch),
  });
  const catchUp = async () => {
    for (let i = 0; i < 12; i++) {
      await watch.poller.runCycle();
      const s = watch.poller.functions(clock.now() - HOUR, clock.now()).find((f) => f.config.name === 'checkout-api');
      if ((s?.logsCompleteUpTo ?? 0) >= clock.now() - 60_000) return;
      clock.advance(5_000);
    }
  };
  /** Resolves checkout-api's most frequent issue, then polls 30 more minutes of demo traffic. */
  const resolveTopThenPoll = async () => {
    const top = [...(watch.analyzer.find('checkout-api')?.issues.all() ?? [])].sort((a, b) => b.count - a.count)[0];
    assert.ok(top);
    book.resolve(issueKey(watch.placeOf('checkout-api'), top.fingerprint), 'Ada', clock.now());
    for (let i = 0; i < 3; i++) {
      clock.advance(10 * 60_000);
      await catchUp();
    }
    await dispatcher.idle();
    return top;
  };
  return { clock, book, watch, dispatcher, shown, failed, catchUp, resolveTopThenPoll };
}

test('a regression reaches Slack once as Block Kit; the rate alerts once while the condition holds; past issues are not news', { timeout: 120_000 }, async () => {
  const slack = await fakeSlack(2);
  try {
    const { dispatcher, shown, failed, catchUp, resolveTopThenPoll } = await setup([], slack.url);
    await catchUp();
    await dispatcher.idle();
    assert.ok(!shown.some((a) => a.kind === 'newIssue'), 'the hour read at start holds no news');
    const rateKinds = shown.filter((a) => a.functionName === 'checkout-api').map((a) => a.kind).sort();
    assert.ok(rateKinds.includes('p99'), `checkout-api's p99 is over its 150 ms objective: ${rateKinds.join(', ')}`);
    const before = shown.length;
    await resolveTopThenPoll();
    const regressions = shown.slice(before).filter((a) => a.kind === 'regression');
    assert.equal(regressions.length, 1, 'one alert for the regression, however many occurrences follow');
    assert.equal(shown.slice(before).filter((a) => a.kind === 'p99').length, 0, 'the p99 condition still holds: no repeat');
    const inSlack = slack.messages.filter((m) => m.text.startsWith('Regression in checkout-api'));
    assert.equal(inSlack.length, 1);
    assert.match(JSON.stringify(inSlack[0]?.blocks), /\*p99\*\\n\d+ ms/, 'the function\'s p99 is in the message');
    assert.deepEqual(inSlack[0]?.blocks.map((b) => b.type), ['header', 'section', 'section', 'actions']);
    assert.ok(slack.requests() > slack.messages.length, 'Slack failed twice and the messages were retried');
    assert.deepEqual(failed, [], 'retries got through: nothing to report');
  } finally {
    await slack.close();
  }
});

test('aggregate-only functions send no per-issue alert; a Slack that keeps failing is reported once', { timeout: 120_000 }, async () => {
  const slack = await fakeSlack(1000);
  try {
    const { book, watch, shown, failed, catchUp, resolveTopThenPoll } = await setup([{ functions: 'checkout-*', aggregateOnly: true }], slack.url);
    await catchUp();
    const top = await resolveTopThenPoll();
    assert.equal(book.stateOf(issueKey(watch.placeOf('checkout-api'), top.fingerprint)), 'regressed', 'it did regress');
    assert.ok(!shown.some((a) => a.functionName === 'checkout-api' && (a.kind === 'regression' || a.kind === 'newIssue')), 'but aggregate-only: no per-issue alert');
    assert.ok(shown.some((a) => a.functionName === 'checkout-api' && a.kind === 'p99'), 'the rate rules still alert');
    assert.equal(failed.length, 1, 'the failing channel is reported once');
    assert.match(failed[0]?.[1] ?? '', /HTTP 503/);
    assert.ok(!(failed[0]?.[1] ?? '').includes('secret'), 'never the URL');
  } finally {
    await slack.close();
  }
});
