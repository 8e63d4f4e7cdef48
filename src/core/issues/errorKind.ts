import type { ErrorInfo, InvocationStatus } from '../logs/parsedLine';

/** Where to look: the team's code, the platform limits, the setup, or a downstream service. */
export type IssueKind = 'error' | 'timeout' | 'outOfMemory' | 'init' | 'crash' | 'misconfiguration' | 'dependency';

const MISCONFIG_TYPES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AccessDeniedError',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'AuthorizationError',
  'ResourceNotFoundException',
  'NoSuchBucket',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'ParameterNotFound',
  'SecretNotFoundException',
  'Runtime.HandlerNotFound',
  'Runtime.MalformedHandlerName',
  'Runtime.InvalidEntrypoint',
  'Runtime.InvalidWorkingDirectory',
  'Runtime.ConfigInvalid',
  'KMSAccessDeniedException',
  'KMSDisabledException',
  'KMSNotFoundException',
]);
const MISCONFIG_TEXT = [
  /is not authorized to perform/i,
  /\bAccess ?Denied\b/i,
  /\bnot authorized\b/i,
  /Requested resource not found/i,
  /The specified (?:bucket|queue|table|key) does not exist/i,
  /\b(?:environment variable|env var)\b.{0,120}?\b(?:missing|not set|not defined|undefined|required)\b/i,
  /\bmissing (?:required )?environment variable/i,
  /\bBad handler\b/,
  /is undefined or not exported/,
];

const DEPENDENCY_TYPES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'SlowDown',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalFailure',
  'InternalServerException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ConnectTimeoutError',
  'ReadTimeoutError',
  'ReadTimeout',
  'ConnectTimeout',
  'ConnectionError',
  'ConnectionResetError',
  'ConnectionRefusedError',
  'EndpointConnectionError',
  'FetchError',
  'RequestError',
  'SocketTimeoutException',
  'java.net.SocketTimeoutException',
  'java.net.ConnectException',
  'java.net.UnknownHostException',
]);
const DEPENDENCY_TEXT = [
  /\b(?:ECONNRESET|ETIMEDOUT|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|ECONNABORTED)\b/,
  /socket hang up/i,
  /Rate exceeded/i,
  // Also inside a code: `ThrottlingException`, `RequestThrottled`.
  /throttl(?:ed|ing)/i,
  /Could not connect to the endpoint URL/i,
  /Connection (?:reset|refused|timed out)/i,
  /\b(?:status(?: code)?|HTTP|response code)[ :=]*(?:5\d\d|429)\b/i,
  /\b5\d\d (?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)\b/i,
  /\b(?:Bad Gateway|Service Unavailable|Gateway Time-?out)\b/,
  /timeout of \d+ms exceeded/i,
  /\bfetch failed\b/,
  /\bUND_ERR_[A-Z_]+\b/,
  /Read timed out/i,
];

function matchesAny(patterns: readonly RegExp[], text: string): boolean {
  for (const p of patterns) if (p.test(text)) return true;
  return false;
}

// boto3's ClientError: `An error occurred (ThrottlingException) when calling the PutEvents operation: …`.
const BOTO_ERROR = /An error occurred \((\w{1,100})\) when calling the (\w{1,100}) operation/;
// The AWS SDK for Java: v2 `(Service: DynamoDb, Status Code: 400, Request ID: …)`, v1
// `(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ThrottlingException; Request ID: …)`.
const JAVA_SDK_ERROR = /\(Service: ([A-Za-z][\w-]{0,60})[,;] Status Code: \d{3}(?:[,;] Error Code: (\w{1,100}))?/;
// A wrapper whose message starts with the exception it wraps (`java.lang.RuntimeException: software.amazon….XException: …`).
const WRAPPED_TYPE = /^(?:[A-Za-z_$][\w$]{0,99}\.){1,30}([A-Za-z_$][\w$]{0,99}(?:Exception|Error))(?::|$)/;

/** The last dotted segment of a type: `botocore.errorfactory.ThrottlingException` → `ThrottlingException`. */
function shortType(type: string): string {
  const dot = type.lastIndexOf('.');
  return dot < 0 ? type : type.slice(dot + 1);
}

/** The names an error goes by: its type in full and short, and the code of an SDK error it wraps. */
function errorCodes(error: ErrorInfo): string[] {
  const codes = [error.type, shortType(error.type)];
  const boto = BOTO_ERROR.exec(error.message)?.[1];
  if (boto) codes.push(boto);
  const javaSdk = JAVA_SDK_ERROR.exec(error.message)?.[2];
  if (javaSdk) codes.push(javaSdk);
  const wrapped = WRAPPED_TYPE.exec(error.message)?.[1];
  if (wrapped) codes.push(wrapped);
  return codes;
}

function hasAny(set: ReadonlySet<string>, codes: readonly string[]): boolean {
  for (const code of codes) if (set.has(code)) return true;
  return false;
}

/** An ImportModuleError for the handler's own module is a handler setting pointing nowhere. */
function isMissingHandlerModule(error: ErrorInfo): boolean {
  if (error.type !== 'Runtime.ImportModuleError') return false;
  const py = /Unable to import module '([^']+)': No module named '([^']+)'/.exec(error.message);
  if (py) return py[1] === py[2];
  // Node: the handler module itself is missing when the runtime is the first to require it.
  return /Cannot find module '[^'\n]{1,300}'[\s\S]{0,400}?Require stack:\s*-\s*(?:file:\/\/)?\/var\/runtime\//.test(error.message);
}

