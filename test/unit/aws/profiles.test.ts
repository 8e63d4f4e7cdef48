// Profiles are read from temporary config/credentials files passed through the env argument:
// the real ~/.aws is never read and process.env is never changed.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSourceError } from '../../../src/core/ports';
import type { ProfileInfo } from '../../../src/aws/profiles';
import {
  defaultProfileName,
  endpointEnvName,
  listProfiles,
  requireRegion,
  resolveEndpoint,
  resolveRegion,
  sharedFilePaths,
} from '../../../src/aws/profiles';

const SECRET_KEY = 'wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRETzz';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjSESSIONTOKENzz';
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A temporary HOME with the given files; the env points at them explicitly. */
function awsHome(files: { config?: string; credentials?: string }): { env: NodeJS.ProcessEnv; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'lambdascope-profiles-'));
  roots.push(root);
  const config = join(root, 'config');
  const credentials = join(root, 'credentials');
  if (files.config !== undefined) writeFileSync(config, files.config);
  if (files.credentials !== undefined) writeFileSync(credentials, files.credentials);
  return { root, env: { HOME: root, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials } };
}

const CONFIG = `
[default]
region = eu-west-1

[profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = eu-central-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Admin

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/alice

[profile ec2]
role_arn = arn:aws:iam::123456789012:role/FromInstance
credential_source = Ec2InstanceMetadata

[profile proc]
credential_process = /usr/local/bin/get-creds --token ${SESSION_TOKEN}

[profile ci]
role_arn = arn:aws:iam::123456789012:role/Ci
web_identity_token_file = /var/run/token

[profile regiononly]
region = ap-southeast-2

[profile local]
region = us-east-1
endpoint_url = http://localhost:4566
services = localstack
ignore_configured_endpoint_urls = false

[services localstack]
lambda =
  endpoint_url = http://localhost:4001
cloudwatch_logs =
  endpoint_url = http://localhost:4002
`;

const CREDENTIALS = `
[default]
aws_access_key_id = ${ACCESS_KEY_ID}
aws_secret_access_key = ${SECRET_KEY}

[ci-keys]
aws_access_key_id = ${ACCESS_KEY_ID}
aws_secret_access_key = ${SECRET_KEY}
aws_session_token = ${SESSION_TOKEN}
region = us-west-2

[regiononly]
aws_access_key_id = ${ACCESS_KEY_ID}
aws_secret_access_key = ${SECRET_KEY}
`;

function byName(profiles: ProfileInfo[], name: string): ProfileInfo {
  const profile = profiles.find((p) => p.name === name);
  assert.ok(profile, `profile ${name} listed`);
  return profile;
}

