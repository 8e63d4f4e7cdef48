import * as vscode from 'vscode';
import { issueKey } from '../core/issues/issueStateBook';
import type { Mute } from '../core/issues/issueStates';
import type { CommandRegistrar } from './commandIds';
import type { IssueStates } from './issueStates';
import type { IssueRef } from './panels/panelContext';
import type { IssueNode } from './tree/treeNodes';
import type { WatchManager } from './watchManager';
import { labelText } from './messageText';

const HOUR = 3_600_000;

/** The mute choices: for a time, or for a number of occurrences. */
const MUTE_CHOICES: ReadonlyArray<{ label: string; how: (now: number) => Mute }> = [
  { label: 'For 1 hour', how: (now) => ({ until: now + HOUR }) },
  { label: 'For 24 hours', how: (now) => ({ until: now + 24 * HOUR }) },
  { label: 'For 7 days', how: (now) => ({ until: now + 7 * 24 * HOUR }) },
  { label: 'For the next 10 occurrences', how: () => ({ remaining: 10 }) },
  { label: 'For the next 100 occurrences', how: () => ({ remaining: 100 }) },
  { label: 'Until I unmute it', how: () => ({}) },
];

/** An issue named by a tree node, or by (profile, region, function, fingerprint) from a code action or a panel. */
export function issueRefOf(args: readonly unknown[]): IssueRef | undefined {
  const [node, region, functionName, fingerprint] = args;
  if (typeof node === 'object' && node !== null && (node as IssueNode).kind === 'issue') {
    const n = node as IssueNode;
    return { profile: n.profile, region: n.region, functionName: n.functionName, fingerprint: n.issue.fingerprint };
  }
  if (typeof node === 'string' && typeof region === 'string' && typeof functionName === 'string' && typeof fingerprint === 'string') return { profile: node, region, functionName, fingerprint };
  return undefined;
}

export interface IssueCommandParts {
  readonly watches: WatchManager;
  readonly states: IssueStates;
  readonly register: CommandRegistrar;
  /** Asks which issue when a command has none (the palette). */
  readonly pickIssue: () => Promise<IssueRef | undefined>;
}

/** Resolve, mute and reopen: from the tree, the issue panel, the diagnostics' quick fixes and the palette. */
export function registerIssueCommands(parts: IssueCommandParts): vscode.Disposable[] {
  const { watches, states, register } = parts;
  const keyOf = (ref: IssueRef): string | undefined => {
    const watch = watches.watch(ref.profile, ref.region);
    return watch ? issueKey(watch.placeOf(ref.functionName), ref.fingerprint) : undefined;
  };
  const withIssue = (run: (ref: IssueRef, key: string) => Promise<unknown>) => async (...args: unknown[]) => {
    const ref = issueRefOf(args) ?? (args.length === 0 ? await parts.pickIssue() : undefined);
    const key = ref ? keyOf(ref) : undefined;
    if (!ref || !key) return;
    await run(ref, key);
  };
  const titleOf = (ref: IssueRef): string => {
    const issue = watches.watch(ref.profile, ref.region)?.analyzer.find(ref.functionName)?.issues.get(ref.fingerprint);
    return issue ? labelText(issue.title.replace(/\s+/g, ' ').slice(0, 80)) : 'the issue';
  };
  return [
    register('lambdascope.resolveIssue', withIssue(async (ref, key) => {
      await states.resolve(key);
      void vscode.window.setStatusBarMessage(`Resolved ${titleOf(ref)}: Lambdascope says so if it occurs again.`, 5000);
    })),
    register('lambdascope.muteIssue', withIssue(async (ref, key) => {
      const choice = await vscode.window.showQuickPick(MUTE_CHOICES.map((c) => ({ label: c.label, how: c.how })), { title: `Lambdascope: mute ${titleOf(ref)}`, placeHolder: 'A muted issue never alerts and is not counted; its occurrences are still recorded' });
      if (!choice) return;
      await states.mute(key, choice.how(Date.now()));
    })),
    register('lambdascope.reopenIssue', withIssue(async (_ref, key) => {
      await states.reopen(key);
    })),
  ];
}
