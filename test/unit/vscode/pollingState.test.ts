import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pollingState } from '../../../src/vscode/pollingState';
import type { WatchSnapshot } from '../../../src/core/watch/accountWatch';
import { assembleReport } from '../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../src/core/cost/priceTable';

const T0 = Date.UTC(2026, 10, 26, 12);

function snapshot(profile: string, state: WatchSnapshot['health']['state'], reason?: string): WatchSnapshot {
  return {
    profile,
    region: 'eu-west-1',
    health: { state, since: T0, ...(reason ? { reason } : {}) },
    loading: false,
    window: { from: T0 - 3_600_000, to: T0 },
    functions: [],
    analysis: assembleReport([], undefined, { prices: LAMBDA_PRICES, region: 'eu-west-1' }),
  };
}

test('the status bar names stopped and degraded profiles with their reasons; healthy ones are not mentioned', () => {
  const state = pollingState([
    snapshot('prod', 'paused', 'The SSO session for profile prod has expired: run `aws sso login --profile prod`'),
    snapshot('dev', 'degraded', 'logs of /aws/lambda/x delayed (Rate exceeded)'),
    snapshot('ci', 'failing', 'Access denied: lambda:ListFunctions'),
    snapshot('Demo', 'ok'),
  ]);
  assert.deepEqual(state.stopped.map((s) => [s.profile, s.state]), [['prod', 'paused'], ['ci', 'failing']]);
  assert.match(state.stopped[0]?.reason ?? '', /aws sso login --profile prod/);
  assert.deepEqual(state.degraded, [{ profile: 'dev', region: 'eu-west-1', reason: 'logs of /aws/lambda/x delayed (Rate exceeded)' }]);
  assert.deepEqual(pollingState([snapshot('Demo', 'ok')]), { stopped: [], degraded: [] });
});
