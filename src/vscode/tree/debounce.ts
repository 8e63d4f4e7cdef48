/** The last of calls within `delayMs` runs, once (a tree refreshed by every poll and setting). */
export class Debounce {
  private timer: ReturnType<typeof setTimeout> | undefined;

  schedule(delayMs: number, run: () => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      run();
    }, delayMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
