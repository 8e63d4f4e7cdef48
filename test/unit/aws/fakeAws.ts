// A loopback HTTP server that answers the real SDK clients with recorded responses, in order, and
// keeps every request it received, so the adapters are tested through real serialisation,
// signing and protocol parsing. Recorded bodies live in test/fixtures/aws/<service>.json.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ClientPool } from '../../../src/aws/clients';
import type { ClientTarget } from '../../../src/aws/clients';

export interface CannedResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Send without Content-Length (Transfer-Encoding: chunked). */
  readonly chunked?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The X-Amz-Target of a JSON-RPC request, e.g. `Logs_20140328.FilterLogEvents`. */
  readonly target?: string;
}

const FIXTURES = resolve(__dirname, '../../fixtures/aws');

// The SDK warns once per process that it will require Node 22 from 2027; noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** A recorded response from test/fixtures/aws/<file>.json. */
export function fixture(file: 'lambda' | 'logs' | 'cloudwatch' | 'insights', name: string): CannedResponse {
  const all = JSON.parse(readFileSync(resolve(FIXTURES, `${file}.json`), 'utf8')) as Record<string, unknown>;
  const entry = all[name];
  if (typeof entry !== 'object' || entry === null || !('status' in entry)) throw new Error(`no response ${name} in ${file}.json`);
  return entry as CannedResponse;
}

/** A non-response entry of a fixture file (e.g. a list of rows). */
export function fixtureData<T>(file: 'insights', name: string): T {
  const all = JSON.parse(readFileSync(resolve(FIXTURES, `${file}.json`), 'utf8')) as Record<string, unknown>;
  return all[name] as T;
}

export class FakeAws {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: CannedResponse[] = [];
  private responder: ((request: RecordedRequest) => CannedResponse | undefined) | undefined;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeAws> {
    const server = createServer();
    // No 5 s idle timeout: a client reusing a connection as the server closes it sees "socket hang up".
    server.keepAliveTimeout = 0;
    const fake = new FakeAws(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const target = req.headers['x-amz-target'];
        fake.requests.push({
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          ...(typeof target === 'string' ? { target } : {}),
        });
        const recorded = fake.requests[fake.requests.length - 1] as RecordedRequest;
        const canned = fake.queue.shift() ?? fake.responder?.(recorded) ?? { status: 599, body: { message: 'FakeAws: no response queued for this request' } };
        const body = typeof canned.body === 'string' ? canned.body : JSON.stringify(canned.body);
        const bytes = Buffer.from(body, 'utf8');
        const headers: Record<string, string> = { 'x-amzn-requestid': 'fake-request-id', ...canned.headers };
        if (canned.chunked) {
          res.writeHead(canned.status, headers);
          const half = Math.floor(bytes.length / 2);
          res.write(bytes.subarray(0, half));
          res.end(bytes.subarray(half));
        } else {
          res.writeHead(canned.status, { ...headers, 'content-length': String(bytes.length) });
          res.end(bytes);
        }
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return fake;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Responses for the next requests, in order. */
  reply(...responses: CannedResponse[]): void {
    this.queue.push(...responses);
  }

  /**
   * Answers by request once the queue is empty: for calls made concurrently, whose order of
   * arrival is not fixed.
   */
  respondBy(responder: (request: RecordedRequest) => CannedResponse | undefined): void {
    this.responder = responder;
  }

  /** The JSON body of the n-th request. */
  jsonBody(index: number): Record<string, unknown> {
    const request = this.requests[index];
    if (!request) throw new Error(`no request #${index}`);
    return JSON.parse(request.body) as Record<string, unknown>;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}

/** A client target on the fake server: static test credentials, one attempt (no SDK retries). */
export function fakeTarget(fake: FakeAws, overrides: Partial<ClientTarget> = {}): ClientTarget {
  return {
    profile: 'test',
    region: 'us-east-1',
    endpoint: fake.endpoint,
    credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret', sessionToken: 'test-session-token' }),
    ...overrides,
  };
}

/** A fake server and a pool pointed at it, torn down together. */
export async function withFakeAws<T>(run: (fake: FakeAws, pool: ClientPool, target: ClientTarget) => Promise<T>): Promise<T> {
  const fake = await FakeAws.start();
  const pool = new ClientPool();
  try {
    return await run(fake, pool, fakeTarget(fake));
  } finally {
    pool.dispose();
    await fake.close();
  }
}
