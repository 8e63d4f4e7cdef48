import * as vscode from 'vscode';
import { systemClock } from '../core/clock';
import { isSourceError } from '../core/ports';
import type { ApiLimits } from '../core/poll/apiLimits';
import { AccountLimits, accountOfArn, catalogTellingAccount } from '../core/poll/accountLimits';
import { AccountWatch, accountSnapshots, type WatchSnapshot } from '../core/watch/accountWatch';
import { DEMO_PROFILE, DEMO_REGION, DemoAccount } from '../demo/demoAccount';
import { loadAwsRuntime, type AwsModules } from './awsRuntimeLoader';
import { readSettings, type LambdascopeSettings } from './config';
import type { IssueStates } from './issueStates';
import type { StateChange } from '../core/issues/issueStates';
import type { ClientPool } from '../aws/clients';
import type { CredentialCache } from '../aws/credentials';
import type { ProfileInfo } from '../aws/profiles';

/** A profile that cannot be watched, and what fixes it. */
export interface ProfileProblem {
  readonly profile: string;
  readonly message: string;
  readonly fix?: { readonly title: string; readonly command: string; readonly arguments?: unknown[] };
}

export interface WatchState {
  readonly snapshots: WatchSnapshot[];
  readonly problems: ProfileProblem[];
  /** Profiles were looked for and none exists (the welcome view shows). */
  readonly noProfiles: boolean;
  /** The profiles have been read at least once (before that, the explorer says it is loading). */
  readonly loaded: boolean;
}


/**
 * Owns one AccountWatch per watched (profile, region) — every configured profile at once, plus
 * the Demo profile — created from the settings, started when the explorer is first shown, and
 * replaced when the settings change. Profiles that cannot be opened become problems with a fix.
 */
