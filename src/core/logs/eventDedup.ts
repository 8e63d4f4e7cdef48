import { hash53 } from '../hash';

export type DedupVerdict = 'new' | 'duplicate' | 'late';

/**
 * Exactly-once per log stream. Polls overlap (CloudWatch ingests events 5–20 s late) and pages can
 * be read twice, so every event is checked against the keys seen within `horizonMs` of the stream's
 * newest event. Lambda writes a stream in time order, so an event older than that horizon is a
 * re-read of something already processed, and is reported as `late` rather than counted twice.
 */
export class EventDedup {
  private readonly keys = new Map<string | number, number>();
  private watermark = Number.NEGATIVE_INFINITY;
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly horizonMs: number) {}

  check(time: number, message: string, eventId: string | undefined): DedupVerdict {
    if (time < this.watermark - this.horizonMs) return 'late';
    // Without an eventId, the same text at the same millisecond is taken to be the same event.
    const key: string | number = eventId ?? `${time}:${message.length}:${hash53(message)}`;
    if (this.keys.has(key)) return 'duplicate';
    this.keys.set(key, time);
    if (time > this.watermark) {
      this.watermark = time;
      if (time - this.prunedAt > this.horizonMs / 2) this.prune();
    }
    return 'new';
  }

  get size(): number {
    return this.keys.size;
  }

  private prune(): void {
    this.prunedAt = this.watermark;
    const cutoff = this.watermark - this.horizonMs;
    for (const [key, time] of this.keys) {
      if (time < cutoff) this.keys.delete(key);
    }
  }
}
