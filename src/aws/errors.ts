// Turns whatever the AWS SDK v3 (or node's HTTP stack under it) throws into a SourceError whose
// kind tells the poller what to do next and whose message tells the user what to fix. The SDK's
// own message is never shown raw: it can echo signed URLs, and AccessDenied messages name the
// caller's ARN, which we do not need to repeat.
import { SourceError } from '../core/ports';
import type { SourceErrorKind } from '../core/ports';

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  // CloudWatch Logs answers StartQuery with this when the account's concurrent Insights queries
  // (30) are running, so it is a wait-and-retry, not a quota the user must raise.
  'LimitExceededException',
]);

const UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'InternalServiceError',
  'InternalServiceFault',
  'ServiceException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'InvalidAccessKeyId',
  'CredentialsProviderError',
  'TokenProviderError',
]);

// AWS refuses a request signed more than 5 minutes away from its own clock. The SDK corrects its
// clock offset from the answer's Date header, so the next attempt on the same client is signed
// right: a wait-and-retry, not credentials to renew (renewing them would throw that client away).
const CLOCK_SKEW = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture']);
const CLOCK_SKEW_MESSAGE = /Signature expired|Signature not yet current|is now earlier than|is still later than|request time and the current time is too large|Request has expired/i;
/** `Signature expired: <signed> is now earlier than <limit> (<AWS now> - 5 min.)`, and the "not yet current" twin. */
const SKEW_TIMES = /(\d{8}T\d{6}Z) is (?:now earlier|still later) than \d{8}T\d{6}Z \((\d{8}T\d{6}Z) [+-]/;

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);

const NOT_FOUND = new Set(['ResourceNotFoundException', 'ResourceNotFound', 'NoSuchEntity']);

// Node socket and DNS failures: the request may never have reached AWS.
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The IAM service prefix of the operations Lambdascope calls, for "grant X" messages. */
const SERVICE_OF_OPERATION: Readonly<Record<string, string>> = {
  ListFunctions: 'lambda',
  ListTags: 'lambda',
  GetFunction: 'lambda',
  GetFunctionConfiguration: 'lambda',
  GetFunctionConcurrency: 'lambda',
  GetAccountSettings: 'lambda',
  ListAliases: 'lambda',
  ListVersionsByFunction: 'lambda',
  ListEventSourceMappings: 'lambda',
  ListProvisionedConcurrencyConfigs: 'lambda',
  GetFunctionEventInvokeConfig: 'lambda',
  GetPolicy: 'lambda',
  FilterLogEvents: 'logs',
  GetLogEvents: 'logs',
  DescribeLogGroups: 'logs',
  DescribeLogStreams: 'logs',
  StartQuery: 'logs',
  GetQueryResults: 'logs',
  StopQuery: 'logs',
  StartLiveTail: 'logs',
  GetMetricData: 'cloudwatch',
  GetMetricStatistics: 'cloudwatch',
  ListMetrics: 'cloudwatch',
  GetCallerIdentity: 'sts',
};

/** `logs:FilterLogEvents` for `FilterLogEvents`; an operation given as `service:Op` is kept. */
export function permissionFor(operation: string): string | undefined {
  if (operation.includes(':')) return operation;
  const service = SERVICE_OF_OPERATION[operation];
  return service ? `${service}:${operation}` : undefined;
}

