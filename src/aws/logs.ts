// LogSource over CloudWatch Logs FilterLogEvents: one page a call, the poller keeps the cursor.
import type { CloudWatchLogsClient, FilteredLogEvent, FilterLogEventsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import type { LogEvent } from '../core/logEvent';
import type { LogPage, LogPageRequest, LogSource } from '../core/ports';
import { loadLogsSdk } from './clients';
import type { ClientProvider } from './clients';
import { classifyAwsError } from './errors';

/** FilterLogEvents' largest page (it also stops at 1 MB). */
const PAGE_LIMIT = 10_000;

/**
 * The request for the port's window. FilterLogEvents' `endTime` is INCLUSIVE ("events with a
 * timestamp later than this time are not returned", API reference; moto also keeps
 * `timestamp <= endTime`), unlike GetLogEvents' exclusive one. The port's end is exclusive, so
 * we send `end - 1`: timestamps are whole milliseconds, so the same events, without the one at
 * `end` that the next window will read.
 */
export function toFilterInput(request: LogPageRequest): FilterLogEventsCommandInput {
  return {
    logGroupName: request.logGroup,
    startTime: request.start,
    endTime: request.end - 1,
    limit: PAGE_LIMIT,
    ...(request.filterPattern ? { filterPattern: request.filterPattern } : {}),
    ...(request.streamPrefix ? { logStreamNamePrefix: request.streamPrefix } : {}),
    ...(request.nextToken ? { nextToken: request.nextToken } : {}),
  };
}

/** The events of a page; the group comes from the request (FilterLogEvents does not repeat it). */
export function toLogEvents(logGroupName: string, events: readonly FilteredLogEvent[] | undefined): LogEvent[] {
  const out: LogEvent[] = [];
  for (const event of events ?? []) {
    // An event without a time cannot be placed in a window; AWS always sends one.
    if (event.timestamp === undefined) continue;
    out.push({
      logGroupName,
      logStreamName: event.logStreamName ?? '',
      timestamp: event.timestamp,
      message: event.message ?? '',
      ...(event.eventId ? { eventId: event.eventId } : {}),
      ...(event.ingestionTime !== undefined ? { ingestionTime: event.ingestionTime } : {}),
    });
  }
  return out;
}

/** The Content-Length of a raw HTTP response, when it has one. */
export function contentLengthOf(response: unknown): number | undefined {
  if (typeof response !== 'object' || response === null || !('headers' in response)) return undefined;
  const headers = response.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-length');
  const bytes = typeof entry?.[1] === 'string' ? Number(entry[1]) : Number.NaN;
  return Number.isInteger(bytes) && bytes >= 0 ? bytes : undefined;
}

/**
 * A stand-in for the body size when the response had no Content-Length (chunked): the JSON of
 * what was returned, which is what AWS serialised, give or take whitespace and escaping.
 */
export function estimatedBytes(events: readonly FilteredLogEvent[] | undefined, nextToken: string | undefined): number {
  return new TextEncoder().encode(JSON.stringify({ events: events ?? [], nextToken, searchedLogStreams: [] })).length;
}

export class AwsLogSource implements LogSource {
  constructor(private readonly client: ClientProvider<CloudWatchLogsClient>) {}

  async filterPage(request: LogPageRequest, signal?: AbortSignal): Promise<LogPage> {
    // An empty window has no events; asking would only spend a call of the 5/s quota.
    if (request.end <= request.start) return { events: [], bytes: 0 };
    try {
      const [client, { FilterLogEventsCommand }] = await Promise.all([this.client(), loadLogsSdk()]);
      const command = new FilterLogEventsCommand(toFilterInput(request));
      let bodyBytes: number | undefined;
      // Per command, not on the shared client: reads the raw response's Content-Length.
      command.middlewareStack.add(
        (next) => async (args) => {
          const result = await next(args);
          bodyBytes = contentLengthOf(result.response);
          return result;
        },
        { step: 'deserialize', name: 'lambdascopeResponseBytes' },
      );
      const page = await client.send(command, { abortSignal: signal });
      const nextToken = page.nextToken || undefined;
      return {
        events: toLogEvents(request.logGroup, page.events),
        ...(nextToken ? { nextToken } : {}),
        bytes: bodyBytes ?? estimatedBytes(page.events, nextToken),
      };
    } catch (error) {
      throw classifyAwsError(error, 'FilterLogEvents', request.logGroup);
    }
  }
}