describe('listProfiles', () => {
  test('lists every profile of both files with its kind, default first then by name', async () => {
    const { env } = awsHome({ config: CONFIG, credentials: CREDENTIALS });
    const profiles = await listProfiles(env);
    assert.deepEqual(
      profiles.map((p) => [p.name, p.kind]),
      [
        ['default', 'static'],
        ['admin', 'assumeRole'],
        ['ci', 'web-identity'],
        ['ci-keys', 'static'],
        ['dev', 'sso'],
        ['ec2', 'assumeRole'],
        ['legacy', 'ssoLegacy'],
        ['local', 'unknown'],
        ['proc', 'credentialProcess'],
        ['regiononly', 'static'],
      ],
    );
  });

  test('carries the settings a picker needs, and nothing else', async () => {
    const { env } = awsHome({ config: CONFIG, credentials: CREDENTIALS });
    const profiles = await listProfiles(env);
    assert.deepEqual(byName(profiles, 'dev'), {
      name: 'dev',
      kind: 'sso',
      region: 'eu-central-1',
      ssoSession: 'corp',
      ssoStartUrl: 'https://corp.awsapps.com/start',
    });
    assert.deepEqual(byName(profiles, 'legacy'), {
      name: 'legacy',
      kind: 'ssoLegacy',
      ssoStartUrl: 'https://legacy.awsapps.com/start',
    });
    assert.deepEqual(byName(profiles, 'admin'), {
      name: 'admin',
      kind: 'assumeRole',
      roleArn: 'arn:aws:iam::123456789012:role/Admin',
      sourceProfile: 'default',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
    });
    assert.deepEqual(byName(profiles, 'ec2'), {
      name: 'ec2',
      kind: 'assumeRole',
      roleArn: 'arn:aws:iam::123456789012:role/FromInstance',
      credentialSource: 'Ec2InstanceMetadata',
    });
    assert.deepEqual(byName(profiles, 'ci'), { name: 'ci', kind: 'web-identity', roleArn: 'arn:aws:iam::123456789012:role/Ci' });
    assert.deepEqual(byName(profiles, 'proc'), { name: 'proc', kind: 'credentialProcess' });
    assert.deepEqual(byName(profiles, 'local'), {
      name: 'local',
      kind: 'unknown',
      region: 'us-east-1',
      endpointUrl: 'http://localhost:4566',
      serviceEndpoints: { lambda: 'http://localhost:4001', logs: 'http://localhost:4002' },
      ignoreConfiguredEndpointUrls: false,
    });
  });

  test('merges a profile present in both files, and counts credentials-only profiles', async () => {
    const { env } = awsHome({ config: CONFIG, credentials: CREDENTIALS });
    const profiles = await listProfiles(env);
    // default: region from config, keys from credentials.
    assert.deepEqual(byName(profiles, 'default'), { name: 'default', kind: 'static', region: 'eu-west-1' });
    // regiononly: region from config, keys from credentials, so it becomes static.
    assert.deepEqual(byName(profiles, 'regiononly'), { name: 'regiononly', kind: 'static', region: 'ap-southeast-2' });
    assert.deepEqual(byName(profiles, 'ci-keys'), { name: 'ci-keys', kind: 'static', region: 'us-west-2' });
  });

  test('never exposes keys, session tokens or the credential_process command', async () => {
    const { env } = awsHome({ config: CONFIG, credentials: CREDENTIALS });
    const json = JSON.stringify(await listProfiles(env));
    for (const secret of [SECRET_KEY, SESSION_TOKEN, ACCESS_KEY_ID, 'get-creds']) {
      assert.ok(!json.includes(secret), `ProfileInfo JSON contains ${secret}`);
    }
  });

  test('sees edits to the files (the loader cache is bypassed)', async () => {
    const { env } = awsHome({ config: '[profile one]\nregion = eu-west-1\n' });
    assert.deepEqual((await listProfiles(env)).map((p) => p.name), ['one']);
    writeFileSync(env.AWS_CONFIG_FILE as string, '[profile one]\nregion = eu-west-1\n[profile two]\nregion = eu-west-2\n');
    assert.deepEqual((await listProfiles(env)).map((p) => p.name), ['one', 'two']);
  });

  test('missing files give an empty list', async () => {
    const { env } = awsHome({});
    assert.deepEqual(await listProfiles(env), []);
  });

  test('garbage in the config file: what can be read is listed, and the credentials file still counts', async () => {
    const garbage = '\u0000\u0001 not an ini file = {{{\n=just=equals\n[unterminated\nkey without section = 1\n[profile ok]\nregion = eu-west-3\n';
    const { env } = awsHome({ config: garbage, credentials: '[keys]\naws_access_key_id = A\naws_secret_access_key = B\n' });
    assert.deepEqual(
      (await listProfiles(env)).map((p) => [p.name, p.kind]),
      [
        ['keys', 'static'],
        ['ok', 'unknown'],
      ],
    );
  });

  test('a config file the parser rejects counts as empty; the other file is still read', async () => {
    const { env } = awsHome({ config: '[profile __proto__]\nregion = x\n[profile ok]\nregion = y\n', credentials: '[keys]\nregion = eu-west-1\n' });
    assert.deepEqual((await listProfiles(env)).map((p) => p.name), ['keys']);
  });

  test('a directory where a file should be does not throw', async () => {
    const { env, root } = awsHome({ credentials: '[keys]\nregion = eu-west-1\n' });
    mkdirSync(join(root, 'config'));
    assert.deepEqual((await listProfiles(env)).map((p) => p.name), ['keys']);
  });

  test('without AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, reads ~/.aws of the env HOME', async () => {
    const { root } = awsHome({});
    mkdirSync(join(root, '.aws'));
    writeFileSync(join(root, '.aws', 'config'), '[profile home]\nregion = eu-north-1\n');
    assert.deepEqual(sharedFilePaths({ HOME: root }), { filepath: join(root, '.aws', 'credentials'), configFilepath: join(root, '.aws', 'config') });
    assert.deepEqual(await listProfiles({ HOME: root }), [{ name: 'home', kind: 'unknown', region: 'eu-north-1' }]);
    // A leading ~/ in the variables is expanded with that HOME too.
    assert.equal(sharedFilePaths({ HOME: root, AWS_CONFIG_FILE: '~/elsewhere/config' }).configFilepath, join(root, 'elsewhere', 'config'));
  });
});

describe('defaultProfileName', () => {
  test('AWS_PROFILE, else default', () => {
    assert.equal(defaultProfileName({ AWS_PROFILE: 'dev' }), 'dev');
    assert.equal(defaultProfileName({}), 'default');
    assert.equal(defaultProfileName({ AWS_PROFILE: '' }), 'default');
  });
});

