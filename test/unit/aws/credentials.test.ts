// Credentials resolved by the SDK's providers from temporary files. The SDK finds its SSO token
// cache under process.env.HOME (not an argument), so this file points HOME at a temp dir; the SSO
// portal and STS are fakes on 127.0.0.1 (AWS_ENDPOINT_URL_SSO / _STS), so nothing leaves the host.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSSOTokenFilepath } from '@smithy/shared-ini-file-loader';
import { CredentialCache, classifyCredentialError, credentialsFor } from '../../../src/aws/credentials';
import { SourceError, isSourceError } from '../../../src/core/ports';
import type { SourceErrorKind } from '../../../src/core/ports';

const SECRET_KEY = 'wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRETzz';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjSESSIONTOKENzz';
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRETS = [SECRET_KEY, SESSION_TOKEN];

const savedEnv = { ...process.env };
const root = mkdtempSync(join(tmpdir(), 'lambdascope-credentials-'));
const ssoCache = join(root, '.aws', 'sso', 'cache');
const env: NodeJS.ProcessEnv = { HOME: root, AWS_CONFIG_FILE: join(root, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(root, 'credentials') };
const requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let server: Server;

/** The fake SSO portal (GetRoleCredentials) and STS (AssumeRole, or ExpiredToken for role 'Expired'). */
function fakeAws(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (req.url?.startsWith('/federation/credentials')) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ roleCredentials: { accessKeyId: 'ASIASSO', secretAccessKey: 'sso-secret', sessionToken: 'sso-token', expiration: Date.now() + 3_600_000 } }));
      return;
    }
    res.setHeader('content-type', 'text/xml');
    if (body.includes('role%2FExpired')) {
      res.statusCode = 403;
      res.end('<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>r</RequestId></ErrorResponse>');
      return;
    }
    res.end(
      '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>' +
        '<AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey><SessionToken>role-token</SessionToken>' +
        '<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Admin/s</Arn>' +
        '<AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>',
    );
  });
}

before(async () => {
  server = createServer(fakeAws);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The SDK reads these from process.env itself (SSO cache under HOME, nested clients' endpoints).
  process.env.HOME = root;
  process.env.AWS_ENDPOINT_URL_SSO = endpoint;
  process.env.AWS_ENDPOINT_URL_STS = endpoint;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  for (const name of ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_REGION', 'AWS_ENDPOINT_URL', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']) {
    delete process.env[name];
  }
  mkdirSync(ssoCache, { recursive: true });
  writeFileSync(env.AWS_CONFIG_FILE as string, CONFIG);
  writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE as string, CREDENTIALS);
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  process.env = savedEnv;
  rmSync(root, { recursive: true, force: true });
});

/** A node script for credential_process: logs each run to `counter`, prints `output`, exits `code`. */
function processScript(name: string, output: string, options: { code?: number; stderr?: string } = {}): { command: string; counter: string } {
  const script = join(root, `${name}.js`);
  const counter = join(root, `${name}.count`);
  writeFileSync(
    script,
    [
      `require('node:fs').appendFileSync(${JSON.stringify(counter)}, 'x');`,
      `process.stdout.write(${JSON.stringify(output)});`,
      options.stderr === undefined ? '' : `process.stderr.write(${JSON.stringify(options.stderr)});`,
      `process.exitCode = ${options.code ?? 0};`,
    ].join('\n'),
  );
  return { command: `"${process.execPath}" "${script}" --token ${SESSION_TOKEN}`, counter };
}

function runs(counter: string): number {
  return existsSync(counter) ? readFileSync(counter, 'utf8').length : 0;
}

const inOneHour = (): string => new Date(Date.now() + 3_600_000).toISOString();
const processOutput = (expiration: string): string =>
  JSON.stringify({ Version: 1, AccessKeyId: 'ASIAPROCESS', SecretAccessKey: SECRET_KEY, SessionToken: SESSION_TOKEN, Expiration: expiration });

const good = processScript('good', processOutput(inOneHour()));
const soon = processScript('soon', processOutput(new Date(Date.now() + 120_000).toISOString()));
const failing = processScript('failing', '', { code: 3, stderr: `fatal: cannot refresh ${SECRET_KEY}` });
const garbled = processScript('garbled', `not json ${SECRET_KEY}`);
const cached = processScript('cached', processOutput(inOneHour()));

