import * as vscode from 'vscode';

export type WindowChoice = '15m' | '1h' | '24h';

export const WINDOW_MS: Readonly<Record<WindowChoice, number>> = { '15m': 15 * 60_000, '1h': 60 * 60_000, '24h': 24 * 60 * 60_000 };

export interface LambdascopeSettings {
  /** Profiles to watch; undefined: every profile found. */
  readonly profiles?: readonly string[];
  /** Regions per profile; a profile not listed uses its own region. */
  readonly regions: Readonly<Record<string, readonly string[]>>;
  readonly demo: boolean;
  readonly pollIntervalMs: number;
  readonly window: WindowChoice;
  readonly latencyThresholdsMs: Readonly<Record<string, number>>;
  readonly defaultLatencyThresholdMs?: number;
  /** Machine-scoped: ignored in untrusted workspaces (restrictedConfigurations). */
  readonly endpointUrl?: string;
  /** Where issue states are kept: the extension's storage, or the workspace's `.lambdascope/issues.json`. */
  readonly issueStorage: 'global' | 'workspace';
  /** Best-practice rules turned off, by finding id. */
  readonly findingsDisabled: ReadonlySet<string>;
}

function record<T>(value: unknown, valid: (v: unknown) => v is T): Record<string, T> {
  const out: Record<string, T> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (valid(v)) out[k] = v;
  }
  return out;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The settings, validated: a hand-edited settings.json with wrong types falls back to defaults. */
export function readSettings(): LambdascopeSettings {
  const c = vscode.workspace.getConfiguration('lambdascope');
  const profiles = c.get<unknown>('profiles');
  const window = c.get<string>('window');
  const interval = c.get<unknown>('pollIntervalSeconds');
  const threshold = c.get<unknown>('defaultLatencyThresholdMs');
  const endpoint = c.get<unknown>('endpointUrl');
  return {
    profiles: isStringArray(profiles) && profiles.length > 0 ? [...new Set(profiles)] : undefined,
    regions: record(c.get<unknown>('regions'), isStringArray),
    demo: c.get<boolean>('demo.enabled') === true,
    // Bounded both ways: a workspace could otherwise set an interval no timer can wait.
    pollIntervalMs: Math.min(3600, Math.max(30, isPositive(interval) ? interval : 60)) * 1000,
    window: window === '15m' || window === '24h' ? window : '1h',
    latencyThresholdsMs: record(c.get<unknown>('latencyThresholdsMs'), isPositive),
    defaultLatencyThresholdMs: isPositive(threshold) ? threshold : undefined,
    endpointUrl: typeof endpoint === 'string' && /^https?:\/\/\S+$/.test(endpoint) ? endpoint : undefined,
    issueStorage: c.get<unknown>('issues.storage') === 'workspace' ? 'workspace' : 'global',
    findingsDisabled: new Set(isStringArray(c.get<unknown>('findings.disabled')) ? (c.get<string[]>('findings.disabled') ?? []) : []),
  };
}

/** Which profiles and regions are watched: watches are added and removed. */
export function affectsWatchedSet(event: vscode.ConfigurationChangeEvent): boolean {
  return ['profiles', 'regions', 'demo.enabled'].some((key) => event.affectsConfiguration(`lambdascope.${key}`));
}

/** How every watch works (interval, endpoint, objectives): watches are rebuilt. */
export function affectsWatchSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return ['pollIntervalSeconds', 'endpointUrl', 'latencyThresholdsMs', 'defaultLatencyThresholdMs'].some((key) => event.affectsConfiguration(`lambdascope.${key}`));
}

/**
 * Sets one of Lambdascope's settings where its value is decided now: a workspace value overrides
 * the user's, so writing the user's alone would change nothing the user sees.
 */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('lambdascope');
  const inspected = config.inspect(key);
  const target = inspected?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder : inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}
