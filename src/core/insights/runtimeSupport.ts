// When Lambda stops supporting each managed runtime, as data. Source: AWS Lambda Developer Guide,
// "Lambda runtimes" (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html): its supported
// runtimes table and deprecated runtimes table, plus the same rows on the per-language pages
// (lambda-nodejs, lambda-python, lambda-java, lambda-csharp, lambda-ruby). Checked 2026-11-26
// against the newest copies found, which carry AWS's 2026 extensions (Java 8 (AL2)/11/17 and
// Python 3.11 moved to 2027-06-30; most deprecated runtimes' block dates moved to 2027-02-01 and
// 2027-03-03). Dates are UTC days; AWS moves projected dates now and then, so this table is
// checked against that page when it is edited. Runtimes with no announced date are left out.
//
// Successor: the newest runtime of the same family that is not deprecated (Go and the other
// OS-only runtimes move to provided.al2023). The newest runtime of a family has none.

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

const NODE = 'nodejs24.x';
const PYTHON = 'python3.14';
const JAVA = 'java25';
const DOTNET = 'dotnet10';
const RUBY = 'ruby4.0';
const OS_ONLY = 'provided.al2023';

/** [id, deprecation, block create, block update, successor] */
type Row = readonly [string, string, string | undefined, string | undefined, string | undefined];

const ROWS: readonly Row[] = [
  // Node.js
  ['nodejs24.x', '2028-04-30', '2028-06-01', '2028-07-01', undefined],
  ['nodejs22.x', '2027-04-30', '2027-06-01', '2027-07-01', NODE],
  // An earlier copy of the Node.js page gave blocks 2026-08-31 / 2026-09-30 (first 2026-06-01 / 2026-07-01); the newer deprecated table says 2027.
  ['nodejs20.x', '2026-04-30', '2027-02-01', '2027-03-03', NODE],
  ['nodejs18.x', '2025-09-01', '2027-02-01', '2027-03-03', NODE],
  ['nodejs16.x', '2024-06-12', '2027-02-01', '2027-03-03', NODE],
  ['nodejs14.x', '2023-12-04', '2024-01-09', '2027-03-03', NODE],
  ['nodejs12.x', '2023-03-31', '2023-03-31', '2023-04-30', NODE],
  ['nodejs10.x', '2021-07-30', '2021-07-30', '2022-02-14', NODE],
  // The oldest rows come from the earlier two-phase policy: the page lists block dates before the deprecation date.
  ['nodejs8.10', '2020-03-06', '2020-02-04', '2020-03-06', NODE],
  ['nodejs6.10', '2019-08-12', '2019-07-12', '2019-08-12', NODE],
  ['nodejs4.3', '2020-03-05', '2020-02-03', '2020-03-05', NODE],
  ['nodejs4.3-edge', '2020-03-05', '2019-03-31', '2019-04-30', NODE],
  ['nodejs', '2016-08-30', '2016-09-30', '2016-10-31', NODE],
  // Python
  ['python3.14', '2029-06-30', '2029-07-31', '2029-08-31', undefined],
  ['python3.13', '2029-06-30', '2029-07-31', '2029-08-31', PYTHON],
  ['python3.12', '2028-10-31', '2028-11-30', '2029-01-10', PYTHON],
  ['python3.11', '2027-06-30', '2027-07-31', '2027-08-31', PYTHON],
  // AWS Python page; third-party mirrors of the deprecated table (cfn-lint and others, 2026-09) give blocks 2027-02-01 / 2027-03-03.
  ['python3.10', '2026-10-31', '2026-11-30', '2027-01-15', PYTHON],
  ['python3.9', '2025-12-15', '2027-02-01', '2027-03-03', PYTHON],
  ['python3.8', '2024-10-14', '2027-02-01', '2027-03-03', PYTHON],
  ['python3.7', '2023-12-04', '2024-01-09', '2027-03-03', PYTHON],
  ['python3.6', '2022-07-18', '2022-07-18', '2022-08-29', PYTHON],
  ['python2.7', '2021-07-15', '2021-07-15', '2022-05-30', PYTHON],
  // Java
  ['java25', '2029-06-30', '2029-07-31', '2029-08-31', undefined],
  ['java21', '2029-06-30', '2029-07-31', '2029-08-31', JAVA],
  ['java17', '2027-06-30', '2027-07-31', '2027-08-31', JAVA],
  ['java11', '2027-06-30', '2027-07-31', '2027-08-31', JAVA],
  ['java8.al2', '2027-06-30', '2027-07-31', '2027-08-31', JAVA],
  ['java8', '2024-01-08', '2024-02-08', '2027-03-03', JAVA],
  // .NET
  ['dotnet10', '2028-11-14', '2028-12-14', '2029-01-15', undefined],
  // Container images only; the page schedules no block dates.
  ['dotnet9', '2026-11-10', undefined, undefined, DOTNET],
  // An earlier copy of the C# page gave blocks 2026-12-10 / 2027-01-11.
  ['dotnet8', '2026-11-10', '2027-02-01', '2027-03-03', DOTNET],
  // Older copies of the page (and cfn-lint until 2026) gave deprecation 2024-11-12, Microsoft's end of support.
  ['dotnet6', '2024-12-20', '2027-02-01', '2027-03-03', DOTNET],
  ['dotnetcore3.1', '2023-04-03', '2023-04-03', '2023-05-03', DOTNET],
  ['dotnetcore2.1', '2022-01-05', '2022-01-05', '2022-04-13', DOTNET],
  ['dotnetcore2.0', '2019-05-30', '2019-04-30', '2019-05-30', DOTNET],
  ['dotnetcore1.0', '2019-06-27', '2019-06-30', '2019-07-30', DOTNET],
  // Ruby
  ['ruby4.0', '2029-03-31', '2029-04-30', '2029-05-31', undefined],
  ['ruby3.4', '2028-03-31', '2028-04-30', '2028-05-31', RUBY],
  ['ruby3.3', '2027-03-31', '2027-04-30', '2027-05-31', RUBY],
  // An earlier copy of the Ruby page gave blocks 2026-08-31 / 2026-09-30.
  ['ruby3.2', '2026-03-31', '2027-02-01', '2027-03-03', RUBY],
  ['ruby2.7', '2023-12-07', '2024-01-09', '2027-03-03', RUBY],
  ['ruby2.5', '2021-07-30', '2021-07-30', '2022-03-31', RUBY],
  // OS-only
  ['provided.al2023', '2029-06-30', '2029-07-31', '2029-08-31', undefined],
  ['provided.al2', '2026-07-31', '2027-02-01', '2027-03-03', OS_ONLY],
  ['provided', '2024-01-08', '2024-02-08', '2027-03-03', OS_ONLY],
  ['go1.x', '2024-01-08', '2024-02-08', '2027-03-03', OS_ONLY],
];