export class WatchManager implements vscode.Disposable {
  private readonly watches = new Map<string, AccountWatch>();
  private problems: ProfileProblem[] = [];
  private noProfiles = false;
  private started = false;
  private loaded = false;
  /** Reloads run one after another; a reload superseded by a newer one stops and undoes itself. */
  private queue: Promise<void> = Promise.resolve();
  private generation = 0;
  private disposed = false;
  /** Bumped on every change: the tree, the status bar and the editor share one state per change. */
  private version = 0;
  private cached: { readonly windowMs: number; readonly version: number; readonly state: WatchState } | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly issuesChanged = new vscode.EventEmitter<{ readonly profile: string; readonly region: string; readonly changes: readonly StateChange[] }>();
  /** New issues, regressions and ended mutes found by a watch's cycle (before its onDidChange). */
  readonly onIssueChanges = this.issuesChanged.event;
  private readonly polled = new vscode.EventEmitter<{ readonly profile: string; readonly region: string }>();
  /** A watch finished a cycle (its figures are new). */
  readonly onDidPoll = this.polled.event;
  private pool: ClientPool | undefined;
  private credentials: CredentialCache | undefined;
  /** Rate limits per account and region, shared by the profiles that reach the same account. */
  private readonly limits = new AccountLimits(systemClock);

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly pinnedNames: (profile: string, region: string) => string[] = () => [],
    private readonly states?: IssueStates,
  ) {}

  /** Something the views show changed outside a poll (an issue resolved, states read from a file, rules turned off). */
  touch(): void {
    this.findingsDisabled = readSettings().findingsDisabled;
    this.notify();
  }

  /** Read at each snapshot; refreshed by touch() when the setting changes. */
  private findingsDisabled: ReadonlySet<string> = readSettings().findingsDisabled;

  /** Start watching (the first time the explorer or a command needs data). */
  start(): Promise<void> {
    if (this.started) return this.queue;
    this.started = true;
    for (const watch of this.watches.values()) watch.start();
    return this.loaded ? this.queue : this.reload();
  }

  /** Settings changed (profiles, regions, the demo): add and remove watches to match. */
  reload(): Promise<void> {
    const generation = ++this.generation;
    this.queue = this.queue
      .then(() => this.doReload(generation))
      .catch((error: unknown) => this.log.error(`Reloading the watched profiles failed: ${error instanceof Error ? error.message : 'unexpected error'}`));
    return this.queue;
  }

  private superseded(generation: number): boolean {
    return this.disposed || generation !== this.generation;
  }

  private async doReload(generation: number): Promise<void> {
    if (this.superseded(generation)) return;
    const settings = readSettings();
    const wanted = new Map<string, () => Promise<AccountWatch>>();
    const problems: ProfileProblem[] = [];
    if (settings.demo) wanted.set(key(DEMO_PROFILE, DEMO_REGION), async () => this.demoWatch(settings));
    let profileCount = 0;
    try {
      // Loaded on first use: activation stays free of AWS code.
      const aws = loadAwsRuntime();
      const profiles = await aws.listProfiles();
      profileCount = profiles.length;
      const names = settings.profiles ?? profiles.map((p) => p.name);
      for (const name of names) {
        const info = profiles.find((p) => p.name === name);
        if (!info) {
          problems.push({ profile: name, message: `No AWS profile named '${name}' in your AWS config files.`, fix: { title: 'Open settings', command: 'workbench.action.openSettings', arguments: ['lambdascope.profiles'] } });
          continue;
        }
        const regions = settings.regions[name] ?? (aws.resolveRegion(info) ? [aws.resolveRegion(info) as string] : []);
        if (regions.length === 0) {
          problems.push({ profile: name, message: `No region for profile '${name}': set region in ~/.aws/config or in the setting lambdascope.regions.`, fix: { title: 'Set regions', command: 'workbench.action.openSettings', arguments: ['lambdascope.regions'] } });
          continue;
        }
        for (const region of regions) wanted.set(key(name, region), () => this.awsWatch(aws, name, region, settings, profiles));
      }
    } catch (error) {
      this.log.error(`Reading AWS profiles failed: ${isSourceError(error) ? error.message : 'unexpected error'}`);
    }
    if (this.superseded(generation)) return;
    for (const [k, watch] of this.watches) {
      if (!wanted.has(k)) {
        watch.dispose();
        this.watches.delete(k);
      }
    }
    for (const [k, create] of wanted) {
      if (this.watches.has(k)) continue;
      try {
        const watch = await create();
        if (this.superseded(generation) || this.watches.has(k)) {
          watch.dispose();
          return;
        }
        for (const name of this.pinnedNames(watch.profile, watch.region)) watch.poller.pin(name);
        this.watches.set(k, watch);
        if (this.started) watch.start();
      } catch (error) {
        const [profile] = k.split('\u0000');
        problems.push({ profile: profile ?? k, message: isSourceError(error) ? error.message : 'This profile could not be opened.' });
      }
    }
    this.problems = problems;
    this.noProfiles = profileCount === 0 && !settings.demo;
    this.loaded = true;
    this.notify();
  }

  /** Settings changed in a way that changes what each watch is (interval, endpoints): start over. */
  restart(): Promise<void> {
    for (const watch of this.watches.values()) watch.dispose();
    this.watches.clear();
    this.version++;
    this.pool?.dispose();
    this.pool = undefined;
    this.credentials?.clear();
    // Before the explorer has started watching, nothing is rebuilt: start() will.
    if (!this.started) {
      this.loaded = false;
      return this.queue;
    }
    return this.reload();
  }

  refresh(): void {
    // Credentials may have been renewed (aws sso login, a new key): forget the cached ones, and
    // the clients, which keep credentials without an expiry for ever.
    this.credentials?.clear();
    for (const watch of this.watches.values()) {
      this.pool?.evictProfile(watch.profile);
      watch.refresh();
    }
  }

  state(windowMs: number): WatchState {
    if (this.cached?.windowMs === windowMs && this.cached.version === this.version) return this.cached.state;
    const snapshots = accountSnapshots([...this.watches.values()], windowMs);
    const state = { snapshots, problems: this.problems, noProfiles: this.noProfiles, loaded: this.loaded };
    this.cached = { windowMs, version: this.version, state };
    return state;
  }

  private notify(): void {
    this.version++;
    this.changed.fire();
  }

  watch(profile: string, region: string): AccountWatch | undefined {
    return this.watches.get(key(profile, region));
  }

  dispose(): void {
    this.disposed = true;
    for (const watch of this.watches.values()) watch.dispose();
    this.watches.clear();
    this.pool?.dispose();
    this.changed.dispose();
    this.issuesChanged.dispose();
    this.polled.dispose();
  }

  private demoWatch(settings: LambdascopeSettings): AccountWatch {
    // Logs kept a little longer than the default 1-hour window: every point of the timeline opens its lines.
    const demo = new DemoAccount({ clock: systemClock, seed: 42, historyMs: 60 * 60_000, rateScale: 0.3, retentionMs: 65 * 60_000 });
    return this.newWatch(DEMO_PROFILE, DEMO_REGION, demo, settings, (name) => (name === 'checkout-api' ? 1000 : undefined));
  }

  private async awsWatch(aws: AwsModules, profile: string, region: string, settings: LambdascopeSettings, profiles: readonly ProfileInfo[]): Promise<AccountWatch> {
    this.pool ??= new aws.ClientPool();
    this.credentials ??= new aws.CredentialCache({
      mfaCodeProvider: async (serial) => {
        const code = await vscode.window.showInputBox({ title: 'Lambdascope: MFA code', prompt: `The current code of the MFA device ${serial}`, ignoreFocusOut: true, validateInput: (v) => (/^\d{6}$/.test(v) ? undefined : 'Six digits') });
        if (!code) throw new Error('MFA code not given');
        return code;
      },
    });
    const account = await aws.openAwsAccount({ profile, region, endpointUrl: settings.endpointUrl, pool: this.pool, credentials: this.credentials, profiles });
    // The account is known up front for a role's profile, else from the ARNs of the first listing.
    const limits = this.limits.forWatch(profile, region, accountOfArn(account.profileInfo?.roleArn));
    const catalog = catalogTellingAccount(account.sources.catalog, (id) => this.limits.join(limits, id, region));
    return this.newWatch(profile, region, { ...account.sources, catalog }, settings, undefined, limits);
  }

  private newWatch(profile: string, region: string, sources: ConstructorParameters<typeof AccountWatch>[0]['sources'], settings: LambdascopeSettings, demoThreshold?: (name: string) => number | undefined, limits?: ApiLimits): AccountWatch {
    // Settings calls that were denied silence the rules that need them: logged once per watch and kind.
    const reported = new Set<string>();
    const reportSettingsProblems = (): void => {
      for (const problem of watch.poller.settingsProblems()) {
        if (reported.has(problem)) continue;
        reported.add(problem);
        this.log.warn(`${profile} ${region}: function settings not read (${problem}); the findings that need them are left out.`);
      }
    };
    const watch: AccountWatch = new AccountWatch({
      profile,
      region,
      sources,
      clock: systemClock,
      ...(limits ? { limits } : {}),
      intervalMs: settings.pollIntervalMs,
      thresholdMs: (name) => settings.latencyThresholdsMs[name] ?? demoThreshold?.(name) ?? settings.defaultLatencyThresholdMs,
      findingsDisabled: () => this.findingsDisabled,
      ...(this.states
        ? {
            issueStates: this.states.book,
            onIssueChanges: (changes: StateChange[]) => this.issuesChanged.fire({ profile, region, changes }),
          }
        : {}),
      onCycleError: (error) => this.log.error(`${profile} ${region}: a poll cycle failed unexpectedly (${error instanceof Error ? error.message : 'unknown error'}); polling goes on.`),
      onCycle: (summary) => {
        const calls = Object.entries(summary.calls).map(([op, n]) => `${op} ${n}`).join(', ');
        if (summary.health.state === 'paused') {
          // Credentials failed: the next attempt reads them afresh (fixed keys, a new SSO token).
          this.credentials?.clear(profile);
          this.pool?.evictProfile(profile);
        }
        reportSettingsProblems();
        // Occurrence histories grow with every cycle, state changes or not.
        this.states?.polled();
        this.polled.fire({ profile, region });
        this.log.info(`${profile} ${region}: cycle ${summary.complete ? 'complete' : 'partial'} in ${summary.endedAt - summary.startedAt} ms (${calls || 'no calls'}; ${summary.eventsRead} events; ${summary.health.state}${summary.health.reason ? `: ${summary.health.reason}` : ''})`);
        this.notify();
      },
    });
    return watch;
  }
}

function key(profile: string, region: string): string {
  return `${profile}\u0000${region}`;
}
