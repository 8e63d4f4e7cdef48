/** A stream as StreamRecency orders it: by its latest event, in one of two lists. */
export interface RecencyLinks {
  /** The list it is in: its request in progress (true) or finished (false); undefined when in none. */
  inOpen: boolean | undefined;
  newer: RecencyLinks | undefined;
  older: RecencyLinks | undefined;
}

/** Oldest first: `oldest` is the quietest. */
class RecencyList<T extends RecencyLinks> {
  oldest: T | undefined;
  newest: T | undefined;
  size = 0;

  append(item: T): void {
    item.older = this.newest;
    item.newer = undefined;
    if (this.newest) this.newest.newer = item;
    else this.oldest = item;
    this.newest = item;
    this.size++;
  }

  remove(item: T): void {
    if (item.older) item.older.newer = item.newer;
    else this.oldest = item.newer as T | undefined;
    if (item.newer) item.newer.older = item.older;
    else this.newest = item.older as T | undefined;
    item.newer = item.older = undefined;
    this.size--;
  }
}

/**
 * A function's streams in the order of their latest event, those with a request in progress apart
 * from the finished: the quietest finished stream, or the quietest with a request in progress, is
 * at hand without a scan of every stream (a function may follow thousands; a file may bring a new
 * one on every line).
 */
export class StreamRecency<T extends RecencyLinks> {
  private readonly finished = new RecencyList<T>();
  private readonly open = new RecencyList<T>();

  /** `item` has just had an event; `open`: whether it now has a request in progress. */
  touch(item: T, open: boolean): void {
    const list = open ? this.open : this.finished;
    // Most events follow one of the same stream, already the newest of its list.
    if (item.inOpen === open && list.newest === item) return;
    this.remove(item);
    list.append(item);
    item.inOpen = open;
  }

  remove(item: T): void {
    if (item.inOpen === undefined) return;
    (item.inOpen ? this.open : this.finished).remove(item);
    item.inOpen = undefined;
  }

  /** The finished stream whose latest event is the oldest. */
  get quietestFinished(): T | undefined {
    return this.finished.oldest;
  }

  /** The stream with a request in progress whose latest event is the oldest. */
  get quietestOpen(): T | undefined {
    return this.open.oldest;
  }

  get finishedCount(): number {
    return this.finished.size;
  }
}