const TABLE: readonly RuntimeLifecycle[] = ROWS.map(([id, deprecation, blockCreate, blockUpdate, successor]) => ({
  id,
  deprecation,
  ...(blockCreate ? { blockCreate } : {}),
  ...(blockUpdate ? { blockUpdate } : {}),
  ...(successor ? { successor } : {}),
}));

const BY_ID = new Map(TABLE.map((r) => [r.id, r]));

/** The runtime's lifecycle, when Lambda has announced its end (undefined for unknown or custom runtimes). */
export function runtimeLifecycle(runtime: string | undefined): RuntimeLifecycle | undefined {
  return runtime === undefined ? undefined : BY_ID.get(runtime);
}

/** Every runtime in the table, for checks over the whole table. */
export function knownRuntimeLifecycles(): readonly RuntimeLifecycle[] {
  return TABLE;
}

/** Days a finding warns ahead of a deprecation date. */
export const DEPRECATION_NOTICE_DAYS = 180;

/**
 * Runtimes Lambda never offered on arm64 (Graviton support, 2021, came to the Amazon Linux 2
 * runtimes and later): moving them to arm64 needs a runtime upgrade first.
 */
const X86_ONLY: ReadonlySet<string> = new Set(['go1.x', 'java8', 'python3.6', 'python3.7', 'nodejs10.x', 'nodejs8.10', 'ruby2.5', 'dotnetcore2.1', 'provided']);

/** Whether a function of this runtime can be switched to arm64 (unknown runtimes and container images: yes). */
export function runsOnArm64(runtime: string | undefined): boolean {
  return runtime === undefined || !X86_ONLY.has(runtime);
}
