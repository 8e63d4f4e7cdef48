import type * as vscode from 'vscode';

const KEY = 'lambdascope.pinnedFunctions';

/** Pinned functions (their logs are always polled), remembered across sessions. */
export class PinStore {
  constructor(private readonly memento: vscode.Memento) {}

  private all(): string[] {
    const value = this.memento.get<unknown>(KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  has(profile: string, region: string, name: string): boolean {
    return this.all().includes(key(profile, region, name));
  }

  /** The pinned function names of one profile and region. */
  names(profile: string, region: string): string[] {
    const prefix = key(profile, region, '');
    return this.all().filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }

  async set(profile: string, region: string, name: string, pinned: boolean): Promise<void> {
    const k = key(profile, region, name);
    const rest = this.all().filter((v) => v !== k);
    await this.memento.update(KEY, pinned ? [...rest, k] : rest);
  }
}

function key(profile: string, region: string, name: string): string {
  return `${profile}|${region}|${name}`;
}