/** Python's os.environ['X'] on a variable that is not set. */
function isMissingEnvironment(error: ErrorInfo): boolean {
  if (error.type !== 'KeyError') return false;
  return error.frames.some((f) => f.function === '__getitem__' && (f.file === '<frozen os>' || (f.file ?? '').endsWith('/os.py')));
}

export function isMisconfiguration(error: ErrorInfo): boolean {
  return (
    hasAny(MISCONFIG_TYPES, errorCodes(error)) ||
    /AccessDenied/.test(error.type) ||
    matchesAny(MISCONFIG_TEXT, error.message) ||
    isMissingHandlerModule(error) ||
    isMissingEnvironment(error)
  );
}

export function isDependencyFailure(error: ErrorInfo): boolean {
  return hasAny(DEPENDENCY_TYPES, errorCodes(error)) || matchesAny(DEPENDENCY_TEXT, error.message) || matchesAny(DEPENDENCY_TEXT, error.type);
}

/** The kind of issue an invocation's outcome (or a logged error) belongs to. */
export function issueKindOf(status: InvocationStatus | 'handled', error: ErrorInfo): IssueKind {
  if (status === 'timeout') return 'timeout';
  if (status === 'outOfMemory') return 'outOfMemory';
  if (isMisconfiguration(error)) return 'misconfiguration';
  if (isDependencyFailure(error)) return 'dependency';
  if (status === 'initError') return 'init';
  if (status === 'crash') return 'crash';
  return 'error';
}

const AWS_PERMISSION = /perform: ([a-z0-9-]+:[A-Za-z0-9*]+)/;
const BOTO_OPERATION = /when calling the (\w+) operation/;
/** The service label of the first `<service>[.<region>…].amazonaws.com` host in the text. */
function awsServiceHost(text: string): string | undefined {
  const at = text.indexOf('.amazonaws.com');
  if (at < 0) return undefined;
  let start = at;
  while (start > 0 && start > at - 253) {
    const c = text.charCodeAt(start - 1);
    const hostChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46;
    if (!hostChar) break;
    start--;
  }
  const host = text.slice(start, at);
  const first = host.split('.')[0];
  return first && first.length > 0 ? first : undefined;
}
const SOCKET_HOST = /\b(?:getaddrinfo|connect|read|write)\s+[A-Z_]+\s+([\w.-]+?)(?::(\d+))?(?=[\s,;)]|$)/;
const URL_HOST = /\bhttps?:\/\/([^/\s:'"`<>]+)(?::\d+)?/;
// A Map: a type spelled `constructor` or `toString` must not find anything.
const SERVICE_OF_TYPE: ReadonlyMap<string, string> = new Map([
  ['ProvisionedThroughputExceededException', 'dynamodb'],
  ['ConditionalCheckFailedException', 'dynamodb'],
  ['TransactionConflictException', 'dynamodb'],
  ['SlowDown', 's3'],
  ['NoSuchBucket', 's3'],
  ['QueueDoesNotExist', 'sqs'],
  ['ParameterNotFound', 'ssm'],
  ['SecretNotFoundException', 'secretsmanager'],
]);

function serviceOfCodes(codes: readonly string[]): string | undefined {
  for (const code of codes) {
    const service = SERVICE_OF_TYPE.get(code);
    if (service) return service;
  }
  return undefined;
}

/** The Java SDK's service id as the AWS endpoints name it: `DynamoDb`, `AmazonDynamoDBv2` → `dynamodb`. */
function javaSdkService(message: string): string | undefined {
  const name = JAVA_SDK_ERROR.exec(message)?.[1]?.toLowerCase();
  if (!name) return undefined;
  const bare = name.replace(/^(?:amazon|aws)/, '').replace(/v\d+$/, '');
  return bare.length > 0 ? bare : name;
}

/**
 * Name the downstream service or host an error is about, where the text allows:
 * `dynamodb:PutItem`, `api.stripe.com`, `10.0.0.5:5432`, `PutItem`.
 */
export function dependencyOf(error: ErrorInfo): string | undefined {
  const text = `${error.type} ${error.message}`;
  const permission = AWS_PERMISSION.exec(text);
  if (permission?.[1]) return permission[1];
  const operation = BOTO_OPERATION.exec(text)?.[1];
  const service = serviceOfCodes(errorCodes(error)) ?? javaSdkService(error.message) ?? awsServiceHost(text);
  if (service && operation) return `${service}:${operation}`;
  if (operation) return operation;
  if (service) return service;
  const socket = SOCKET_HOST.exec(text);
  if (socket?.[1]) return socket[2] ? `${socket[1]}:${socket[2]}` : socket[1];
  const url = URL_HOST.exec(text);
  if (url?.[1]) return url[1];
  return undefined;
}
