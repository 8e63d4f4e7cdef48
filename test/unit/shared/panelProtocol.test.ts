import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPanelToHost } from '../../../src/shared/panelProtocol';

test('the messages a panel may send are recognised, field by field', () => {
  for (const good of [{ type: 'ready' }, { type: 'openInvocation', requestId: '4ce9340a-b765-490f-ad8a-02ab3415e2bf' }, { type: 'openFrame', index: 0 }, { type: 'openFrame', index: 12 }, { type: 'openIssue', fingerprint: 'a1b2c3' }]) {
    assert.equal(isPanelToHost(good), true, JSON.stringify(good));
  }
});

test('anything else from a webview is refused: unknown types, paths instead of indexes, wrong or huge fields', () => {
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
    { type: 'openInvocation' },
    { type: 'openInvocation', requestId: 42 },
    { type: 'openInvocation', requestId: '' },
    { type: 'openInvocation', requestId: 'x'.repeat(10_000) },
    { type: 'openIssue', fingerprint: { toString: 'x' } },
    { type: 'command:workbench.action.terminal.new' },
  ];
  for (const message of bad) assert.equal(isPanelToHost(message), false, JSON.stringify(message));
});
