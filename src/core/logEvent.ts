/** One CloudWatch Logs event, as FilterLogEvents / GetLogEvents / subscriptions deliver it. */
export interface LogEvent {
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Milliseconds since the epoch, as CloudWatch stamps the event. */
  readonly timestamp: number;
  readonly message: string;
  /** CloudWatch's id for the event; the de-duplication key when present. */
  readonly eventId?: string;
  readonly ingestionTime?: number;
}

const LAMBDA_GROUP_PREFIX = '/aws/lambda/';
// Streams in a log group shared by several functions are named
// `YYYY/MM/DD/<function>[<version>]<instance>` (UNVERIFIED: seen in AWS docs on custom log groups).
const SHARED_GROUP_STREAM = /^\d{4}\/\d{2}\/\d{2}\/([^[\]/]+)\[/;

/** Whether `group` is the default group of function `name` (`/aws/lambda/<name>`): functionNameOf(group) is `name`. */
export function isDefaultGroupOf(group: string, name: string): boolean {
  return name.length > 0 && group.length === LAMBDA_GROUP_PREFIX.length + name.length && group.endsWith(name) && group.startsWith(LAMBDA_GROUP_PREFIX);
}

/**
 * The function an event belongs to. The default group is `/aws/lambda/<name>`; a custom group
 * (LoggingConfig.LogGroup) may hold several functions, told apart by their stream names.
 */
export function functionNameOf(logGroupName: string, logStreamName: string): string {
  if (logGroupName.startsWith(LAMBDA_GROUP_PREFIX)) {
    const name = logGroupName.slice(LAMBDA_GROUP_PREFIX.length);
    if (name.length > 0) return name;
  }
  const shared = SHARED_GROUP_STREAM.exec(logStreamName);
  if (shared?.[1]) return shared[1];
  const lastSlash = logGroupName.lastIndexOf('/');
  const tail = logGroupName.slice(lastSlash + 1);
  return tail.length > 0 ? tail : logGroupName || 'unknown';
}
