import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertEngine, batchAlerts, type FunctionRates, type IssueEvent } from '../../../../src/core/alerts/alertEngine';
import { DEFAULT_RULE, globMatches, parseAlertRules, ruleFor } from '../../../../src/core/alerts/alertRules';
import { slackMessage, slackSummary, slackText, webhookPayload } from '../../../../src/core/alerts/alertMessages';

const T0 = Date.UTC(2026, 10, 26, 9);
const MIN = 60_000;

function issueEvent(over: Partial<IssueEvent> = {}): IssueEvent {
  return { key: 'acct/us-east-1/checkout-api/aa11', to: 'open', from: undefined, profile: 'dev', region: 'us-east-1', functionName: 'checkout-api', fingerprint: 'aa11', title: "TypeError: Cannot read properties of undefined (reading 'total')", kind: 'error', count: 3, firstSeen: T0 - MIN, lastSeen: T0, p99Ms: 812, ...over };
}

function rates(over: Partial<FunctionRates> = {}): FunctionRates {
  return { profile: 'dev', region: 'us-east-1', functionName: 'checkout-api', invocations: 500, errorRate: 0.01, coldStartRate: 0.05, p99Ms: 300, thresholdMs: 1000, throttles: 0, ...over };
}

test('rules from settings: checked field by field, first matching glob wins, defaults otherwise', () => {
  const { rules, skipped } = parseAlertRules([{ functions: 'batch-*', aggregateOnly: true, errorRatePercent: 20, windowMinutes: 30 }, { functions: 'checkout-?pi', coldStartRatePercent: 10, errorRatePercent: 'high', windowMinutes: -4 }, 'x', { glob: '*' }, null]);
  assert.equal(skipped, 3);
  assert.equal(ruleFor(rules, 'batch-nightly').aggregateOnly, true);
  assert.equal(ruleFor(rules, 'batch-nightly').windowMinutes, 30);
  const checkout = ruleFor(rules, 'checkout-api');
  assert.equal(checkout.coldStartRatePercent, 10);
  assert.equal(checkout.errorRatePercent, DEFAULT_RULE.errorRatePercent, 'a wrong value falls back to the default');
  assert.equal(checkout.windowMinutes, DEFAULT_RULE.windowMinutes);
  assert.equal(ruleFor(rules, 'orders-worker'), DEFAULT_RULE);
  assert.ok(globMatches('a.b*', 'a.bc') && !globMatches('a.b*', 'axbc'), 'dots are literal');
  assert.equal(parseAlertRules([{ functions: '*', errorRatePercent: null }]).rules[0]?.errorRatePercent, undefined, 'null turns a rate rule off');
});

test('one alert per issue per state change: new, then regressed; repeats and other transitions say nothing', () => {
  const engine = new AlertEngine({ rules: () => [] });
  const first = engine.issueAlerts([issueEvent()], T0);
  assert.deepEqual(first.map((a) => a.kind), ['newIssue']);
  assert.deepEqual(engine.issueAlerts([issueEvent()], T0 + MIN), [], 'the same state again: no second alert');
  assert.deepEqual(engine.issueAlerts([issueEvent({ to: 'open', from: 'muted' })], T0 + 2 * MIN), [], 'a mute ending is not an alert');
  const back = engine.issueAlerts([issueEvent({ to: 'regressed', from: 'resolved', count: 9 })], T0 + 3 * MIN);
  assert.deepEqual(back.map((a) => [a.kind, a.key]), [['regression', 'acct/us-east-1/checkout-api/aa11#regressed']]);
  assert.match(back[0]?.detail ?? '', /occurred again \(9× in all\)/);
});

test('aggregate-only functions get no per-issue alerts, only rate alerts', () => {
  const engine = new AlertEngine({ rules: () => parseAlertRules([{ functions: 'checkout-*', aggregateOnly: true }]).rules });
  assert.deepEqual(engine.issueAlerts([issueEvent(), issueEvent({ to: 'regressed', from: 'resolved' })], T0), []);
  assert.deepEqual(engine.rateAlerts([rates({ errorRate: 0.2 })], T0).map((a) => a.kind), ['errorRate']);
});

