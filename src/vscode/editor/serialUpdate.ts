/**
 * A recomputation that is asked for often (every poll, every file change) and may take a while:
 * requests within `delayMs` are coalesced, one run at a time, and a request during a run runs it
 * once more after. Nothing runs after dispose().
 */
export class SerialUpdate {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;
  private disposed = false;

  constructor(private readonly run: () => Promise<void>) {}

  get isDisposed(): boolean {
    return this.disposed;
  }

  schedule(delayMs = 500): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.now();
    }, delayMs);
  }

  /** Run now (or once more after the run in progress). The run's own errors are its to handle. */
  async now(): Promise<void> {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      await this.run();
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
