import { warningsFirst } from '../../core/insights/findings';
import type { FunctionView, WatchSnapshot } from '../../core/watch/accountWatch';
import type { ProfileProblem, WatchState } from '../watchManager';
import type { FindingNode, FunctionNode, IssueNode, MessageNode, OutliersNode, ProfileNode, RegionNode, TreeNode } from './treeNodes';

const SEVERITY: Readonly<Record<FunctionView['health']['level'], number>> = { failing: 0, degraded: 1, ok: 2, idle: 3 };

export interface TreeOptions {
  /** Only functions whose name contains this (case-insensitive). */
  readonly filter?: string;
  readonly isPinned: (profile: string, region: string, name: string) => boolean;
}

/** Profiles (the Demo profile last), each with its regions, or the problem that stops it. */
export function rootNodes(state: WatchState): ProfileNode[] {
  const byProfile = new Map<string, WatchSnapshot[]>();
  for (const s of state.snapshots) byProfile.set(s.profile, [...(byProfile.get(s.profile) ?? []), s]);
  const problems = new Map<string, ProfileProblem>();
  for (const problem of state.problems) if (!problems.has(problem.profile)) problems.set(problem.profile, problem);
  const names = new Set([...byProfile.keys(), ...problems.keys()]);
  const nodes: ProfileNode[] = [...names].map((profile) => {
    const problem = problems.get(profile);
    return { kind: 'profile', id: `p:${profile}`, profile, snapshots: byProfile.get(profile) ?? [], ...(problem ? { problem } : {}) };
  });
  return nodes.sort((a, b) => Number(a.profile === 'Demo') - Number(b.profile === 'Demo') || a.profile.localeCompare(b.profile));
}

export function childrenOf(node: TreeNode, options: TreeOptions): TreeNode[] {
  switch (node.kind) {
    case 'profile': {
      const out: TreeNode[] = [];
      if (node.problem) out.push(message(`${node.id}:problem`, node.problem.message, 'error', node.problem.fix));
      for (const s of node.snapshots) {
        // A paused or failing profile says why, above its regions (which keep what was computed).
        if (s.health.state === 'paused' || s.health.state === 'failing') out.push(message(`${node.id}:${s.region}:health`, `${s.region}: ${s.health.reason ?? `polling ${s.health.state}`}`, 'error', signInFix(s)));
        else if (s.health.state === 'degraded') out.push(message(`${node.id}:${s.region}:health`, `${s.region}: ${s.health.reason ?? 'degraded'}`, 'warning'));
      }
      if (node.snapshots.length === 1 && node.snapshots[0]) return [...out, ...childrenOf(regionNode(node.snapshots[0]), options)];
      return [...out, ...node.snapshots.map(regionNode)];
    }
    case 'region': {
      const s = node.snapshot;
      const filter = options.filter?.toLowerCase();
      const fns = s.functions
        .filter((f) => !filter || f.name.toLowerCase().includes(filter))
        .sort((a, b) => SEVERITY[a.health.level] - SEVERITY[b.health.level] || a.name.localeCompare(b.name))
        .map((view): FunctionNode => ({ kind: 'function', id: `f:${s.profile}:${s.region}:${view.name}`, profile: s.profile, region: s.region, view, pinned: options.isPinned(s.profile, s.region, view.name) }));
      if (fns.length > 0) return fns;
      if (s.loading) return [message(`${node.id}:loading`, 'Loading functions…', 'info')];
      return [message(`${node.id}:empty`, filter ? `No function matches "${options.filter}"` : 'No Lambda functions in this region', 'info')];
    }
    case 'function': {
      const out: TreeNode[] = [];
      for (const issue of node.view.report?.issues ?? []) {
        out.push({ kind: 'issue', id: `${node.id}:i:${issue.fingerprint}`, profile: node.profile, region: node.region, functionName: node.view.name, issue } satisfies IssueNode);
      }
      if ((node.view.report?.latency.outliers.length ?? 0) > 0) out.push({ kind: 'outliers', id: `${node.id}:outliers`, profile: node.profile, region: node.region, view: node.view } satisfies OutliersNode);
      // Each rule once per function.
      for (const finding of warningsFirst(node.view.findings)) out.push({ kind: 'finding', id: `${node.id}:finding:${finding.id}`, profile: node.profile, region: node.region, functionName: node.view.name, finding } satisfies FindingNode);
      if (node.view.status.problem) out.push(message(`${node.id}:problem`, node.view.status.problem.message, 'warning'));
      return out;
    }
    default:
      return [];
  }
}

export function regionNode(snapshot: WatchSnapshot): RegionNode {
  return { kind: 'region', id: `r:${snapshot.profile}:${snapshot.region}`, snapshot };
}

function message(id: string, text: string, severity: MessageNode['severity'], fix?: MessageNode['fix']): MessageNode {
  return { kind: 'message', id, text, severity, ...(fix ? { fix } : {}) };
}

/** An expired SSO session: offer to run `aws sso login` for that profile; otherwise a retry. */
function signInFix(s: WatchSnapshot): MessageNode['fix'] {
  return s.health.state === 'paused' && /aws sso login/.test(s.health.reason ?? '') ? { title: 'Sign in', command: 'lambdascope.signIn', arguments: [s.profile] } : { title: 'Retry', command: 'lambdascope.refresh' };
}
