import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseIssueStates, serializeIssueStates } from '../core/issues/issueStateFile';
import { mergeEntries, type IssueStateEntry } from '../core/issues/issueStates';

export interface StoreOptions {
  /** A lock older than this is from a writer that died (a write takes milliseconds). */
  readonly staleLockMs?: number;
  /** How long to wait for another writer's lock before giving up. */
  readonly lockTimeoutMs?: number;
  readonly now?: () => number;
}

export interface LoadResult {
  readonly entries: IssueStateEntry[];
  /** What was wrong with the file, for a message to the user (empty when nothing was). */
  readonly problems: readonly string[];
  /** Where the file was copied before anything in it could be lost. */
  readonly backup?: string;
}

/**
 * Issue states in one file, shared by every VS Code window (and, in a workspace, by a team
 * through git). Each update runs under a lock file: read what is there, merge this writer's
 * entries in, write a temporary file, flush it, rename it over the old one — so a reader sees the
 * old file or the new one, never half of one, a writer killed at any point loses nothing already
 * written, and two windows writing at once both keep their updates.
 */
export class IssueStateStore {
  private readonly staleLockMs: number;
  private readonly lockTimeoutMs: number;
  private readonly now: () => number;

  constructor(
    readonly file: string,
    options: StoreOptions = {},
  ) {
    this.staleLockMs = options.staleLockMs ?? 10_000;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 15_000;
    this.now = options.now ?? Date.now;
  }

  async load(): Promise<LoadResult> {
    const text = await readRegularFile(this.file);
    if (text === undefined) return { entries: [], problems: [] };
    if (text === NOT_A_FILE) {
      // A repository could ship the file as a link to a secret (~/.aws/credentials): never read,
      // copied or shown. Saving replaces the link, not what it points to.
      return { entries: [], problems: [`${this.file} is a link or not a regular file: Lambdascope does not read it, and replaces it when it saves issue states.`] };
    }
    const parsed = parseIssueStates(text);
    if (!parsed.ok) {
      const backup = await this.backup('unreadable', text);
      return { entries: [], problems: [`${this.file} could not be read: ${parsed.problem}. A copy was kept in ${backup}.`], backup };
    }
    if (parsed.problems.length === 0) return { entries: parsed.entries, problems: [] };
    const backup = await this.backup('invalid-entries', text);
    return { entries: parsed.entries, problems: parsed.problems.map((p) => `${this.file}: ${p} (a copy of the file was kept in ${backup})`), backup };
  }

  /** Merges `entries` into the file (the newer decision per issue wins); returns what the file holds now. */
  async update(entries: readonly IssueStateEntry[]): Promise<LoadResult> {
    await mkdir(dirname(this.file), { recursive: true });
    return this.locked(async () => {
      const current = await this.load();
      const merged = new Map(current.entries.map((e) => [e.key, e]));
      for (const e of entries) {
        const there = merged.get(e.key);
        merged.set(e.key, there ? mergeEntries(there, e) : e);
      }
      await this.writeAtomically(serializeIssueStates(merged.values()));
      return { ...current, entries: [...merged.values()] };
    });
  }

  private async writeAtomically(text: string): Promise<void> {
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, this.file);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    // The rename itself is durable once the folder is flushed (not possible on every platform).
    await open(dirname(this.file), 'r')
      .then(async (dir) => {
        await dir.sync().catch(() => undefined);
        await dir.close();
      })
      .catch(() => undefined);
  }

  /** Keeps `text`, what was read (not the file again: it may have changed, or become a link). */
  private async backup(why: string, text: string): Promise<string> {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    const backup = `${this.file}.${why}-${stamp}.bak`;
    await writeFile(backup, text, { encoding: 'utf8', mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return backup;
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    const lock = `${this.file}.lock`;
    const started = this.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await open(lock, 'wx', 0o600);
        await handle.writeFile(`${process.pid} ${this.now()}\n`);
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (await this.breakIfStale(lock)) continue;
        if (this.now() - started > this.lockTimeoutMs) throw new Error(`${lock} is held by another writer: try again, or remove it if no Lambdascope is running`);
        await delay(Math.min(200, 5 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));
      }
    }
    try {
      return await work();
    } finally {
      await unlink(lock).catch(() => undefined);
    }
  }

  /** A lock whose writer is gone (killed) or that is older than any write takes is removed. */
  private async breakIfStale(lock: string): Promise<boolean> {
    const [text, info] = await Promise.all([readText(lock), stat(lock).catch(() => undefined)]);
    if (!info) return true; // released meanwhile
    const pid = Number.parseInt(text ?? '', 10);
    const dead = Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
    if (!dead && this.now() - info.mtimeMs < this.staleLockMs) return false;
    // Two writers may both find it stale: only the one whose rename succeeds removes it.
    const claimed = `${lock}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
    try {
      await rename(lock, claimed);
    } catch {
      return true;
    }
    if ((await readText(claimed)) !== text) {
      // Between reading and renaming, another writer replaced the stale lock with its own, live
      // one: put it back (link fails rather than overwrite a lock taken meanwhile).
      await link(claimed, lock).catch(() => undefined);
      await unlink(claimed).catch(() => undefined);
      return false;
    }
    await unlink(claimed).catch(() => undefined);
    return true;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const NOT_A_FILE = Symbol('not a regular file');

/** The text of `path` if it is a regular file (a link is not followed); undefined when there is none. */
async function readRegularFile(path: string): Promise<string | undefined | typeof NOT_A_FILE> {
  // Where the platform has no O_NOFOLLOW (Windows), a link is looked for first.
  const noFollow = constants.O_NOFOLLOW as number | undefined;
  if (noFollow === undefined) {
    const info = await lstat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    if (!info) return undefined;
    if (!info.isFile()) return NOT_A_FILE;
  }
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (noFollow ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP' || code === 'EISDIR') return NOT_A_FILE;
    throw error;
  }
  try {
    if (!(await handle.stat()).isFile()) return NOT_A_FILE;
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
