import { join } from 'node:path';
import type * as AwsRuntime from '../awsRuntime';

export type AwsModules = typeof AwsRuntime;

let loaded: AwsModules | undefined;

/** dist/aws.js, next to dist/extension.js, loaded once when a real profile is first watched. */
export function loadAwsRuntime(): AwsModules {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(join(__dirname, 'aws.js')) as AwsModules;
  return loaded;
}
