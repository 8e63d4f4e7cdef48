import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHostToPanel, isPanelToHost } from '../../../src/shared/protocol';

test('the messages a panel may send are recognised, field by field', () => {
  const good: unknown[] = [
    { type: 'ready' },
    { type: 'openFunction' },
    { type: 'openFrame', index: 0 },
    { type: 'openFrame', index: 12 },
    { type: 'openIssue', fingerprint: 'a1b2c3' },
    { type: 'issueAction', action: 'resolve' },
    { type: 'issueAction', action: 'mute' },
    { type: 'issueAction', action: 'reopen' },
    { type: 'request', id: 1, method: 'invocation', params: { requestId: '4ce9340a-b765-490f-ad8a-02ab3415e2bf' } },
    { type: 'request', id: 2, method: 'invocation', params: { requestId: 'r-1', time: 1_795_000_000_000 } },
  ];
  for (const message of good) assert.equal(isPanelToHost(message), true, JSON.stringify(message));
});

test('anything else from a webview is refused: unknown types and methods, paths instead of indexes, wrong or huge fields', () => {
  const bad: unknown[] = [
    null,
    'ready',
    [],
    {},
    { type: 'openFile', path: '/etc/passwd' },
    { type: 'openFrame', index: -1 },
    { type: 'openFrame', index: 1.5 },
    { type: 'openFrame', index: '3' },
    { type: 'openFrame', file: '../../.ssh/id_rsa', line: 1 },
    { type: 'openIssue', fingerprint: { toString: 'x' } },
    { type: 'openIssue', fingerprint: '' },
    { type: 'command:workbench.action.terminal.new' },
    { type: 'issueAction', action: 'delete' },
    { type: 'issueAction' },
    { type: 'request', id: 1, method: 'readFile', params: { path: '/etc/passwd' } },
    { type: 'request', id: -1, method: 'invocation', params: { requestId: 'r' } },
    { type: 'request', id: 1.5, method: 'invocation', params: { requestId: 'r' } },
    { type: 'request', method: 'invocation', params: { requestId: 'r' } },
    { type: 'request', id: 1, method: 'invocation' },
    { type: 'request', id: 1, method: 'invocation', params: [] },
    { type: 'request', id: 1, method: 'invocation', params: { requestId: 42 } },
    { type: 'request', id: 1, method: 'invocation', params: { requestId: 'x'.repeat(10_000) } },
    { type: 'request', id: 1, method: 'invocation', params: { requestId: 'r', time: 'yesterday' } },
    { type: 'request', id: 1, method: 'invocation', params: { requestId: 'r', time: Number.NaN } },
  ];
  for (const message of bad) assert.equal(isPanelToHost(message), false, JSON.stringify(message));
});

test('the page checks what it receives: notifications and replies of the right shape only', () => {
  const header = { invocations: 0 };
  const good: unknown[] = [
    { type: 'timeline', timeline: { points: [], header } },
    { type: 'timelineAppend', points: [], frame: { header } },
    { type: 'issue', issue: { frames: [], recent: [] } },
    { type: 'report', report: { functions: [] } },
    { type: 'reply', id: 3, ok: true, result: { lines: [] } },
    { type: 'reply', id: 3, ok: false, error: 'The log lines could not be read.' },
    { type: 'unavailable', message: 'checkout-api was not found in Demo · us-east-1.' },
  ];
  for (const message of good) assert.equal(isHostToPanel(message), true, JSON.stringify(message));
  const bad: unknown[] = [
    null,
    { type: 'timeline' },
    { type: 'timeline', timeline: { points: 'x', header } },
    { type: 'timelineAppend', points: [] },
    { type: 'issue', issue: { frames: [] } },
    { type: 'reply', id: 3, ok: true },
    { type: 'reply', id: 3, ok: false },
    { type: 'reply', id: 'x', ok: false, error: 'e' },
    { type: 'html', html: '<img src=x onerror=alert(1)>' },
    { type: 'unavailable' },
    { type: 'unavailable', message: 42 },
    { type: 'unavailable', message: 'x'.repeat(5000) },
  ];
  for (const message of bad) assert.equal(isHostToPanel(message), false, JSON.stringify(message));
});
