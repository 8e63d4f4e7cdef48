// When Lambda stops supporting each managed runtime, as data. Source: AWS Lambda Developer Guide,
// "Lambda runtimes" (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), supported and
// deprecated runtime tables. Dates are UTC days; AWS moves projected dates now and then, so this
// table is checked against that page when it is edited.

export interface RuntimeLifecycle {
  readonly id: string;
  /** Security patches and support end (the page's "Deprecation date"). */
  readonly deprecation: string;
  /** New functions can no longer be created with it. */
  readonly blockCreate?: string;
  /** Existing functions can no longer be updated. */
  readonly blockUpdate?: string;
  /** The runtime to move to. */
  readonly successor?: string;
}

const TABLE: readonly RuntimeLifecycle[] = [
  { id: 'nodejs16.x', deprecation: '2024-06-12', blockCreate: '2025-10-01', blockUpdate: '2025-11-01', successor: 'nodejs22.x' },
  { id: 'nodejs18.x', deprecation: '2025-09-01', blockCreate: '2025-10-01', blockUpdate: '2025-11-01', successor: 'nodejs22.x' },
  { id: 'nodejs20.x', deprecation: '2026-04-30', blockCreate: '2026-06-01', blockUpdate: '2026-07-01', successor: 'nodejs22.x' },
  { id: 'nodejs22.x', deprecation: '2027-04-30', blockCreate: '2027-06-01', blockUpdate: '2027-07-01', successor: 'nodejs24.x' },
  { id: 'nodejs24.x', deprecation: '2028-04-30', blockCreate: '2028-06-01', blockUpdate: '2028-07-01' },
  { id: 'python3.8', deprecation: '2024-10-14', blockCreate: '2025-02-28', blockUpdate: '2025-03-31', successor: 'python3.13' },
  { id: 'python3.9', deprecation: '2025-12-15', blockCreate: '2026-06-01', blockUpdate: '2026-07-01', successor: 'python3.13' },
];

const BY_ID = new Map(TABLE.map((r) => [r.id, r]));

/** The runtime's lifecycle, when Lambda has announced its end (undefined for unknown or custom runtimes). */
export function runtimeLifecycle(runtime: string | undefined): RuntimeLifecycle | undefined {
  return runtime === undefined ? undefined : BY_ID.get(runtime);
}

/** Days a finding warns ahead of a deprecation date. */
export const DEPRECATION_NOTICE_DAYS = 180;
