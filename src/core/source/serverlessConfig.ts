// Functions declared in a Serverless Framework serverless.yml (already parsed, see templateText.ts).
import { compactName, type DeclaredName, type NamePart } from './deployedName';
import type { FunctionDefinition } from './functionDefinition';
import { dirnameOf } from './posixPath';
import { isRecord, stringOf } from './templateText';

const DEFAULT_STAGE = 'dev';
const MAX_DEPTH = 5;
const UNKNOWN: NamePart = { unknown: true };

export function isServerlessConfig(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && isRecord(value.functions) && (typeof value.service === 'string' || isRecord(value.service));
}

export function functionsOfServerless(file: string, config: unknown): FunctionDefinition[] {
  if (!isServerlessConfig(config)) return [];
  const provider = isRecord(config.provider) ? config.provider : {};
  if (provider.name !== undefined && provider.name !== 'aws') return [];
  const vars = new ServerlessVariables(config);
  const service = vars.parts(isRecord(config.service) ? config.service.name : config.service);
  const out: FunctionDefinition[] = [];
  for (const [key, fn] of Object.entries(config.functions as Record<string, unknown>)) {
    if (!isRecord(fn)) continue;
    const handler = stringOf(fn.handler);
    const runtime = stringOf(fn.runtime) ?? stringOf(provider.runtime);
    // Deployed as `<service>-<stage>-<function>` unless the function names itself.
    const name: DeclaredName = fn.name !== undefined ? vars.parts(fn.name) : compactName([...service, { text: '-' }, ...vars.stage(), { text: `-${key}` }]);
    out.push({
      via: 'serverless',
      file,
      logicalId: `${normalizedName(key)}LambdaFunction`,
      functionKey: key,
      name,
      ...(handler !== undefined ? { handler } : {}),
      ...(runtime !== undefined ? { runtime } : {}),
      codeRoot: dirnameOf(file),
      entryPoints: [],
    });
  }
  return out;
}

/** The framework's logical ids: `my-fn_x` → `MyDashfnUnderscorex`, then `LambdaFunction`. */
function normalizedName(key: string): string {
  const name = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The `${…}` variables that make up names: `self:` references, the stage (`sls:stage`, `opt:stage`,
 * `self:provider.stage`), quoted defaults. Environment, files, SSM and the like stay unknown.
 */
class ServerlessVariables {
  constructor(private readonly config: Record<string, unknown>) {}

  /** The stage is chosen at deploy time (`--stage`): the configured or default one is a guess. */
  stage(): NamePart[] {
    const provider = isRecord(this.config.provider) ? this.config.provider : {};
    const configured = provider.stage;
    if (configured === undefined) return [{ text: DEFAULT_STAGE, guess: true }];
    if (typeof configured !== 'string') return [UNKNOWN];
    // `${opt:stage, 'prod'}`: the command line's stage, else the default given.
    const option = /^\$\{\s*(?:opt|sls):stage\s*(?:,\s*(['"])(.*?)\1\s*)?\}$/.exec(configured);
    if (option) return [{ text: option[2] ?? DEFAULT_STAGE, guess: true }];
    return configured.includes('${') ? [UNKNOWN] : [{ text: configured, guess: true }];
  }

  parts(value: unknown, depth = 0): DeclaredName {
    if (typeof value === 'number') return [{ text: String(value) }];
    if (typeof value !== 'string' || depth > MAX_DEPTH) return [UNKNOWN];
    const parts: NamePart[] = [];
    const variable = /\$\{([^{}]*)\}/g;
    let last = 0;
    for (let m = variable.exec(value); m !== null; m = variable.exec(value)) {
      parts.push({ text: value.slice(last, m.index) });
      parts.push(...this.variable(m[1] ?? '', depth));
      last = m.index + m[0].length;
    }
    parts.push({ text: value.slice(last) });
    // A `${` left over was a nested variable this reader does not follow.
    return compactName(parts.map((p) => ('text' in p && p.text.includes('${') ? UNKNOWN : p)).filter((p) => !('text' in p) || p.text.length > 0));
  }

  private variable(expression: string, depth: number): DeclaredName {
    const [first = '', ...fallbacks] = expression.split(',').map((s) => s.trim());
    if (first === 'sls:stage' || first === 'opt:stage' || first === 'self:provider.stage') return this.stage();
    if (first.startsWith('self:')) {
      const found = this.lookup(first.slice('self:'.length));
      if (found !== undefined) return isRecord(found) && first === 'self:service' ? this.parts(found.name, depth + 1) : this.parts(found, depth + 1);
    }
    const quoted = /^(['"])(.*)\1$/.exec(fallbacks[fallbacks.length - 1] ?? '');
    if (quoted) return [{ text: quoted[2] ?? '', guess: true }];
    return [UNKNOWN];
  }

  private lookup(path: string): unknown {
    let node: unknown = this.config;
    for (const key of path.split('.')) {
      if (!isRecord(node)) return undefined;
      node = node[key];
    }
    return node;
  }
}
