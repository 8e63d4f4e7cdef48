// What host tests share: the extension's services, the sample workspace, and the demo switch.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WatchSnapshot } from '../../../src/core/watch/accountWatch';
import type { Services } from '../../../src/services';
import { waitFor } from './harness';

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

/** A profile's snapshot (its first region) over the default window, if it is watched. */
export function profileSnapshot(s: Services, profile: string): WatchSnapshot | undefined {
  return s.testing.watches.state(60 * 60_000).snapshots.find((snap) => snap.profile === profile);
}

/** The Demo profile's snapshot (its one region) over the default window, if it is watched. */
export function demoSnapshot(s: Services): WatchSnapshot | undefined {
  return profileSnapshot(s, 'Demo');
}

/**
 * Waits until the Demo profile has finished its first poll. Right after it is turned on, what the
 * editor shows may still come from an earlier demo session, and is recomputed (emptied, then filled
 * again) as the new one loads: tests that act on those diagnostics wait for this first.
 */
export async function demoLoaded(s: Services, timeoutMs = 60_000): Promise<void> {
  await waitFor(() => {
    const snap = demoSnapshot(s);
    return snap !== undefined && !snap.loading && snap.functions.length > 0;
  }, 'the Demo profile to finish its first poll', timeoutMs);
}

/**
 * Runs `body` with the Demo profile on and `view` shown; a demo this turned on is turned off after,
 * whatever happens.
 */
export async function withDemo<T>(view: 'lambdascope.functions' | 'lambdascope.cost', body: (s: Services) => Promise<T>): Promise<T> {
  const s = await services();
  const wasOn = vscode.workspace.getConfiguration('lambdascope').get('demo.enabled') === true;
  await vscode.commands.executeCommand(`${view}.focus`);
  if (!wasOn) await setDemo(true);
  try {
    return await body(s);
  } finally {
    if (!wasOn) await setDemo(false);
  }
}
