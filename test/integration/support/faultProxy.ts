// A loopback HTTP proxy in front of moto that injects the failures AWS produces and moto never
// does: throttling, 5xx, connection resets, slow answers, expired credentials, and a log group the
// caller may not read. Faults are chosen per request by a seeded random (the same seed and request
// sequence give the same faults) and/or by rules on the AWS operation, and answered in each
// protocol's own error shape so that the SDK parses the error name as it would from AWS.
//
// Wire facts, checked against the SDK versions in package.json (see test/integration/harness.test.ts):
// - CloudWatch Logs: awsJson1_1, POST /, `X-Amz-Target: Logs_20140328.<Operation>`.
// - CloudWatch (3.1164): awsJson1_0 with awsQueryCompatible, POST /,
//   `X-Amz-Target: GraniteServiceVersion20100801.<Operation>` (not smithy-rpcv2-cbor, not query).
//   The SDK takes the error name from the `x-amzn-query-error: <Code>;<Sender|Receiver>` header
//   first, then from `__type`.
// - Lambda: restJson1, e.g. GET /2015-03-31/functions/; error name from `x-amzn-ErrorType`.
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Random } from '../../../src/demo/random';

/** Faults the random draw may pick. `slow` delays the answer and then forwards the request. */
export type RandomFault = 'throttle' | 'http500' | 'reset' | 'slow';
export type FaultKind = RandomFault | 'expiredToken' | 'accessDenied';
export type AwsService = 'Logs' | 'CloudWatch' | 'Lambda' | 'IAM' | 'Other';

/** A deterministic fault for requests of one operation. */
export interface FaultRule {
  /** `FilterLogEvents`, or qualified: `Logs.FilterLogEvents`. */
  readonly operation: string;
  readonly fault: FaultKind;
  /** Only the first N matching requests (default: every one). */
  readonly times?: number;
}

export interface FaultPlan {
  /** Seed of the random draw (default 1). */
  readonly seed?: number;
  /** Chance per request of a random fault (default 0). */
  readonly failureRate?: number;
  /** Faults the random draw picks from, uniformly (default all four). */
  readonly kinds?: readonly RandomFault[];
  /** Delay of a `slow` fault (default 200 ms). */
  readonly slowMs?: number;
  /** Logs requests naming one of these groups get AccessDeniedException, every time. */
  readonly accessDeniedLogGroups?: readonly string[];
  /** Every AWS request gets the expired-token error (the credentials ran out). */
  readonly expiredToken?: boolean;
  /** Random faults only for these operations (`FilterLogEvents` or `Logs.FilterLogEvents`); default all. */
  readonly operations?: readonly string[];
  /** Checked before the random draw, in order. */
  readonly rules?: readonly FaultRule[];
  /**
   * CloudWatch errors carry `x-amzn-query-error` (default true), so the SDK names them with the
   * legacy query codes (`Throttling`, `ExpiredToken`, `AccessDenied`); false leaves only `__type`
   * (`ThrottlingException`, …). Classifiers should accept both.
   */
  readonly cloudWatchQueryErrors?: boolean;
}

export interface OperationStats {
  requests: number;
  /** Injected faults of any kind, `slow` included. */
  faults: number;
  readonly byKind: Record<FaultKind, number>;
}

