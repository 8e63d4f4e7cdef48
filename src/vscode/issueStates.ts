import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { IssueStateBook } from '../core/issues/issueStateBook';
import type { IssueStateEntry, Mute } from '../core/issues/issueStates';
import { IssueStateStore } from '../store/issueStateStore';
import { notificationText } from './messageText';

export type IssueStorage = 'global' | 'workspace';

/** The workspace file a team shares through git. */
export const WORKSPACE_STATE_FILE = '.lambdascope/issues.json';

/**
 * Issue states for the whole extension: one book shared by every watched account, saved after
 * each change — by default in the extension's global storage, one file per account; with the
 * setting `lambdascope.issues.storage` = `workspace`, in `.lambdascope/issues.json` of the
 * workspace, which a team commits. Problems with a file are shown once, with its backup.
 */
export class IssueStates implements vscode.Disposable {
  readonly book = new IssueStateBook();
  private saving: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private userName: Promise<string> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** A state changed by an action or by a file read (the views re-render). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly globalDir: vscode.Uri,
    private readonly storage: () => IssueStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${WORKSPACE_STATE_FILE}`);
    const reread = (): void => void this.load();
    this.disposables.push(watcher, watcher.onDidChange(reread), watcher.onDidCreate(reread), this.changed);
  }

  /** Reads every state file (at start, and when the shared file changes — a `git pull`). */
  async load(): Promise<void> {
    for (const store of await this.stores()) {
      try {
        const result = await store.load();
        this.book.load(result.entries);
        for (const problem of result.problems) this.warn(problem, result.backup);
      } catch (error) {
        this.log.error(`Reading issue states from ${store.file} failed: ${error instanceof Error ? error.message : 'unexpected error'}`);
      }
    }
    this.changed.fire();
  }

  /** After a poll: states and occurrence histories may have changed; save soon (only what changed is written). */
  polled(): void {
    this.scheduleSave();
  }

  async resolve(key: string): Promise<IssueStateEntry> {
    return this.act(this.book.resolve(key, await this.user(), Date.now()));
  }

  async mute(key: string, how: Mute): Promise<IssueStateEntry> {
    return this.act(this.book.mute(key, await this.user(), Date.now(), how));
  }

  async reopen(key: string): Promise<IssueStateEntry> {
    return this.act(this.book.reopen(key, await this.user(), Date.now()));
  }

  /** Waits for pending writes (tests, and deactivation). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.saving = this.saving.then(() => this.save());
    }
    await this.saving;
  }

  private act(entry: IssueStateEntry): IssueStateEntry {
    this.changed.fire();
    this.scheduleSave(0);
    return entry;
  }

  private scheduleSave(delayMs = 1000): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.saving = this.saving.then(() => this.save());
    }, delayMs);
  }

  private async save(): Promise<void> {
    const dirty = this.book.takeDirty();
    if (dirty.length === 0) return;
    const groups = new Map<string, IssueStateEntry[]>();
    const unsaved: string[] = [];
    for (const entry of dirty) {
      const file = this.fileFor(entry.key);
      if (!file) {
        unsaved.push(entry.key);
        continue;
      }
      groups.set(file, [...(groups.get(file) ?? []), entry]);
    }
    if (unsaved.length > 0) {
      // Kept in the book and marked again: saved once a folder is open (or the storage changes).
      this.book.markDirty(unsaved);
      if (!this.warnedNoFolder) {
        this.warnedNoFolder = true;
        this.warn('issue states are set to be kept in the workspace (lambdascope.issues.storage), but no folder is open: they last only as long as this window. Open a folder, or keep them in Lambdascope\'s storage (global), to keep them.', undefined);
      }
    }
    for (const [file, entries] of groups) {
      try {
        const result = await new IssueStateStore(file).update(entries);
        for (const problem of result.problems) this.warn(problem, result.backup);
      } catch (error) {
        // Still in the book: marked again, so that the next save tries them again.
        this.book.markDirty(entries.map((e) => e.key));
        this.log.error(`Saving issue states to ${file} failed: ${error instanceof Error ? error.message : 'unexpected error'}`);
      }
    }
  }

  /** Global storage: one file per account (the key's owner); workspace: the one shared file. */
  private fileFor(key: string): string | undefined {
    if (this.storage() === 'workspace') return workspaceFile();
    const owner = key.split('/')[0] ?? 'unknown';
    return join(this.globalDir.fsPath, 'issues', `${owner.replace(/[^\w.@-]/g, '_')}.json`);
  }

  private async stores(): Promise<IssueStateStore[]> {
    if (this.storage() === 'workspace') {
      const file = workspaceFile();
      return file ? [new IssueStateStore(file)] : [];
    }
    const dir = join(this.globalDir.fsPath, 'issues');
    const names = await readdir(dir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.json')).map((n) => new IssueStateStore(join(dir, n)));
  }

  private warn(problem: string, backup: string | undefined): void {
    this.log.warn(problem);
    void vscode.window.showWarningMessage(notificationText(`Lambdascope: ${problem}`), ...(backup ? ['Open the Copy'] : [])).then((answer) => {
      if (answer && backup) void vscode.window.showTextDocument(vscode.Uri.file(backup));
    });
  }

  /** Who acts: git's user.name in the workspace, else the system user. */
  private user(): Promise<string> {
    // Not in an untrusted workspace: on Windows, `git` would be looked for in the workspace folder
    // first, so a repository's own git.exe would run.
    if (!vscode.workspace.isTrusted) return Promise.resolve(safeUserName());
    this.userName ??= new Promise<string>((resolve) => {
      const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      execFile('git', ['config', 'user.name'], { cwd, timeout: 2000 }, (error, stdout) => {
        const name = error ? '' : stdout.trim().slice(0, 100);
        resolve(name || safeUserName());
      });
    });
    return this.userName;
  }

  /** Said once a session: issue states cannot be saved in a workspace without a folder. */
  private warnedNoFolder = false;

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function workspaceFile(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? join(folder.uri.fsPath, ...WORKSPACE_STATE_FILE.split('/')) : undefined;
}

function safeUserName(): string {
  try {
    return userInfo().username || 'someone';
  } catch {
    return 'someone';
  }
}
