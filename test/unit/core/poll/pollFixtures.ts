// Shared fixtures of the poller's tests: a function's configuration and CloudWatch-like metrics.
import type { VirtualClock } from '../../../../src/core/clock';
import type { FunctionConfig, MetricQuery, MetricWindow } from '../../../../src/core/ports';

const MINUTE = 60_000;

export function functionConfig(name: string): FunctionConfig {
  return { name, arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, memoryMb: 256, timeoutSeconds: 30, architecture: 'arm64', version: '$LATEST', logGroup: `/aws/lambda/${name}`, logFormat: 'Text' };
}

/** Per-minute values, published once the minute is over, absent when zero (as CloudWatch does). */
export function minuteMetrics(clock: VirtualClock, valueOf: (query: MetricQuery, minute: number) => number) {
  return async (queries: readonly MetricQuery[], window: MetricWindow) =>
    queries.map((query) => {
      const points: Array<{ time: number; value: number }> = [];
      for (let minute = Math.ceil(window.start / MINUTE) * MINUTE; minute < window.end && minute + MINUTE <= clock.now(); minute += MINUTE) {
        const value = valueOf(query, minute);
        if (value > 0) points.push({ time: minute, value });
      }
      return { query, points };
    });
}
