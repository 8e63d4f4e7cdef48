import { activeIssues } from '../../core/analysis/analysisReport';
import * as vscode from 'vscode';
import type { IssueKind } from '../../core/issues/errorKind';
import { formatAgo, formatCount, formatMs } from '../../core/health/figureText';
import { healthDescription, healthRows } from '../../core/health/functionHealth';
import type { FindingNode, FunctionNode, IssueNode, MessageNode, OutliersNode, ProfileNode, RegionNode, TreeNode } from './treeNodes';
import { escapeMarkdown, markdownTable, untrustedMarkdown } from './markdownText';
import { visibleText } from '../../core/health/figureText';

const HEALTH_ICON = {
  failing: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  degraded: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  idle: new vscode.ThemeIcon('circle-outline'),
} as const;

const ISSUE_ICON: Readonly<Record<IssueKind, string>> = {
  error: 'bug',
  timeout: 'watch',
  outOfMemory: 'flame',
  init: 'debug-start',
  crash: 'debug-disconnect',
  misconfiguration: 'gear',
  dependency: 'plug',
};

/** Log text in a single-line label: control characters and bidi overrides shown, not obeyed. */
function plain(text: string, max = 160): string {
  const safe = visibleText(text).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}

export function toTreeItem(node: TreeNode, now: number): vscode.TreeItem {
  switch (node.kind) {
    case 'profile':
      return profileItem(node);
    case 'region':
      return regionItem(node);
    case 'function':
      return functionItem(node);
    case 'issue':
      return issueItem(node, now);
    case 'outliers':
      return outliersItem(node);
    case 'finding':
      return findingItem(node);
    case 'message':
      return messageItem(node);
  }
}

function profileItem(node: ProfileNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.profile, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  const demo = node.profile === 'Demo';
  const paused = node.snapshots.find((s) => s.health.state === 'paused' || s.health.state === 'failing');
  item.iconPath = new vscode.ThemeIcon(node.problem || paused ? 'warning' : demo ? 'beaker' : 'account');
  const issues = node.snapshots.reduce((sum, s) => sum + s.functions.reduce((n, f) => n + activeIssues(f.report?.issues ?? []).length, 0), 0);
  const degraded = node.snapshots.some((s) => s.health.state === 'degraded');
  item.description = node.problem ? 'cannot be watched' : paused ? `${paused.health.state}` : [issues > 0 ? `${issues} issue${issues === 1 ? '' : 's'}` : '', degraded ? 'degraded' : ''].filter(Boolean).join(' · ') || undefined;
  item.contextValue = demo ? 'profile.demo' : 'profile';
  item.tooltip = node.problem ? node.problem.message : demo ? 'The built-in demo account (simulated traffic)' : `AWS profile ${node.profile}`;
  return item;
}