describe('resolveRegion / requireRegion', () => {
  const profile: ProfileInfo = { name: 'dev', kind: 'sso', region: 'eu-central-1' };

  test('AWS_REGION, then AWS_DEFAULT_REGION, then the profile region', () => {
    assert.equal(resolveRegion(profile, { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-west-2' }), 'us-east-1');
    assert.equal(resolveRegion(profile, { AWS_DEFAULT_REGION: 'us-west-2' }), 'us-west-2');
    assert.equal(resolveRegion(profile, { AWS_REGION: '' }), 'eu-central-1');
    assert.equal(resolveRegion({ name: 'bare', kind: 'static' }, {}), undefined);
    assert.equal(resolveRegion(undefined, {}), undefined);
  });

  test('requireRegion passes a region through and turns none into a configuration error', () => {
    assert.equal(requireRegion('dev', 'eu-west-1'), 'eu-west-1');
    assert.throws(
      () => requireRegion('dev', undefined),
      (error: unknown) => isSourceError(error) && error.kind === 'configuration' && error.message.includes("No region for profile 'dev'") && error.message.includes('~/.aws/config'),
    );
  });

  test('the region of a listed profile is resolved from the files', async () => {
    const { env } = awsHome({ config: CONFIG, credentials: CREDENTIALS });
    const profiles = await listProfiles(env);
    assert.equal(resolveRegion(byName(profiles, 'dev'), env), 'eu-central-1');
    assert.equal(resolveRegion(byName(profiles, 'ci-keys'), env), 'us-west-2');
    assert.equal(resolveRegion(byName(profiles, 'dev'), { ...env, AWS_DEFAULT_REGION: 'sa-east-1' }), 'sa-east-1');
  });
});

describe('resolveEndpoint', () => {
  const local: ProfileInfo = {
    name: 'local',
    kind: 'static',
    endpointUrl: 'http://profile:1',
    serviceEndpoints: { lambda: 'http://services-lambda:1' },
  };

  test('the env variable names are the SDK service ids, upper-cased, spaces as underscores', () => {
    // serviceId 'Lambda', 'CloudWatch Logs' and 'CloudWatch' in the clients' runtimeConfig.shared
    // (not read from a client here: constructing one reads the real ~/.aws files).
    assert.equal(endpointEnvName('lambda'), 'AWS_ENDPOINT_URL_LAMBDA');
    assert.equal(endpointEnvName('logs'), 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS');
    assert.equal(endpointEnvName('monitoring'), 'AWS_ENDPOINT_URL_CLOUDWATCH');
  });

  test('override > AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > services section > endpoint_url > none', () => {
    const env = { AWS_ENDPOINT_URL_LAMBDA: 'http://env-lambda:1', AWS_ENDPOINT_URL: 'http://env-all:1' };
    assert.equal(resolveEndpoint('lambda', local, env, 'http://override:1'), 'http://override:1');
    assert.equal(resolveEndpoint('lambda', local, env), 'http://env-lambda:1');
    assert.equal(resolveEndpoint('logs', local, env), 'http://env-all:1');
    assert.equal(resolveEndpoint('lambda', local, {}), 'http://services-lambda:1');
    assert.equal(resolveEndpoint('monitoring', local, {}), 'http://profile:1');
    assert.equal(resolveEndpoint('monitoring', { name: 'plain', kind: 'static' }, {}), undefined);
    assert.equal(resolveEndpoint('monitoring', undefined, {}), undefined);
    assert.equal(resolveEndpoint('logs', local, { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://env-logs:1' }), 'http://env-logs:1');
    assert.equal(resolveEndpoint('monitoring', local, { AWS_ENDPOINT_URL_CLOUDWATCH: 'http://env-cw:1' }), 'http://env-cw:1');
    // CloudWatch's variable is not CloudWatch Logs' one.
    assert.equal(resolveEndpoint('logs', undefined, { AWS_ENDPOINT_URL_CLOUDWATCH: 'http://env-cw:1' }), undefined);
  });

  test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true drops all but the override; the env flag beats the profile one', () => {
    const env = { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://env-all:1' };
    assert.equal(resolveEndpoint('lambda', local, env), undefined);
    assert.equal(resolveEndpoint('lambda', local, env, 'http://override:1'), 'http://override:1');
    const ignoring: ProfileInfo = { ...local, ignoreConfiguredEndpointUrls: true };
    assert.equal(resolveEndpoint('lambda', ignoring, {}), undefined);
    assert.equal(resolveEndpoint('lambda', ignoring, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' }), 'http://services-lambda:1');
  });

  test('endpoints of a listed profile come from its endpoint_url and services section', async () => {
    const { env } = awsHome({ config: CONFIG });
    const profile = byName(await listProfiles(env), 'local');
    assert.equal(resolveEndpoint('lambda', profile, env), 'http://localhost:4001');
    assert.equal(resolveEndpoint('logs', profile, env), 'http://localhost:4002');
    assert.equal(resolveEndpoint('monitoring', profile, env), 'http://localhost:4566');
  });
});
