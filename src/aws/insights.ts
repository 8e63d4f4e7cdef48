// InsightsSource over CloudWatch Logs Insights: StartQuery, then GetQueryResults until it ends.
import type { CloudWatchLogsClient, ResultField } from '@aws-sdk/client-cloudwatch-logs';
import type { InsightsSource, QueryResults, QueryStatus } from '../core/ports';
import { loadLogsSdk } from './clients';
import type { ClientProvider } from './clients';
import { classifyAwsError } from './errors';

/** StartQuery's `logGroupNames` takes at most 50 groups (20 in older docs). */
export const MAX_LOG_GROUPS_PER_QUERY = 50;
/** Insights returns at most 10,000 rows; ask for all of them (the default is lower). */
const RESULT_LIMIT = 10_000;

const STATUSES: ReadonlySet<string> = new Set<QueryStatus>(['Scheduled', 'Running', 'Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown']);

export function toQueryStatus(status: string | undefined): QueryStatus {
  return status !== undefined && STATUSES.has(status) ? (status as QueryStatus) : 'Unknown';
}

/** `[{field, value}]` rows as records; `@ptr` (a handle for GetLogRecord) is dropped. */
export function toRows(results: readonly ResultField[][] | undefined): Array<Record<string, string>> {
  return (results ?? []).map((fields) => {
    const row: Record<string, string> = {};
    for (const { field, value } of fields) {
      if (field && field !== '@ptr' && value !== undefined) row[field] = value;
    }
    return row;
  });
}

export class AwsInsightsSource implements InsightsSource {
  constructor(private readonly client: ClientProvider<CloudWatchLogsClient>) {}

  /**
   * `start`/`end` are epoch ms; StartQuery takes whole seconds and its end is inclusive, so the
   * range is widened to [floor(start), ceil(end)] seconds: rows in bins at or after `end` may
   * appear and are for the caller to drop.
   */
  async startQuery(logGroups: readonly string[], start: number, end: number, query: string, signal?: AbortSignal): Promise<string> {
    if (logGroups.length === 0 || logGroups.length > MAX_LOG_GROUPS_PER_QUERY) {
      throw new RangeError(`A Logs Insights query takes 1 to ${MAX_LOG_GROUPS_PER_QUERY} log groups; got ${logGroups.length} (split them with chunkLogGroups).`);
    }
    try {
      const [client, { StartQueryCommand }] = await Promise.all([this.client(), loadLogsSdk()]);
      const response = await client.send(
        new StartQueryCommand({
          logGroupNames: [...logGroups],
          startTime: Math.floor(start / 1000),
          endTime: Math.ceil(end / 1000),
          queryString: query,
          limit: RESULT_LIMIT,
        }),
        { abortSignal: signal },
      );
      if (!response.queryId) throw new Error('StartQuery returned no queryId.');
      return response.queryId;
    } catch (error) {
      throw classifyAwsError(error, 'StartQuery', logGroups.length === 1 ? logGroups[0] : `${logGroups.length} log groups`);
    }
  }

  async stopQuery(queryId: string): Promise<void> {
    try {
      const [client, { StopQueryCommand }] = await Promise.all([this.client(), loadLogsSdk()]);
      await client.send(new StopQueryCommand({ queryId }));
    } catch (error) {
      throw classifyAwsError(error, 'StopQuery', queryId);
    }
  }

  async queryResults(queryId: string, signal?: AbortSignal): Promise<QueryResults> {
    try {
      const [client, { GetQueryResultsCommand }] = await Promise.all([this.client(), loadLogsSdk()]);
      const response = await client.send(new GetQueryResultsCommand({ queryId }), { abortSignal: signal });
      const bytesScanned = response.statistics?.bytesScanned;
      return {
        status: toQueryStatus(response.status),
        rows: toRows(response.results),
        ...(bytesScanned !== undefined ? { bytesScanned } : {}),
      };
    } catch (error) {
      throw classifyAwsError(error, 'GetQueryResults', queryId);
    }
  }
}
