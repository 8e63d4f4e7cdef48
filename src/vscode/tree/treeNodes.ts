import type { IssueReport } from '../../core/analysis/analysisReport';
import type { Finding } from '../../core/insights/findings';
import type { FunctionView, WatchSnapshot } from '../../core/watch/accountWatch';
import type { ProfileProblem } from '../watchManager';

/** The explorer's model: plain data, separate from its rendering (treeItems.ts). */
export type TreeNode = ProfileNode | RegionNode | FunctionNode | IssueNode | OutliersNode | FindingNode | MessageNode;

export interface ProfileNode {
  readonly kind: 'profile';
  readonly id: string;
  readonly profile: string;
  readonly snapshots: WatchSnapshot[];
  readonly problem?: ProfileProblem;
}

export interface RegionNode {
  readonly kind: 'region';
  readonly id: string;
  readonly snapshot: WatchSnapshot;
}

export interface FunctionNode {
  readonly kind: 'function';
  readonly id: string;
  readonly profile: string;
  readonly region: string;
  readonly view: FunctionView;
  readonly pinned: boolean;
}

export interface IssueNode {
  readonly kind: 'issue';
  readonly id: string;
  readonly profile: string;
  readonly region: string;
  readonly functionName: string;
  readonly issue: IssueReport;
  /** Shown away from its function (the Issues view): the item names it. */
  readonly named?: boolean;
}

export interface OutliersNode {
  readonly kind: 'outliers';
  readonly id: string;
  readonly profile: string;
  readonly region: string;
  readonly view: FunctionView;
}

export interface FindingNode {
  readonly kind: 'finding';
  readonly id: string;
  readonly profile: string;
  readonly region: string;
  readonly functionName: string;
  readonly finding: Finding;
}

export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly text: string;
  readonly severity: 'info' | 'warning' | 'error';
  readonly detail?: string;
  readonly fix?: ProfileProblem['fix'];
}
