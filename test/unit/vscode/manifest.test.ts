import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_IDS } from '../../../src/vscode/commandIds';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string; category?: string }>; configuration: { properties: Record<string, { markdownDescription?: string; scope?: string }> }; menus: Record<string, Array<{ command: string }>> };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
};

test('every contributed command is registered at activation, and nothing else', () => {
  assert.deepEqual([...COMMAND_IDS].sort(), manifest.contributes.commands.map((c) => c.command).sort());
  for (const c of manifest.contributes.commands) assert.equal(c.category, 'Lambdascope', c.command);
  for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
    for (const item of items) assert.ok((COMMAND_IDS as readonly string[]).includes(item.command), `${menu}: ${item.command}`);
  }
});

test('settings are documented, and those that redirect AWS traffic are machine-scoped and restricted in untrusted workspaces', () => {
  const props = manifest.contributes.configuration.properties;
  for (const [key, p] of Object.entries(props)) assert.ok(p.markdownDescription && p.markdownDescription.length > 20, key);
  assert.equal(props['lambdascope.endpointUrl']?.scope, 'machine');
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  // Also those a repository could use against its user: where issue states are read from (a
  // file it ships could mute production issues, or be a link to a secret), and what alerts.
  for (const key of ['lambdascope.endpointUrl', 'lambdascope.profiles', 'lambdascope.regions', 'lambdascope.issues.storage', 'lambdascope.alerts.rules', 'lambdascope.alerts.notifications']) {
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), key);
  }
});