const CONFIG = `
[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = eu-west-1

[profile nosession]
sso_session = missing
sso_account_id = 123456789012
sso_role_name = ReadOnly

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Admin

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = keys
region = eu-west-1

[profile admin-mfa]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = keys
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = eu-west-1

[profile expired-role]
role_arn = arn:aws:iam::123456789012:role/Expired
source_profile = keys
region = eu-west-1

[profile orphan]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = nowhere

[profile bad-source]
role_arn = arn:aws:iam::123456789012:role/Admin
credential_source = Laptop

[profile proc-good]
credential_process = ${good.command}

[profile proc-soon]
credential_process = ${soon.command}

[profile proc-failing]
credential_process = ${failing.command}

[profile proc-garbled]
credential_process = ${garbled.command}

[profile proc-cached]
credential_process = ${cached.command}

[profile regiononly]
region = eu-west-1
`;

const CREDENTIALS = `
[keys]
aws_access_key_id = ${ACCESS_KEY_ID}
aws_secret_access_key = ${SECRET_KEY}
aws_session_token = ${SESSION_TOKEN}

[editable]
aws_access_key_id = AKIAFIRST
aws_secret_access_key = first
`;

/** Asserts the promise rejects with a SourceError of `kind` whose message matches and holds no secret. */
async function rejectsWith(promise: Promise<unknown>, kind: SourceErrorKind, message: RegExp): Promise<SourceError> {
  let caught: unknown;
  await promise.then(
    () => assert.fail('expected a rejection'),
    (error: unknown) => (caught = error),
  );
  assert.ok(isSourceError(caught), `not a SourceError: ${String(caught)}`);
  assert.equal(caught.kind, kind, caught.message);
  assert.match(caught.message, message);
  for (const secret of SECRETS) assert.ok(!caught.message.includes(secret), `message leaks a secret: ${caught.message}`);
  return caught;
}

function writeSsoToken(id: string, token: Record<string, string>): string {
  const path = join(ssoCache, `${createHash('sha1').update(id).digest('hex')}.json`);
  writeFileSync(path, JSON.stringify(token));
  return path;
}

describe('static keys', () => {
  test('resolve to the keys of the credentials file', async () => {
    const credentials = await credentialsFor('keys', { env })();
    assert.equal(credentials.accessKeyId, ACCESS_KEY_ID);
    assert.equal(credentials.secretAccessKey, SECRET_KEY);
    assert.equal(credentials.sessionToken, SESSION_TOKEN);
  });

  test('an unknown profile is a configuration error with a fix', async () => {
    await rejectsWith(credentialsFor('nope', { env })(), 'configuration', /Profile 'nope' was not found .*pick another profile/);
  });

  test('a profile without credentials is a configuration error', async () => {
    await rejectsWith(credentialsFor('regiononly', { env })(), 'configuration', /Profile 'regiononly' was not found \(or has no credentials\)/);
  });
});

