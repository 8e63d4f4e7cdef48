// The AWS side of the extension as its own bundle (dist/aws.js), loaded on the first poll of a
// real profile: activating the extension never loads, parses or compiles the AWS SDK.
export { listProfiles, resolveRegion } from './aws/profiles';
export { openAwsAccount } from './aws/awsAccount';
export { ClientPool } from './aws/clients';
export { CredentialCache } from './aws/credentials';
