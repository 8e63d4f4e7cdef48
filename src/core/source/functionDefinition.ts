import type { DeclaredName } from './deployedName';

/** A function as the account reports it (FunctionConfig plus the stack tags, when read). */
export interface DeployedFunction {
  readonly name: string;
  readonly runtime?: string;
  readonly handler?: string;
  /** `aws:cloudformation:stack-name`. */
  readonly stackName?: string;
  /** `aws:cloudformation:logical-id`. */
  readonly logicalId?: string;
}

/** A function declared in the workspace: a SAM/CloudFormation resource or a serverless.yml function. */
export interface FunctionDefinition {
  readonly via: 'template' | 'serverless';
  /** The template or serverless.yml declaring it. */
  readonly file: string;
  /** The resource's logical id; for serverless.yml, the one the framework generates (`CronLambdaFunction`). */
  readonly logicalId: string;
  /** serverless.yml: the function's key under `functions` (`cron`). */
  readonly functionKey?: string;
  /** The deployed name as declared; undefined when CloudFormation generates it (`stack-LogicalId-RANDOM`). */
  readonly name?: DeclaredName;
  readonly handler?: string;
  readonly runtime?: string;
  /** The folder the deployment package is made from (CodeUri); undefined for S3 artifacts and inline code. */
  readonly codeRoot?: string;
  /**
   * Where `sam build` leaves a bundled function (`.aws-sam/build/<LogicalId>`): stack frames point into the
   * bundle, and its source map back to the sources.
   */
  readonly buildRoot?: string;
  /** esbuild entry points, workspace-relative: the sources the bundle is made from. */
  readonly entryPoints: readonly string[];
}
