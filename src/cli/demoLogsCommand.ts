import type { Writable } from 'node:stream';
import { TrafficGenerator, type TrafficOptions } from '../demo/trafficGenerator';

/** Write the demo account's simulated CloudWatch events as JSON Lines. Resolves when flushed. */
export async function writeDemoLogs(out: Writable, options: TrafficOptions): Promise<number> {
  let count = 0;
  let buffer: string[] = [];
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('');
    buffer = [];
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  for (const event of new TrafficGenerator(options)) {
    buffer.push(`${JSON.stringify(event)}\n`);
    count++;
    if (buffer.length >= 2000) await flush();
  }
  await flush();
  return count;
}
