import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workspaceSegments } from '../../../../src/core/source/workspacePath';

test('workspace-relative paths become segments', () => {
  assert.deepEqual(workspaceSegments('checkout-api/src/orders.ts'), ['checkout-api', 'src', 'orders.ts']);
  assert.deepEqual(workspaceSegments('./checkout-api//src\\orders.ts'), ['checkout-api', 'src', 'orders.ts']);
});

test('paths that could leave the workspace are refused', () => {
  for (const path of ['', '/etc/passwd', '\\\\server\\share\\x', 'C:\\Windows\\win.ini', 'c:/x', '../secrets.txt', 'src/../../.ssh/id_rsa', 'a/..', 'file:///etc/passwd', 'vscode://x', 'a\u0000b', '.', 'x'.repeat(5000)]) {
    assert.equal(workspaceSegments(path), undefined, JSON.stringify(path.slice(0, 40)));
  }
});
