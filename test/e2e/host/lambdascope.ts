// What host tests share: the extension's services, the sample workspace, and the demo switch.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Services } from '../../../src/services';

export const EXTENSION_ID = 'lambdascope.lambdascope';

let cached: Services | undefined;

/** The extension's services (activating it first), as `activate()` returns them. */
export async function services(): Promise<Services> {
  if (cached) return cached;
  const extension = vscode.extensions.getExtension<{ services(): Promise<Services> }>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  assert.equal(typeof api?.services, 'function', 'activate() does not return { services() }');
  cached = await api.services();
  return cached;
}

/** A path of the sample workspace (test/workspace) as a URI. */
export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (expected test/workspace)');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** Turns the Demo profile on or off (user settings). */
export async function setDemo(enabled: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('lambdascope').update('demo.enabled', enabled, vscode.ConfigurationTarget.Global);
}