/** The fields of an SDK v3 service exception, or of a node network error, that we read. */
interface ErrorFacts {
  readonly name: string;
  readonly code?: string;
  readonly message: string;
  readonly httpStatus?: number;
  readonly fault?: string;
  readonly throttlingHint: boolean;
  /** The SDK found its clock off by 4 minutes or more and corrected it for the next attempt. */
  readonly skewCorrected: boolean;
  /** How far the request's signing time was from AWS's (ms; negative: behind), when AWS said. */
  readonly skewMs?: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function factsOf(error: unknown): ErrorFacts {
  if (!isObject(error)) return { name: 'Error', message: typeof error === 'string' ? error : '', throttlingHint: false, skewCorrected: false };
  const metadata = isObject(error.$metadata) ? error.$metadata : undefined;
  const status = metadata?.httpStatusCode;
  const retryable = isObject(error.$retryable) ? error.$retryable : undefined;
  // Query-compatible services (CloudWatch) also carry the awsQuery code in `Code`.
  const code = stringField(error, 'code') ?? stringField(error, 'Code');
  const cause = isObject(error.cause) ? error.cause : undefined;
  const message = stringField(error, 'message') ?? stringField(error, 'Message') ?? '';
  const skewMs = skewOf(message, stringField(error, 'RequestTime'), stringField(error, 'ServerTime'));
  return {
    name: stringField(error, 'name') ?? 'Error',
    code: code ?? (cause ? stringField(cause, 'code') : undefined),
    message,
    httpStatus: typeof status === 'number' ? status : undefined,
    fault: stringField(error, '$fault'),
    throttlingHint: retryable?.throttling === true,
    skewCorrected: metadata?.clockSkewCorrected === true,
    ...(skewMs !== undefined ? { skewMs } : {}),
  };
}

/** `20261126T091500Z` (SigV4's basic format) or an ISO date, as epoch ms. */
function parseAmzTime(text: string): number {
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return basic ? Date.UTC(Number(basic[1]), Number(basic[2]) - 1, Number(basic[3]), Number(basic[4]), Number(basic[5]), Number(basic[6])) : Date.parse(text);
}

/** The signing time less AWS's time, from the message (SigV4 services) or S3's RequestTime/ServerTime. */
function skewOf(message: string, requestTime: string | undefined, serverTime: string | undefined): number | undefined {
  const times = SKEW_TIMES.exec(message);
  const [signed, aws] = times ? [times[1] ?? '', times[2] ?? ''] : [requestTime ?? '', serverTime ?? ''];
  const skew = parseAmzTime(signed) - parseAmzTime(aws);
  return Number.isFinite(skew) ? skew : undefined;
}

/** The error's name or code is one of `set`. */
function hasId(facts: ErrorFacts, set: ReadonlySet<string>): boolean {
  return [facts.name, facts.code].some((id) => id !== undefined && set.has(id));
}

/** A request refused because the computer's clock is off (not because of the credentials). */
function isClockSkew(facts: ErrorFacts): boolean {
  if (hasId(facts, CLOCK_SKEW) || CLOCK_SKEW_MESSAGE.test(facts.message)) return true;
  // The SDK saw the skew in the refusal's Date header: an auth refusal is then the clock's doing —
  // unless it says what it is (the SDK corrects offsets of a few minutes, still signable: a real
  // AccessDenied or missing resource must not be retried as a clock problem).
  if (!facts.skewCorrected || !(facts.httpStatus === 400 || facts.httpStatus === 401 || facts.httpStatus === 403)) return false;
  return !hasId(facts, ACCESS_DENIED) && !NOT_AUTHORIZED.test(facts.message) && !hasId(facts, NOT_FOUND);
}

const NOT_AUTHORIZED = /not authorized to perform:?\s*([A-Za-z0-9-]+:[A-Za-z0-9*]+)(?:\s+on resource:?\s*(\S+))?/i;

// The credential providers' and config loader's words for a profile or region set up wrongly
// (as opposed to valid settings whose session merely expired).
const MISCONFIGURED = /Region is missing|Profile \S+ was not found|Could not resolve credentials using profile|Detected a cycle attempting to resolve credentials|Unsupported credential source|is not configured with SSO credentials|configured with invalid SSO credentials/i;

function kindOf(facts: ErrorFacts): SourceErrorKind {
  const { name, code, message, httpStatus } = facts;
  const is = (set: ReadonlySet<string>): boolean => hasId(facts, set);
  if (name === 'AbortError' || code === 'ABORT_ERR') return 'aborted';
  if (is(THROTTLING) || httpStatus === 429 || facts.throttlingHint) return 'throttled';
  if (httpStatus === undefined && MISCONFIGURED.test(message)) return 'configuration';
  if (isClockSkew(facts)) return 'unavailable';
  if (is(CREDENTIALS) || /security token included in the request is (expired|invalid)/i.test(message)) return 'credentials';
  if (is(ACCESS_DENIED) || NOT_AUTHORIZED.test(message)) return 'accessDenied';
  if (is(NOT_FOUND)) return 'notFound';
  if (is(UNAVAILABLE) || is(NETWORK_CODES) || /socket hang up/i.test(message)) return 'unavailable';
  if ((httpStatus !== undefined && httpStatus >= 500) || facts.fault === 'server') return 'unavailable';
  return 'unknown';
}

// Secrets an SDK or proxy message can echo: presigned query parameters, Authorization headers,
// key ids and secret/session values. Replaced, not dropped, so the message stays readable.
const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // A URL's query string is where presigned credentials live; none of it is worth showing.
  [/(https?:\/\/[^\s?"']+)\?[^\s"']*/gi, '$1?[redacted]'],
  [/(X-Amz-(?:Security-Token|Signature|Credential)|AWSAccessKeyId|Signature)=[^&\s"']+/gi, '$1=[redacted]'],
  [/(authorization|x-amz-security-token)(["']?\s*[:=]\s*["']?)[^\r\n"']+/gi, '$1$2[redacted]'],
  [/AWS4-HMAC-SHA256\s+[^\r\n"']+/g, 'AWS4-HMAC-SHA256 [redacted]'],
  [/((?:aws_)?(?:secret_?access_?key|session_?token|secret)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1[redacted]'],
  [/\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '[redacted-key-id]'],
  // Session tokens and signatures are long base64/hex runs; nothing we name is that long.
  [/[A-Za-z0-9+/]{80,}={0,2}/g, '[redacted]'],
];

/** `text` with anything that looks like a credential, signature or signed query replaced. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DETAIL = 200;

function shortDetail(message: string): string {
  const scrubbed = scrubSecrets(message).replace(/\s+/g, ' ').trim();
  return scrubbed.length > MAX_DETAIL ? `${scrubbed.slice(0, MAX_DETAIL - 1)}…` : scrubbed;
}

/** The service's error code (the exception name), or node's code for a bare network error. */
function displayCode(facts: ErrorFacts): string {
  return facts.name !== 'Error' ? facts.name : (facts.code ?? facts.name);
}

function messageFor(kind: SourceErrorKind, facts: ErrorFacts, operation: string, resource: string | undefined, permission: string | undefined): string {
  const code = displayCode(facts);
  const on = resource ? ` on ${resource}` : '';
  switch (kind) {
    case 'aborted':
      return `${operation} was cancelled.`;
    case 'throttled':
      return `AWS throttled ${operation}${on} (${code}).`;
    case 'unavailable':
      if (isClockSkew(facts)) return clockSkewMessage(operation, facts);
      return `${operation}${on} failed: AWS or the network is unavailable (${facts.httpStatus && facts.httpStatus >= 500 ? `HTTP ${facts.httpStatus}` : code}).`;
    case 'credentials':
      return `The profile's credentials are expired or invalid (${code}). Refresh them (e.g. \`aws sso login\`) and retry.`;
    case 'accessDenied':
      return `Access denied: the profile cannot call ${permission ?? operation}${on}. Grant it in the IAM policy.`;
    case 'notFound':
      return `Not found: ${resource ?? 'the resource'} (${operation}${facts.message ? `: ${shortDetail(facts.message)}` : ''}).`;
    case 'configuration':
      return `${operation} cannot run: the profile or region is not set up (${shortDetail(facts.message) || code}).`;
    default:
      return `${operation}${on} failed (${code})${facts.message ? `: ${shortDetail(facts.message)}` : '.'}`;
  }
}

function clockSkewMessage(operation: string, facts: ErrorFacts): string {
  const skew = facts.skewMs;
  const by = skew === undefined || Math.abs(skew) < 60_000 ? 'more than 5 minutes' : `about ${Math.round(Math.abs(skew) / 60_000)} minutes (${skew < 0 ? 'behind' : 'ahead of'} AWS's clock)`;
  return `AWS refused ${operation}: the computer's clock is off by ${by}; syncing the clock fixes it (${displayCode(facts)}).`;
}

/**
 * Classifies an error thrown by an SDK call. `operation` is the API name (`FilterLogEvents`, or
 * `logs:FilterLogEvents`); `resource` what it was called on, for the message.
 */
export function classifyAwsError(error: unknown, operation: string, resource?: string): SourceError {
  if (error instanceof SourceError) return error;
  const facts = factsOf(error);
  const kind = kindOf(facts);
  const opName = operation.includes(':') ? operation.slice(operation.indexOf(':') + 1) : operation;
  const parsed = kind === 'accessDenied' ? NOT_AUTHORIZED.exec(facts.message) : null;
  const permission = parsed?.[1] ?? permissionFor(operation);
  // The resource the caller named reads better than the ARN AWS echoes; fall back to that ARN.
  const parsedResource = parsed?.[2] && parsed[2] !== '*' ? parsed[2].replace(/[.,;]$/, '') : undefined;
  const shownResource = resource ?? (parsedResource ? scrubSecrets(parsedResource) : undefined);
  return new SourceError(kind, messageFor(kind, facts, opName, shownResource, permission), {
    operation: opName,
    ...(kind === 'accessDenied' && permission ? { permission } : {}),
    code: displayCode(facts),
    ...(facts.httpStatus !== undefined ? { httpStatus: facts.httpStatus } : {}),
  });
}
