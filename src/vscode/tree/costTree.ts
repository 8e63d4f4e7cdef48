import * as vscode from 'vscode';
import { regionCost, type CostRow, type RegionCost } from '../../core/cost/costSummary';
import { costRows } from '../../core/health/functionHealth';
import { formatUsd } from '../../core/health/figureText';
import type { WatchSnapshot } from '../../core/watch/accountWatch';
import type { WatchManager } from '../watchManager';
import { rootNodes } from './treeModel';
import { escapeMarkdown, markdownTable, untrustedMarkdown } from './markdownText';
import { Debounce } from './debounce';

type CostNode =
  | { readonly kind: 'profile'; readonly id: string; readonly profile: string; readonly snapshots: readonly WatchSnapshot[] }
  | { readonly kind: 'region'; readonly id: string; readonly snapshot: WatchSnapshot; readonly cost: RegionCost }
  | { readonly kind: 'line'; readonly id: string; readonly text: string; readonly icon: string; readonly tooltip?: string }
  | { readonly kind: 'function'; readonly id: string; readonly profile: string; readonly region: string; readonly row: CostRow };

/**
 * The Cost view: per profile and region, the projected month, the free tier used and left, and the
 * functions dearest first with their share. It renders the same snapshots as the explorer.
 */
export class CostTree implements vscode.TreeDataProvider<CostNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CostNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly refreshes = new Debounce();

  constructor(
    private readonly watches: WatchManager,
    private readonly windowMs: () => number,
  ) {
    this.subscription = watches.onDidChange(() => this.refresh());
  }

  refresh(delayMs = 500): void {
    this.refreshes.schedule(delayMs, () => {
      this.changed.fire(undefined);
    });
  }

  getChildren(node?: CostNode): CostNode[] {
    if (!node) {
      const state = this.watches.state(this.windowMs());
      if (!state.loaded) return [{ kind: 'line', id: 'loading', text: 'Reading AWS profiles…', icon: 'loading~spin' }];
      // The explorer's profiles, in its order; a profile that only has a problem has no cost to show.
      return rootNodes(state)
        .filter((p) => p.snapshots.length > 0)
        .map((p) => ({ kind: 'profile', id: `cost:${p.profile}`, profile: p.profile, snapshots: p.snapshots }));
    }
    switch (node.kind) {
      case 'profile':
        return node.snapshots.map((snapshot) => ({ kind: 'region', id: `${node.id}:${snapshot.region}`, snapshot, cost: regionCost(snapshot.analysis, snapshot.functions.length) }));
      case 'region': {
        const s = node.snapshot;
        if (s.loading && s.functions.length === 0) return [{ kind: 'line', id: `${node.id}:loading`, text: 'Loading…', icon: 'loading~spin' }];
        const cost = node.cost;
        const lines: CostNode[] = [
          { kind: 'line', id: `${node.id}:free`, text: cost.freeTier, icon: 'gift' },
          { kind: 'line', id: `${node.id}:split`, text: cost.split, icon: 'graph', tooltip: cost.assumptions.join('\n') },
        ];
        if (cost.savings) lines.push({ kind: 'line', id: `${node.id}:savings`, text: cost.savings, icon: 'lightbulb' });
        const rows = cost.rows.map((row): CostNode => ({ kind: 'function', id: `${node.id}:f:${row.name}`, profile: s.profile, region: s.region, row }));
        if (cost.idle > 0) rows.push({ kind: 'line', id: `${node.id}:idle`, text: `${cost.idle} function${cost.idle === 1 ? '' : 's'} idle in this window ($0)`, icon: 'circle-outline' });
        return [...lines, ...rows];
      }
      default:
        return [];
    }
  }

  getTreeItem(node: CostNode): vscode.TreeItem {
    switch (node.kind) {
      case 'profile': {
        const item = new vscode.TreeItem(node.profile, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(node.profile === 'Demo' ? 'beaker' : 'account');
        const total = node.snapshots.reduce((n, s) => n + s.analysis.cost.projectedMonthUsd, 0);
        item.description = `~${formatUsd(total)}/mo`;
        return item;
      }
      case 'region': {
        const item = new vscode.TreeItem(node.snapshot.region, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('globe');
        item.description = node.cost.description;
        item.tooltip = `Prices for ${node.snapshot.analysis.cost.pricedAs}. ${node.snapshot.analysis.cost.assumptions.join(' ')}`;
        return item;
      }
      case 'line': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.tooltip ?? node.text;
        return item;
      }
      case 'function': {
        const item = new vscode.TreeItem(node.row.name, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('symbol-function');
        item.description = node.row.description;
        const md = markdownTable(node.row.name, costRows(node.row.cost));
        const assumptions = [node.row.cost.whatIf.arm64?.assumption, node.row.cost.whatIf.memory?.assumption].filter((a): a is string => a !== undefined);
        if (assumptions.length > 0) md.appendMarkdown(`\n${assumptions.map((a) => `- ${escapeMarkdown(a)}`).join('\n')}\n`);
        item.tooltip = md.value ? md : untrustedMarkdown();
        item.command = { title: 'Open function', command: 'lambdascope.openFunctionByName', arguments: [node.profile, node.region, node.row.name] };
        item.accessibilityInformation = { label: `${node.row.name}, ${node.row.description}` };
        return item;
      }
    }
  }

  dispose(): void {
    this.refreshes.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
