// Where each finding's property is written in infrastructure code, per kind of file.
import type { FindingProperty } from '../insights/findings';

export type TemplateKind = 'sam' | 'cloudformation' | 'serverless';

export interface PropertySpec {
  /** The key in the function's own block (`Properties`, or `functions.<key>`). */
  readonly key: string;
  /** A key inside it that holds the value: CloudFormation's `TracingConfig: {Mode: Active}`. */
  readonly inner?: string;
  /** A one-item list: `Architectures: [arm64]`. */
  readonly list?: true;
  /** Where a value for every function is written (SAM `Globals.Function`, serverless `provider`), from the root. */
  readonly inherited?: readonly string[];
}

const SAM_KEYS: Record<FindingProperty, string> = {
  memory: 'MemorySize',
  timeout: 'Timeout',
  architecture: 'Architectures',
  tracing: 'Tracing',
  runtime: 'Runtime',
  reservedConcurrency: 'ReservedConcurrentExecutions',
};

const SERVERLESS_KEYS: Record<FindingProperty, string> = {
  memory: 'memorySize',
  timeout: 'timeout',
  architecture: 'architecture',
  tracing: 'tracing',
  runtime: 'runtime',
  reservedConcurrency: 'reservedConcurrency',
};

export function propertySpec(kind: TemplateKind, property: FindingProperty): PropertySpec {
  if (kind === 'serverless') {
    const key = SERVERLESS_KEYS[property];
    // The provider turns tracing on for all functions as `tracing: {lambda: true}`; concurrency is per function only.
    if (property === 'tracing') return { key, inherited: ['provider', 'tracing', 'lambda'] };
    if (property === 'reservedConcurrency') return { key };
    return { key, inherited: ['provider', key] };
  }
  if (kind === 'cloudformation') {
    // A plain AWS::Lambda::Function has no Globals, and nests its tracing mode.
    if (property === 'tracing') return { key: 'TracingConfig', inner: 'Mode' };
    return { key: SAM_KEYS[property], ...(property === 'architecture' ? { list: true as const } : {}) };
  }
  const key = SAM_KEYS[property];
  return { key, inherited: ['Globals', 'Function', key], ...(property === 'architecture' ? { list: true as const } : {}) };
}

/** How the fix names what it sets: `MemorySize`, `TracingConfig.Mode`. */
export function propertyLabel(spec: PropertySpec): string {
  return spec.inner ? `${spec.key}.${spec.inner}` : spec.key;
}
