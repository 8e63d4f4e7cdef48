import { activeIssues } from '../core/analysis/analysisReport';
import * as vscode from 'vscode';
import type { WatchState } from './watchManager';
import { pollingState } from './pollingState';
import { escapeMarkdown, untrustedMarkdown } from './tree/markdownText';
import { seenKey } from './tree/issuesModel';

const SEEN_KEY = 'lambdascope.statusBar.seenIssues';
/** Issues remembered as seen (the open issues when the user last looked: a bounded list). */
const MAX_SEEN_KEPT = 5000;

/**
 * `$(error) λ 3`: open issues across watched functions, with the error background when one is new
 * since the user last looked; `$(sync~spin) λ` during the first poll; `$(debug-disconnect) λ prod
 * paused` when a profile cannot poll. Click: the explorer.
 */
export class IssuesStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private seen: Set<string>;
  /** What had been seen before the user last looked: the issues new then stay new in the Issues view. */
  private seenBeforeLook: ReadonlySet<string>;
  private latest = new Set<string>();
  private visible = false;
  private readonly looked = new vscode.EventEmitter<void>();
  /** The user looked at the issues with something new among them (the Issues view regroups). */
  readonly onDidLook = this.looked.event;
  /** Every watch has finished its first poll: only then is a look a look at all the issues. */
  private settled = false;

  /** `memory`: where what the user has seen is kept, so that a reload does not make it new again. */
  constructor(private readonly memory?: vscode.Memento) {
    const kept = memory?.get<unknown>(SEEN_KEY);
    this.seen = new Set(Array.isArray(kept) ? kept.filter((k): k is string => typeof k === 'string') : []);
    this.seenBeforeLook = this.seen;
    this.item = vscode.window.createStatusBarItem('lambdascope.issues', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Lambdascope issues';
    this.item.command = 'lambdascope.focusIssues';
  }

  /** What the item shows (tests inside the extension host read it). */
  get shown(): { text: string; visible: boolean; error: boolean } {
    return { text: this.item.text, visible: this.visible, error: this.item.backgroundColor !== undefined };
  }

  /** The user looked at the issues: nothing is new any more. */
  markSeen(): void {
    // Looked at twice with nothing new in between (the view shown, then focused): the first look counts.
    const changed = this.latest.size !== this.seen.size || [...this.latest].some((k) => !this.seen.has(k));
    this.item.backgroundColor = undefined;
    // A look before the first polls end (the side bar opened at startup) saw none of the issues:
    // what was seen before stays seen.
    if (!changed || !this.settled) return;
    this.seenBeforeLook = this.seen;
    this.seen = new Set(this.latest);
    this.looked.fire();
    void this.memory?.update(SEEN_KEY, [...this.seen].slice(0, MAX_SEEN_KEPT));
  }

  /** The issues seen before the last look (see the Issues view's "New"). */
  get seenBefore(): ReadonlySet<string> {
    return this.seenBeforeLook;
  }

  update(state: WatchState): void {
    const { stopped: paused, degraded } = pollingState(state.snapshots);
    const loading = state.snapshots.length > 0 && state.snapshots.every((s) => s.loading);
    this.settled = state.loaded && state.snapshots.length > 0 && !state.snapshots.some((s) => s.loading);
    const byFunction: Array<{ label: string; count: number; issues: number }> = [];
    this.latest = new Set();
    let regressed = 0;
    for (const s of state.snapshots) {
      for (const f of s.functions) {
        const issues = activeIssues(f.report?.issues ?? []);
        if (issues.length === 0) continue;
        for (const i of issues) this.latest.add(seenKey(s.profile, s.region, i.fingerprint));
        regressed += issues.filter((i) => i.state === 'regressed').length;
        byFunction.push({ label: `${f.name} (${s.profile} · ${s.region})`, count: issues.reduce((n, i) => n + i.count, 0), issues: issues.length });
      }
    }
    if (state.snapshots.length === 0 && state.problems.length === 0) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const open = this.latest.size;
    const fresh = [...this.latest].some((k) => !this.seen.has(k));
    if (loading) this.item.text = '$(sync~spin) λ';
    else if (paused.length > 0) this.item.text = `$(debug-disconnect) λ ${paused.map((p) => p.profile).join(', ')} ${paused[0]?.state ?? ''}${open > 0 ? ` · ${open}` : ''}`;
    else if (open > 0) this.item.text = `$(error) λ ${open}${regressed > 0 ? ` · ${regressed} regressed` : ''}`;
    else this.item.text = degraded.length > 0 ? '$(warning) λ' : '$(pass) λ';
    this.item.backgroundColor = fresh && open > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const md = untrustedMarkdown();
    md.appendMarkdown(open > 0 ? `**Lambdascope: ${open} open issue${open === 1 ? '' : 's'}${regressed > 0 ? `, ${regressed} of them regressed (resolved, then occurred again)` : ''}**\n\n` : '**Lambdascope: no open issues**\n\n');
    for (const f of byFunction.sort((a, b) => b.count - a.count).slice(0, 15)) md.appendMarkdown(`- ${escapeMarkdown(f.label)}: ${f.issues} issue${f.issues === 1 ? '' : 's'}, ${f.count} occurrences\n`);
    for (const p of paused) md.appendMarkdown(`\n$(debug-disconnect) ${escapeMarkdown(`${p.profile} · ${p.region} ${p.state}: ${p.reason}`)}\n`);
    for (const d of degraded) md.appendMarkdown(`\n$(warning) ${escapeMarkdown(`${d.profile} · ${d.region} degraded: ${d.reason}`)}\n`);
    md.supportThemeIcons = true;
    this.item.tooltip = md;
    this.item.accessibilityInformation = { label: `Lambdascope: ${open} open issues${regressed > 0 ? `, ${regressed} regressed` : ''}${paused.length > 0 ? `, ${paused.length} profiles paused` : ''}${degraded.length > 0 ? `, ${degraded.length} degraded` : ''}` };
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.looked.dispose();
    this.item.dispose();
  }
}
