import type { WatchState } from '../watchManager';
import type { IssueNode } from './treeNodes';

export type IssueGroup = 'new' | 'regressed' | 'open' | 'muted' | 'resolved';

export interface IssueGroupNode {
  readonly kind: 'issueGroup';
  readonly id: string;
  readonly group: IssueGroup;
  readonly issues: readonly IssueNode[];
}

const ORDER: readonly IssueGroup[] = ['new', 'regressed', 'open', 'muted', 'resolved'];

export const GROUP_LABEL: Readonly<Record<IssueGroup, string>> = { new: 'New', regressed: 'Regressed', open: 'Open', muted: 'Muted', resolved: 'Resolved' };

/** The key the status bar remembers an issue by as seen. */
export function seenKey(profile: string, region: string, fingerprint: string): string {
  return `${profile}|${region}|${fingerprint}`;
}

/**
 * Every issue of the watched functions in the window, grouped as the Issues view shows them: new
 * (open, and not among those the user had seen when last looking), regressed, open, muted,
 * resolved; the latest first in each. Empty groups are left out.
 */
export function issueGroups(state: WatchState, seenBefore: ReadonlySet<string>): IssueGroupNode[] {
  const groups = new Map<IssueGroup, IssueNode[]>(ORDER.map((g) => [g, []]));
  for (const s of state.snapshots) {
    for (const view of s.functions) {
      for (const issue of view.report?.issues ?? []) {
        const state = issue.state ?? 'open';
        const group: IssueGroup = state === 'open' && !seenBefore.has(seenKey(s.profile, s.region, issue.fingerprint)) ? 'new' : state;
        groups.get(group)?.push({ kind: 'issue', id: `issues:${s.profile}:${s.region}:${view.name}:${issue.fingerprint}`, profile: s.profile, region: s.region, functionName: view.name, issue, named: true });
      }
    }
  }
  return ORDER.flatMap((group) => {
    const issues = (groups.get(group) ?? []).sort((a, b) => b.issue.lastSeen - a.issue.lastSeen);
    return issues.length > 0 ? [{ kind: 'issueGroup', id: `issues:${group}`, group, issues } satisfies IssueGroupNode] : [];
  });
}
