import type { WatchSnapshot } from '../core/watch/accountWatch';

export interface PollingState {
  /** Profiles that cannot poll (expired credentials, no permission to list functions). */
  readonly stopped: ReadonlyArray<{ readonly profile: string; readonly region: string; readonly state: string; readonly reason: string }>;
  /** Profiles that poll with gaps (throttling, a denied log group, metrics unavailable). */
  readonly degraded: ReadonlyArray<{ readonly profile: string; readonly region: string; readonly reason: string }>;
}

/** What the status bar says of polling, besides the issues. */
export function pollingState(snapshots: readonly WatchSnapshot[]): PollingState {
  const stopped = snapshots
    .filter((s) => s.health.state === 'paused' || s.health.state === 'failing')
    .map((s) => ({ profile: s.profile, region: s.region, state: s.health.state, reason: s.health.reason ?? '' }));
  const degraded = snapshots.filter((s) => s.health.state === 'degraded').map((s) => ({ profile: s.profile, region: s.region, reason: s.health.reason ?? 'some data could not be read' }));
  return { stopped, degraded };
}