test('rate rules alert when the condition starts, not while it holds, and a flapping function waits out the cool-down', () => {
  const engine = new AlertEngine({ rules: () => [], coolDownMs: 30 * MIN });
  assert.deepEqual(engine.rateAlerts([rates()], T0), [], 'healthy: nothing');
  const bad = rates({ errorRate: 0.12, p99Ms: 1500, throttles: 4 });
  assert.deepEqual(engine.rateAlerts([bad], T0 + MIN).map((a) => a.kind).sort(), ['errorRate', 'p99', 'throttles']);
  assert.deepEqual(engine.rateAlerts([bad], T0 + 2 * MIN), [], 'still bad: no repeat');
  // Flapping: clears and comes back within the cool-down, several times.
  for (let i = 3; i < 20; i += 2) {
    assert.deepEqual(engine.rateAlerts([rates()], T0 + i * MIN), []);
    assert.deepEqual(engine.rateAlerts([bad], T0 + (i + 1) * MIN), [], `flap at ${i + 1} min`);
  }
  engine.rateAlerts([rates()], T0 + 40 * MIN);
  assert.equal(engine.rateAlerts([bad], T0 + 41 * MIN).length, 3, 'after the cool-down it alerts again');
  assert.deepEqual(engine.rateAlerts([rates({ errorRate: 0.5, invocations: 3 })], T0 + 90 * MIN), [], 'three invocations are too few for a rate');
});

test('many alerts at once become one summary', () => {
  const engine = new AlertEngine({ rules: () => [] });
  const many = engine.issueAlerts(Array.from({ length: 12 }, (_, i) => issueEvent({ key: `k${i}`, functionName: `fn-${i % 4}` })), T0);
  const batch = batchAlerts(many);
  assert.equal(batch.single.length, 0);
  assert.equal(batch.summary?.count, 12);
  assert.deepEqual(batch.summary?.functions, ['fn-0', 'fn-1', 'fn-2', 'fn-3']);
  assert.equal(batchAlerts(many.slice(0, 2)).single.length, 2);
  const summary = slackSummary(many) as { blocks: Array<{ text: { text: string } }> };
  assert.match(summary.blocks[0]?.text.text ?? '', /12 alerts in 4 functions/);
});

test('the Slack message: Block Kit with function, title, count, first/last seen, p99 and both links; log text cannot mention or link', () => {
  const engine = new AlertEngine({ rules: () => [] });
  const [alert] = engine.issueAlerts([issueEvent({ title: 'Error: <!channel> pay now <http://evil.example|click> & *bold*' })], T0);
  assert.ok(alert);
  const message = slackMessage(alert, { vscode: 'vscode://lambdascope.lambdascope/issue?x=1', console: 'https://us-east-1.console.aws.amazon.com/lambda/home' });
  const blocks = message.blocks as Array<Record<string, unknown>>;
  // Slack parses mentions and links in mrkdwn and in the fallback text (plain_text is shown as is).
  const parsed = [String(message.text), ...JSON.stringify(blocks).matchAll(/"type":"mrkdwn","text":"((?:[^"\\]|\\.)*)"/g)].map((m) => (typeof m === 'string' ? m : m[1] ?? ''));
  assert.ok(parsed.length > 3);
  for (const t of parsed) assert.ok(!t.includes('<!') && !t.includes('<http'), `escaped: ${t}`);
  assert.match(String(message.text), /&lt;!channel&gt;/);
  assert.deepEqual(blocks.map((b) => b.type), ['header', 'section', 'section', 'actions']);
  const fields = (blocks[2]?.fields as Array<{ text: string }>).map((f) => f.text);
  assert.ok(fields.some((f) => f.startsWith('*Function*\ncheckout-api (dev · us-east-1)')));
  assert.ok(fields.some((f) => f === '*Count*\n3'));
  assert.ok(fields.some((f) => f === `*First seen*\n2026-11-26T08:59:00Z`));
  assert.ok(fields.some((f) => f === '*p99*\n812 ms'));
  const buttons = (blocks[3]?.elements as Array<{ url: string }>).map((b) => b.url);
  assert.deepEqual(buttons, ['vscode://lambdascope.lambdascope/issue?x=1', 'https://us-east-1.console.aws.amazon.com/lambda/home']);
  assert.equal(slackText('a\nb\u0007c'), 'a b c');
  assert.equal((webhookPayload(alert, { vscode: 'v', console: 'c' }) as { alert: { kind: string } }).alert.kind, 'newIssue');
});
