// Functions declared in an AWS SAM or CloudFormation template (already parsed, see templateText.ts).
import { declaredNameOf } from './cfnName';
import type { FunctionDefinition } from './functionDefinition';
import { dirnameOf, isOutside, joinPath } from './posixPath';
import { isRecord, stringOf } from './templateText';

const SAM_FUNCTION = 'AWS::Serverless::Function';
const LAMBDA_FUNCTION = 'AWS::Lambda::Function';

/** True for a CloudFormation template: a `Resources` mapping (any file called template.json is not one). */
export function isCloudFormationTemplate(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && isRecord(value.Resources);
}

export function functionsOfTemplate(file: string, template: unknown): FunctionDefinition[] {
  if (!isCloudFormationTemplate(template)) return [];
  const dir = dirnameOf(file);
  const parameters = isRecord(template.Parameters) ? template.Parameters : {};
  const globals = isRecord(template.Globals) && isRecord(template.Globals.Function) ? template.Globals.Function : {};
  const out: FunctionDefinition[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources as Record<string, unknown>)) {
    if (!isRecord(resource)) continue;
    const type = resource.Type;
    if (type !== SAM_FUNCTION && type !== LAMBDA_FUNCTION) continue;
    const own = isRecord(resource.Properties) ? resource.Properties : {};
    // Globals apply to SAM functions only; a function's own property wins.
    const props = type === SAM_FUNCTION ? { ...globals, ...own } : own;
    const metadata = isRecord(resource.Metadata) ? resource.Metadata : {};
    const image = props.PackageType === 'Image';
    const codeRoot = image ? localPath(dir, metadata.DockerContext) : codeRootOf(dir, type === SAM_FUNCTION ? props.CodeUri : props.Code, props.InlineCode);
    const esbuild = metadata.BuildMethod === 'esbuild';
    const runtime = stringOf(props.Runtime);
    const handler = image ? imageCommand(props.ImageConfig) : stringOf(props.Handler);
    out.push({
      via: 'template',
      file,
      logicalId,
      ...(props.FunctionName !== undefined ? { name: declaredNameOf(props.FunctionName, parameters) } : {}),
      ...(handler !== undefined ? { handler } : {}),
      ...(runtime !== undefined ? { runtime } : {}),
      ...(codeRoot !== undefined ? { codeRoot } : {}),
      ...(esbuild ? { buildRoot: joinPath(dir, '.aws-sam/build', logicalId) } : {}),
      entryPoints: esbuild && codeRoot !== undefined ? entryPointsOf(codeRoot, metadata.BuildProperties) : [],
    });
  }
  return out;
}

/** CodeUri / Code as a local folder; S3 locations, `{Bucket, Key}` and inline code have none. */
function codeRootOf(dir: string, code: unknown, inline: unknown): string | undefined {
  if (code === undefined) return inline === undefined ? dir : undefined; // SAM CLI builds '.' by default
  return localPath(dir, code);
}

function localPath(dir: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || /^[a-z][\w+.-]*:\/\//i.test(value)) return undefined;
  // A CodeUri may name a zip file that `sam build` does not unpack: no sources to map.
  if (/\.(zip|jar)$/i.test(value)) return undefined;
  const path = joinPath(dir, value);
  return isOutside(path) ? undefined : path;
}

/** Container images: `ImageConfig.Command` holds the handler the runtime interface client loads. */
function imageCommand(config: unknown): string | undefined {
  if (!isRecord(config) || !Array.isArray(config.Command)) return undefined;
  return stringOf(config.Command[0]);
}

// EntryPoints are relative to CodeUri (SAM builds from that folder).
function entryPointsOf(codeRoot: string, properties: unknown): string[] {
  if (!isRecord(properties) || !Array.isArray(properties.EntryPoints)) return [];
  return properties.EntryPoints.filter((e): e is string => typeof e === 'string')
    .map((e) => joinPath(codeRoot, e))
    .filter((e) => !isOutside(e));
}
