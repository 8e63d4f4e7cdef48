// AWS errors as the installed extension sees them: the poller lives in services.js, the AWS SDK
// and its error classification in aws.js, two bundles with a copy of src/core each. A profile
// whose endpoint refuses connections must read as the network being unavailable (degraded,
// retried), not as "failed unexpectedly". Runs last (file-name order) and puts everything back:
// no profile, the setting unset.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { suite, test, waitFor } from './harness';
import { profileSnapshot, services } from './lambdascope';

const PROFILE = 'e2e-unreachable';

suite('AWS errors through the bundles', () => {
  test('an endpoint that refuses connections: the profile is degraded, the network said plainly', async () => {
    const s = await services();
    const dir = join(homedir(), '.aws');
    mkdirSync(dir, { recursive: true });
    // Port 9 (discard) on loopback: nothing listens, every call is refused at once.
    writeFileSync(join(dir, 'config'), `[profile ${PROFILE}]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:9\n`);
    writeFileSync(join(dir, 'credentials'), `[${PROFILE}]\naws_access_key_id = AKIAE2EUNREACHABLE\naws_secret_access_key = e2e-secret-value\n`);
    const settings = vscode.workspace.getConfiguration('lambdascope');
    try {
      await settings.update('profiles', [PROFILE], vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('lambdascope.functions.focus');
      const snapshot = await waitFor(
        () => {
          const watched = profileSnapshot(s, PROFILE);
          return watched && !watched.loading && watched;
        },
        () => `the first cycle of ${PROFILE} (now: ${JSON.stringify(profileSnapshot(s, PROFILE)?.health)})`,
        60_000,
      );
      assert.equal(snapshot.health.state, 'degraded', JSON.stringify(snapshot.health));
      assert.match(snapshot.health.reason ?? '', /^ListFunctions failed: AWS or the network is unavailable \(ECONNREFUSED\)\. Retrying with backoff\.$/);
      assert.doesNotMatch(snapshot.health.reason ?? '', /unexpectedly/);
      assert.doesNotMatch(snapshot.health.reason ?? '', /e2e-secret-value|AKIAE2E/);
    } finally {
      await settings.update('profiles', undefined, vscode.ConfigurationTarget.Global);
      rmSync(dir, { recursive: true, force: true });
    }
  }, { timeoutMs: 90_000 });
});
