// MetricSource over CloudWatch GetMetricData: every query of a call in one request, all pages.
import type { CloudWatchClient, MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { MAX_QUERIES_PER_METRIC_CALL } from '../core/ports';
import type { MetricQuery, MetricSeries, MetricSource, MetricWindow, PagePacer } from '../core/ports';
import { loadCloudWatchSdk } from './clients';
import type { ClientProvider } from './clients';
import { classifyAwsError } from './errors';

type Point = { readonly time: number; readonly value: number };

/**
 * A GetMetricData id (`^[a-z][a-zA-Z0-9_]*$`, unique in the call). The query's position is the
 * id, so that a function name (which may hold `-`) never has to be encoded into one.
 */
export function queryId(index: number): string {
  return `q${index}`;
}

/** The GetMetricData queries for the port's queries. Only Sum and Maximum: never a percentile. */
export function toMetricDataQueries(queries: readonly MetricQuery[], periodSeconds: number): MetricDataQuery[] {
  return queries.map((query, index) => ({
    Id: queryId(index),
    MetricStat: {
      Metric: { Namespace: 'AWS/Lambda', MetricName: query.metric, Dimensions: [{ Name: 'FunctionName', Value: query.functionName }] },
      Period: periodSeconds,
      Stat: query.stat,
    },
    ReturnData: true,
  }));
}

/** Adds one page's results to `points` (by query id, then period start; a repeat replaces). */
export function collectResults(results: readonly MetricDataResult[] | undefined, points: Map<string, Map<number, number>>): void {
  for (const result of results ?? []) {
    if (!result.Id) continue;
    let series = points.get(result.Id);
    if (!series) {
      series = new Map();
      points.set(result.Id, series);
    }
    const times = result.Timestamps ?? [];
    const values = result.Values ?? [];
    for (let i = 0; i < Math.min(times.length, values.length); i++) {
      const time = times[i]?.getTime();
      const value = values[i];
      if (time !== undefined && Number.isFinite(time) && value !== undefined && Number.isFinite(value)) series.set(time, value);
    }
  }
}

export class AwsMetricSource implements MetricSource {
  constructor(private readonly client: ClientProvider<CloudWatchClient>) {}

  async getMetrics(queries: readonly MetricQuery[], window: MetricWindow, signal?: AbortSignal, beforeNextPage?: PagePacer): Promise<MetricSeries[]> {
    if (queries.length > MAX_QUERIES_PER_METRIC_CALL) {
      throw new RangeError(`GetMetricData takes at most ${MAX_QUERIES_PER_METRIC_CALL} queries a call; got ${queries.length}.`);
    }
    if (queries.length === 0) return [];
    const points = new Map<string, Map<number, number>>();
    try {
      const [client, { GetMetricDataCommand }] = await Promise.all([this.client(), loadCloudWatchSdk()]);
      const metricDataQueries = toMetricDataQueries(queries, window.periodSeconds);
      const seenTokens = new Set<string>();
      let nextToken: string | undefined;
      do {
        if (nextToken !== undefined) await beforeNextPage?.();
        const page = await client.send(
          new GetMetricDataCommand({
            MetricDataQueries: metricDataQueries,
            StartTime: new Date(window.start),
            EndTime: new Date(window.end),
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
          { abortSignal: signal },
        );
        collectResults(page.MetricDataResults, points);
        nextToken = page.NextToken || undefined;
        // A token seen before would page forever: stop with what we have.
        if (nextToken !== undefined && seenTokens.has(nextToken)) break;
        if (nextToken !== undefined) seenTokens.add(nextToken);
      } while (nextToken !== undefined);
    } catch (error) {
      throw classifyAwsError(error, 'GetMetricData');
    }
    // One series per query, in the queries' order; a query without datapoints gets none.
    return queries.map((query, index) => {
      const series = points.get(queryId(index));
      const list: Point[] = series ? [...series].map(([time, value]) => ({ time, value })) : [];
      return { query, points: list };
    });
  }
}