describe('SSO', () => {
  test('the token cache is ~/.aws/sso/cache/<sha1 of the session name>.json, under process.env.HOME', () => {
    assert.equal(getSSOTokenFilepath('corp'), join(ssoCache, `${createHash('sha1').update('corp').digest('hex')}.json`));
  });

  test('sso_session: a missing token asks for aws sso login --profile', async () => {
    await rejectsWith(credentialsFor('dev', { env })(), 'credentials', /run `aws sso login --profile dev`/);
  });

  test('sso_session: an expired token asks for aws sso login --profile (no refresh attempted)', async () => {
    const path = writeSsoToken('corp', { accessToken: SESSION_TOKEN, expiresAt: new Date(Date.now() - 60_000).toISOString() });
    const before = requests.length;
    await rejectsWith(credentialsFor('dev', { env })(), 'credentials', /run `aws sso login --profile dev`/);
    assert.equal(requests.length, before, 'no call to SSO');
    rmSync(path);
  });

  test('sso_session: a valid token is exchanged at the SSO portal for role credentials', async () => {
    const path = writeSsoToken('corp', { accessToken: 'valid-token', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const credentials = await credentialsFor('dev', { env })();
    assert.equal(credentials.accessKeyId, 'ASIASSO');
    assert.equal(credentials.secretAccessKey, 'sso-secret');
    const call = requests.at(-1);
    assert.equal(call?.url, '/federation/credentials?account_id=123456789012&role_name=ReadOnly');
    assert.equal(call?.headers['x-amz-sso_bearer_token'], 'valid-token');
    rmSync(path);
  });

  test('a missing [sso-session] section is a configuration error', async () => {
    await rejectsWith(credentialsFor('nosession', { env })(), 'configuration', /Profile 'nosession' uses sso_session 'missing', which has no \[sso-session missing\] section/);
  });

  test('legacy SSO: missing and expired tokens ask for aws sso login --profile', async () => {
    await rejectsWith(credentialsFor('legacy', { env })(), 'credentials', /run `aws sso login --profile legacy`/);
    const path = writeSsoToken('https://legacy.awsapps.com/start', { accessToken: SESSION_TOKEN, expiresAt: new Date(Date.now() - 1000).toISOString() });
    await rejectsWith(credentialsFor('legacy', { env })(), 'credentials', /run `aws sso login --profile legacy`/);
    rmSync(path);
  });
});

describe('assumed roles', () => {
  test('role_arn + source_profile assumes the role with the source keys', async () => {
    const credentials = await credentialsFor('admin', { env })();
    assert.equal(credentials.accessKeyId, 'ASIAROLE');
    const call = requests.at(-1);
    assert.match(call?.body ?? '', /Action=AssumeRole&.*RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FAdmin/);
    assert.match(String(call?.headers.authorization), new RegExp(`Credential=${ACCESS_KEY_ID}/`));
  });

  test('mfa_serial: the code from mfaCodeProvider goes to AssumeRole', async () => {
    const asked: string[] = [];
    const mfaCodeProvider = async (serial: string): Promise<string> => {
      asked.push(serial);
      return ' 123456 ';
    };
    const credentials = await credentialsFor('admin-mfa', { env, mfaCodeProvider })();
    assert.equal(credentials.accessKeyId, 'ASIAROLE');
    assert.deepEqual(asked, ['arn:aws:iam::123456789012:mfa/alice']);
    assert.match(requests.at(-1)?.body ?? '', /SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Falice&TokenCode=123456/);
  });

  test('a cancelled or empty MFA prompt is a credentials error, and STS is not called', async () => {
    const before = requests.length;
    await rejectsWith(credentialsFor('admin-mfa', { env, mfaCodeProvider: () => Promise.reject(new Error('cancelled')) })(), 'credentials', /No MFA code was entered for profile 'admin-mfa'/);
    await rejectsWith(credentialsFor('admin-mfa', { env, mfaCodeProvider: async () => '' })(), 'credentials', /No MFA code was entered/);
    await rejectsWith(credentialsFor('admin-mfa', { env })(), 'credentials', /Profile 'admin-mfa' needs an MFA code/);
    assert.equal(requests.length, before);
  });

  test('an unknown source_profile names both profiles', async () => {
    await rejectsWith(credentialsFor('orphan', { env })(), 'configuration', /Profile 'orphan' takes its credentials from profile 'nowhere'.*fix source_profile/);
  });

  test('an unsupported credential_source is a configuration error', async () => {
    await rejectsWith(credentialsFor('bad-source', { env })(), 'configuration', /Profile 'bad-source' is not set up correctly: .*Laptop/);
  });

  test('STS ExpiredToken (expired source session) is a credentials error', async () => {
    const error = await rejectsWith(credentialsFor('expired-role', { env })(), 'credentials', /credentials of profile 'expired-role' have expired/);
    assert.equal(error.details.code, 'ExpiredToken');
    assert.equal(error.details.httpStatus, 403);
  });
});

describe('credential_process', () => {
  test('resolves to what the process printed', async () => {
    const credentials = await credentialsFor('proc-good', { env })();
    const printed = JSON.parse(processOutput(inOneHour())) as Record<string, string>;
    assert.equal(credentials.accessKeyId, printed.AccessKeyId);
    assert.equal(credentials.secretAccessKey, printed.SecretAccessKey);
    assert.equal(credentials.sessionToken, printed.SessionToken);
    assert.ok(credentials.expiration && credentials.expiration.getTime() > Date.now() + 3_500_000);
  });

  test('is run once for concurrent and repeated calls, again after clear()', async () => {
    const cache = new CredentialCache({ env });
    const provider = cache.get('proc-cached');
    assert.equal(cache.get('proc-cached'), provider, 'one provider per profile');
    await Promise.all([provider(), provider(), cache.get('proc-cached')()]);
    await provider();
    assert.equal(runs(cached.counter), 1);
    cache.clear('other');
    await provider();
    assert.equal(runs(cached.counter), 1);
    cache.clear('proc-cached');
    await provider();
    assert.equal(runs(cached.counter), 2);
    cache.clear();
    await provider();
    assert.equal(runs(cached.counter), 3);
  });

  test('credentials within five minutes of expiring are fetched again', async () => {
    const provider = credentialsFor('proc-soon', { env });
    await provider();
    await provider();
    assert.equal(runs(soon.counter), 2);
  });

  test('a failing process is a credentials error naming the profile, not its command or output', async () => {
    const error = await rejectsWith(credentialsFor('proc-failing', { env })(), 'credentials', /credential_process of profile 'proc-failing' failed/);
    assert.ok(!error.message.includes('failing.js') && !error.message.includes('fatal'), error.message);
    assert.equal(runs(failing.counter), 1);
  });

  test('output that is not JSON is a credentials error without the output', async () => {
    await rejectsWith(credentialsFor('proc-garbled', { env })(), 'credentials', /credential_process of profile 'proc-garbled' returned invalid JSON/);
  });

  test('failures are not cached: the next call runs the process again', async () => {
    const provider = credentialsFor('proc-failing', { env });
    const before = runs(failing.counter);
    await rejectsWith(provider(), 'credentials', /failed/);
    await rejectsWith(provider(), 'credentials', /failed/);
    assert.equal(runs(failing.counter), before + 2);
  });
});

describe('CredentialCache', () => {
  test('keeps static keys until cleared, then reads the edited file', async () => {
    const cache = new CredentialCache({ env });
    assert.equal((await cache.get('editable')()).accessKeyId, 'AKIAFIRST');
    const file = env.AWS_SHARED_CREDENTIALS_FILE as string;
    writeFileSync(file, readFileSync(file, 'utf8').replace('AKIAFIRST', 'AKIASECOND'));
    assert.equal((await cache.get('editable')()).accessKeyId, 'AKIAFIRST');
    cache.clear('editable');
    assert.equal((await cache.get('editable')()).accessKeyId, 'AKIASECOND');
  });
});

describe('classifyCredentialError', () => {
  const serviceError = (name: string, message: string, httpStatusCode = 400): Error =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });

  test('expired session tokens are credentials errors with the AWS code', () => {
    for (const error of [
      serviceError('ExpiredToken', 'The security token included in the request is expired'),
      serviceError('ExpiredTokenException', 'The security token included in the request is expired'),
      new Error('The security token included in the request is expired'),
    ]) {
      const classified = classifyCredentialError(error, 'dev');
      assert.equal(classified.kind, 'credentials');
      assert.match(classified.message, /profile 'dev' have expired.*aws sso login --profile dev/);
    }
    assert.deepEqual(classifyCredentialError(serviceError('ExpiredTokenException', 'x', 400), 'dev').details, { code: 'ExpiredTokenException', httpStatus: 400 });
  });

  test('SDK SSO messages ask for aws sso login --profile', () => {
    for (const message of [
      "The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      'UnauthorizedException: Session token not found or invalid',
    ]) {
      const classified = classifyCredentialError(Object.assign(new Error(message), { name: 'CredentialsProviderError' }), 'dev');
      assert.equal(classified.kind, 'credentials', message);
      assert.match(classified.message, /run `aws sso login --profile dev`/);
    }
  });

  test('unknown profiles are configuration errors', () => {
    assert.equal(classifyCredentialError(new Error('Profile dev could not be found in shared credentials file.'), 'dev').kind, 'configuration');
    assert.equal(classifyCredentialError(new Error("Profile 'dev' could not be found in shared credentials file."), 'dev').kind, 'configuration');
    assert.equal(classifyCredentialError(new Error('Profile dev was not found.'), 'dev').kind, 'configuration');
  });

  test('rejected keys, network failures and aborts', () => {
    assert.equal(classifyCredentialError(serviceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403), 'p').kind, 'credentials');
    assert.equal(classifyCredentialError(Object.assign(new Error('getaddrinfo ENOTFOUND sts.amazonaws.com'), { code: 'ENOTFOUND' }), 'p').kind, 'unavailable');
    assert.equal(classifyCredentialError(Object.assign(new Error('aborted'), { name: 'AbortError' }), 'p').kind, 'aborted');
  });

  test('a SourceError passes through unchanged', () => {
    const original = new SourceError('configuration', 'x');
    assert.equal(classifyCredentialError(original, 'p'), original);
  });

  test('anything else keeps a redacted first line of the SDK message', () => {
    const classified = classifyCredentialError(
      Object.assign(new Error(`something odd with ${ACCESS_KEY_ID} and ${SECRET_KEY}\nsecond line`), { name: 'CredentialsProviderError' }),
      'p',
    );
    assert.equal(classified.kind, 'credentials');
    assert.equal(classified.message, "Could not get the credentials of profile 'p': something odd with <redacted> and <redacted>");
    assert.equal(classifyCredentialError(new Error('boom'), 'p').kind, 'unknown');
    assert.equal(classifyCredentialError('a string', 'p').kind, 'unknown');
  });
});