export interface FaultStats {
  requests: number;
  faults: number;
  readonly byKind: Record<FaultKind, number>;
  /** Keyed `Service.Operation`, e.g. `Logs.FilterLogEvents`, `CloudWatch.GetMetricData`, `Lambda.ListFunctions`. */
  readonly byOperation: Record<string, OperationStats>;
  /** Each request in arrival order (the first 10,000), with its fault if any. */
  readonly history: Array<{ readonly operation: string; readonly fault?: FaultKind }>;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT`, for the clients' `endpoint`. */
  readonly url: string;
  /** Live counters (moto's own /moto-api/ calls are passed through and not counted). */
  readonly stats: FaultStats;
  /** A new plan; the random draw and the rules' counters start again. */
  setPlan(plan: FaultPlan): void;
  resetStats(): void;
  close(): Promise<void>;
}

/** What the proxy made of a request. */
export interface AwsRequestInfo {
  readonly service: AwsService;
  readonly operation: string;
  readonly region: string;
  /** Log groups a Logs request names (by name, ARN or identifier), as names. */
  readonly logGroups: readonly string[];
}

const HISTORY_LIMIT = 10_000;
const ACCOUNT = '123456789012';
const CALLER = `arn:aws:iam::${ACCOUNT}:user/dev`;
const EXPIRED_MESSAGE = 'The security token included in the request is expired';

function emptyKinds(): Record<FaultKind, number> {
  return { throttle: 0, http500: 0, reset: 0, slow: 0, expiredToken: 0, accessDenied: 0 };
}

function newStats(): FaultStats {
  return { requests: 0, faults: 0, byKind: emptyKinds(), byOperation: {}, history: [] };
}

// Lambda is REST: the operation is the method and path template. Only the calls Lambdascope and
// the seeder make are named; others are reported as `Lambda.<METHOD> <path>`.
const LAMBDA_ROUTES: ReadonlyArray<readonly [string, RegExp, string]> = [
  ['GET', /^\/2015-03-31\/functions$/, 'ListFunctions'],
  ['POST', /^\/2015-03-31\/functions$/, 'CreateFunction'],
  ['GET', /^\/2015-03-31\/functions\/[^/]+$/, 'GetFunction'],
  ['DELETE', /^\/2015-03-31\/functions\/[^/]+$/, 'DeleteFunction'],
  ['GET', /^\/2015-03-31\/functions\/[^/]+\/configuration$/, 'GetFunctionConfiguration'],
  ['PUT', /^\/2015-03-31\/functions\/[^/]+\/configuration$/, 'UpdateFunctionConfiguration'],
  ['GET', /^\/2015-03-31\/functions\/[^/]+\/versions$/, 'ListVersionsByFunction'],
  ['GET', /^\/2015-03-31\/functions\/[^/]+\/aliases$/, 'ListAliases'],
  ['GET', /^\/2017-03-31\/tags\/.+$/, 'ListTags'],
  ['GET', /^\/2019-09-30\/functions\/[^/]+\/concurrency$/, 'GetFunctionConcurrency'],
  ['GET', /^\/2015-03-31\/event-source-mappings$/, 'ListEventSourceMappings'],
  ['GET', /^\/2019-09-25\/functions\/[^/]+\/event-invoke-config$/, 'GetFunctionEventInvokeConfig'],
  ['PUT', /^\/2019-09-25\/functions\/[^/]+\/event-invoke-config$/, 'PutFunctionEventInvokeConfig'],
  ['GET', /^\/2016-08-19\/account-settings$/, 'GetAccountSettings'],
];

function headerValue(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** `Credential=AKID/20261126/us-east-1/logs/aws4_request` → region and signing name. */
function credentialScope(req: IncomingMessage): { region: string; signingName: string } {
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(headerValue(req, 'authorization'));
  return { region: match?.[1] ?? 'us-east-1', signingName: match?.[2] ?? '' };
}

function logGroupName(identifier: string): string {
  // An ARN `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]`, or the name itself.
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(identifier);
  return arn?.[1] ?? identifier;
}

function logGroupsOf(body: Buffer): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const fields = parsed as Record<string, unknown>;
  const out: string[] = [];
  for (const key of ['logGroupName', 'logGroupIdentifier']) {
    const value = fields[key];
    if (typeof value === 'string') out.push(logGroupName(value));
  }
  for (const key of ['logGroupNames', 'logGroupIdentifiers']) {
    const value = fields[key];
    if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') out.push(logGroupName(v));
  }
  return out;
}

/** The service and operation of a request, from the wire alone. */
export function describeRequest(req: IncomingMessage, body: Buffer): AwsRequestInfo {
  const { region, signingName } = credentialScope(req);
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const target = headerValue(req, 'x-amz-target');
  if (target.startsWith('Logs_20140328.')) {
    return { service: 'Logs', operation: target.slice('Logs_20140328.'.length), region, logGroups: logGroupsOf(body) };
  }
  if (target.startsWith('GraniteServiceVersion20100801.')) {
    return { service: 'CloudWatch', operation: target.slice('GraniteServiceVersion20100801.'.length), region, logGroups: [] };
  }
  // smithy-rpcv2-cbor, should a later CloudWatch client switch to it (recognised, not answered in CBOR).
  const cbor = /^\/service\/GraniteServiceVersion20100801\/operation\/([A-Za-z]+)$/.exec(path);
  if (cbor?.[1]) return { service: 'CloudWatch', operation: cbor[1], region, logGroups: [] };
  if (headerValue(req, 'content-type').startsWith('application/x-www-form-urlencoded')) {
    const action = new URLSearchParams(body.toString('utf8')).get('Action') ?? 'Unknown';
    const service: AwsService = signingName === 'monitoring' ? 'CloudWatch' : signingName === 'iam' ? 'IAM' : 'Other';
    return { service, operation: action, region, logGroups: [] };
  }
  if (signingName === 'lambda' || /^\/20\d\d-\d\d-\d\d\//.test(path)) {
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const method = req.method ?? 'GET';
    const route = LAMBDA_ROUTES.find(([m, pattern]) => m === method && pattern.test(trimmed));
    return { service: 'Lambda', operation: route?.[2] ?? `${method} ${trimmed}`, region, logGroups: [] };
  }
  return { service: 'Other', operation: `${req.method ?? 'GET'} ${path}`, region, logGroups: [] };
}

interface ErrorAnswer {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: string;
}

/** The error as each protocol puts it on the wire. */
function errorAnswer(kind: Exclude<FaultKind, 'reset' | 'slow'>, info: AwsRequestInfo, queryErrors: boolean): ErrorAnswer {
  const requestId = randomUUID();
  const op = info.operation;
  const denied = (permission: string, resource: string): string =>
    `User: ${CALLER} is not authorized to perform: ${permission} on resource: ${resource} because no identity-based policy allows the ${permission} action`;

  if (info.service === 'Lambda') {
    const lambda = (status: number, code: string, fields: Record<string, string>): ErrorAnswer => ({
      status,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': code },
      body: JSON.stringify(fields),
    });
    switch (kind) {
      case 'throttle':
        return lambda(429, 'TooManyRequestsException', { Type: 'User', message: 'Rate exceeded', Reason: 'CallerRateLimitExceeded' });
      case 'http500':
        return lambda(500, 'ServiceException', { Type: 'Service', message: 'An internal error occurred' });
      case 'expiredToken':
        return lambda(403, 'ExpiredTokenException', { message: EXPIRED_MESSAGE });
      case 'accessDenied':
        return lambda(403, 'AccessDeniedException', { Message: denied(`lambda:${op}`, `arn:aws:lambda:${info.region}:${ACCOUNT}:function:*`) });
    }
  }

  if (info.service === 'CloudWatch') {
    const cw = (status: number, type: string, queryCode: string, sender: 'Sender' | 'Receiver', message: string): ErrorAnswer => ({
      status,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': requestId,
        ...(queryErrors ? { 'x-amzn-query-error': `${queryCode};${sender}` } : {}),
      },
      body: JSON.stringify({ __type: type, message }),
    });
    switch (kind) {
      case 'throttle':
        return cw(400, 'com.amazon.coral.availability#ThrottlingException', 'Throttling', 'Sender', 'Rate exceeded');
      case 'http500':
        return cw(500, 'com.amazonaws.cloudwatch#InternalServiceFault', 'InternalServiceError', 'Receiver', 'Internal service error');
      case 'expiredToken':
        return cw(403, 'com.amazon.coral.service#ExpiredTokenException', 'ExpiredToken', 'Sender', EXPIRED_MESSAGE);
      case 'accessDenied':
        return cw(403, 'com.amazon.coral.service#AccessDeniedException', 'AccessDenied', 'Sender', denied(`cloudwatch:${op}`, '*'));
    }
  }

  // CloudWatch Logs (awsJson1_1), and a JSON fallback for anything else.
  const json = (status: number, type: string, fields: Record<string, string>): ErrorAnswer => ({
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: type, ...fields }),
  });
  switch (kind) {
    case 'throttle':
      return json(400, 'ThrottlingException', { message: 'Rate exceeded' });
    case 'http500':
      return json(500, 'ServiceUnavailableException', { message: 'The service is unavailable. Please try again later.' });
    case 'expiredToken':
      return json(400, 'ExpiredTokenException', { message: EXPIRED_MESSAGE });
    case 'accessDenied': {
      const group = info.logGroups[0] ?? '*';
      return json(400, 'AccessDeniedException', { message: denied(`logs:${op}`, `arn:aws:logs:${info.region}:${ACCOUNT}:log-group:${group}`) });
    }
  }
}

function matchesOperation(pattern: string, info: AwsRequestInfo): boolean {
  return pattern === info.operation || pattern === `${info.service}.${info.operation}`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the proxy on a free loopback port in front of `target` (e.g. the moto server's url). */
export async function startFaultProxy(target: string, initialPlan: FaultPlan): Promise<FaultProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  let plan = initialPlan;
  let random = new Random(plan.seed ?? 1);
  let ruleUses = new Map<FaultRule, number>();
  let stats = newStats();

  function choose(info: AwsRequestInfo): FaultKind | undefined {
    if (info.service === 'Other') return undefined;
    if (plan.expiredToken) return 'expiredToken';
    const denied = plan.accessDeniedLogGroups ?? [];
    if (info.service === 'Logs' && info.logGroups.some((g) => denied.includes(g))) return 'accessDenied';
    for (const rule of plan.rules ?? []) {
      if (!matchesOperation(rule.operation, info)) continue;
      const used = ruleUses.get(rule) ?? 0;
      if (rule.times !== undefined && used >= rule.times) continue;
      ruleUses.set(rule, used + 1);
      return rule.fault;
    }
    const rate = plan.failureRate ?? 0;
    if (rate <= 0) return undefined;
    if (plan.operations && !plan.operations.some((o) => matchesOperation(o, info))) return undefined;
    // Two draws per eligible request, always, so that the sequence depends only on the seed and
    // the order of eligible requests.
    const hit = random.next() < rate;
    const kinds = plan.kinds && plan.kinds.length > 0 ? plan.kinds : (['throttle', 'http500', 'reset', 'slow'] as const);
    const kind = kinds[random.int(kinds.length)];
    return hit ? kind : undefined;
  }

  function count(info: AwsRequestInfo, fault: FaultKind | undefined): void {
    const key = `${info.service}.${info.operation}`;
    const op = (stats.byOperation[key] ??= { requests: 0, faults: 0, byKind: emptyKinds() });
    stats.requests++;
    op.requests++;
    if (fault) {
      stats.faults++;
      stats.byKind[fault]++;
      op.faults++;
      op.byKind[fault]++;
    }
    if (stats.history.length < HISTORY_LIMIT) stats.history.push(fault ? { operation: key, fault } : { operation: key });
  }

  function forward(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const outgoing = httpRequest(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        // Passed through untouched (Host included): moto does not check signatures.
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    outgoing.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`fault proxy: upstream ${target} failed: ${error.message}`);
    });
    outgoing.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if ((req.url ?? '').startsWith('/moto-api/')) {
      forward(req, body, res);
      return;
    }
    const info = describeRequest(req, body);
    const fault = choose(info);
    count(info, fault);
    switch (fault) {
      case undefined:
        forward(req, body, res);
        return;
      case 'reset':
        // Closed before any answer: the client sees ECONNRESET / "socket hang up".
        req.socket.destroy();
        return;
      case 'slow':
        await sleep(plan.slowMs ?? 200);
        if (!res.destroyed) forward(req, body, res);
        return;
      default: {
        const answer = errorAnswer(fault, info, plan.cloudWatchQueryErrors ?? true);
        res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
        res.end(answer.body);
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fault proxy error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  // Node closes a connection idle for 5 s by default; a client reusing it at that moment sees
  // "socket hang up" — a fault nobody injected (seen when a test's clients sat idle through the
  // previous test's retries). Idle connections stay open until close().
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get stats() {
      return stats;
    },
    setPlan(next: FaultPlan) {
      plan = next;
      random = new Random(next.seed ?? 1);
      ruleUses = new Map();
    },
    resetStats() {
      stats = newStats();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      });
    },
  };
}