function regionItem(node: RegionNode): vscode.TreeItem {
  const s = node.snapshot;
  const item = new vscode.TreeItem(s.region, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('globe');
  const active = s.functions.filter((f) => f.status.active).length;
  item.description = s.loading && s.functions.length === 0 ? 'loading…' : `${s.functions.length} functions · ${active} active${s.health.state === 'degraded' ? ' · degraded' : ''}`;
  item.tooltip = s.health.reason ? `${s.health.state}: ${s.health.reason}` : `Polling ${s.health.state}`;
  item.contextValue = 'region';
  return item;
}

function functionItem(node: FunctionNode): vscode.TreeItem {
  const v = node.view;
  const hasChildren = (v.report?.issues.length ?? 0) > 0 || (v.report?.latency.outliers.length ?? 0) > 0 || v.findings.length > 0 || v.status.problem !== undefined;
  const item = new vscode.TreeItem(v.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = HEALTH_ICON[v.health.level];
  item.description = `${node.pinned ? '📌 ' : ''}${healthDescription(v.report, v.status.metrics, v.status.problem)}`;
  const rows = healthRows(v.report, v.status.metrics, { runtime: v.status.config.runtime, architecture: v.status.config.architecture, memoryMb: v.status.config.memoryMb, lastModified: v.status.config.lastModified });
  const tooltip = markdownTable(v.name, rows);
  if (v.health.reasons.length > 0) tooltip.appendMarkdown(`\n${v.health.reasons.map((r) => `- ${escapeMarkdown(r)}`).join('\n')}\n`);
  item.tooltip = tooltip;
  item.contextValue = node.pinned ? 'function.pinned' : 'function';
  item.command = { title: 'Open function', command: 'lambdascope.openFunction', arguments: [node] };
  item.accessibilityInformation = { label: `${v.name}, ${v.health.level}, ${healthDescription(v.report, v.status.metrics, v.status.problem)}` };
  return item;
}

const STATE_ICON = { resolved: 'pass', muted: 'bell-slash' } as const;

function issueItem(node: IssueNode, now: number): vscode.TreeItem {
  const i = node.issue;
  const item = new vscode.TreeItem(plain(i.title), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const state = i.state ?? 'open';
  const quiet = state === 'resolved' || state === 'muted';
  item.iconPath = new vscode.ThemeIcon(quiet ? STATE_ICON[state] : (ISSUE_ICON[i.kind] ?? 'bug'), i.handled || quiet ? undefined : new vscode.ThemeColor('list.errorForeground'));
  item.description = [node.named ? node.functionName : '', `${formatCount(i.count)}×`, formatAgo(i.lastSeen, now), i.handled ? 'handled' : '', state !== 'open' ? state : ''].filter(Boolean).join(' · ');
  const md = untrustedMarkdown();
  if (node.named) md.appendMarkdown(`${escapeMarkdown(`${node.functionName} (${node.profile} · ${node.region})`)}\n\n`);
  md.appendMarkdown(`**${escapeMarkdown(i.kind)}${i.dependency ? ` → ${escapeMarkdown(i.dependency)}` : ''}**\n\n`);
  md.appendCodeblock(i.title, 'text');
  if (i.culprit) md.appendMarkdown(`at ${escapeMarkdown(i.culprit)}\n\n`);
  md.appendMarkdown(`${escapeMarkdown(`${formatCount(i.count)} occurrences, first ${formatAgo(i.firstSeen, now)}, last ${formatAgo(i.lastSeen, now)}`)}`);
  item.tooltip = md;
  // `issue.<state>`: the context menu offers what applies (resolve an open issue, reopen a resolved one).
  item.contextValue = `issue.${state}`;
  item.command = { title: 'Show issue', command: 'lambdascope.showIssue', arguments: [node] };
  return item;
}

function outliersItem(node: OutliersNode): vscode.TreeItem {
  const r = node.view.report;
  const count = r?.latency.outliers.length ?? 0;
  const p99 = r?.durationMs?.p99;
  const item = new vscode.TreeItem(`${count} latency outlier${count === 1 ? '' : 's'} over p99 (${formatMs(p99)})`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('pulse');
  item.tooltip = markdownTable('Slowest invocations', (r?.latency.outliers ?? []).map((o) => [o.requestId, `${formatMs(o.durationMs)}${o.coldStart ? ' (cold)' : ''}`] as const));
  item.contextValue = 'outliers';
  return item;
}

function findingItem(node: FindingNode): vscode.TreeItem {
  const f = node.finding;
  const item = new vscode.TreeItem(f.title, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = f.severity === 'warning' ? new vscode.ThemeIcon('lightbulb', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('lightbulb');
  item.description = f.id;
  const md = untrustedMarkdown();
  md.appendMarkdown(`**${escapeMarkdown(f.title)}**\n\n`);
  md.appendMarkdown(`${escapeMarkdown(f.evidence)}\n\n*Why:* ${escapeMarkdown(f.why)}\n\n*Fix:* ${escapeMarkdown(f.fix)}\n\n`);
  md.appendMarkdown(`${escapeMarkdown(`Rule ${f.id} (${f.severity}); turn it off with the setting lambdascope.findings.disabled.`)}`);
  item.tooltip = md;
  item.contextValue = 'finding';
  item.command = { title: 'Show finding', command: 'lambdascope.showFinding', arguments: [node] };
  item.accessibilityInformation = { label: `${f.severity === 'warning' ? 'Warning' : 'Finding'}: ${f.title}` };
  return item;
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(plain(node.text, 200), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(node.severity === 'error' ? 'error' : node.severity === 'warning' ? 'warning' : 'info');
  item.tooltip = node.text;
  if (node.fix) {
    item.description = node.fix.title;
    item.command = { title: node.fix.title, command: node.fix.command, arguments: node.fix.arguments ? [...node.fix.arguments] : [] };
  }
  item.contextValue = 'message';
  return item;
}
