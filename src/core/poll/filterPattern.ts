/**
 * FilterLogEvents terms (any one matches) that keep every line the engine reads — platform lines,
 * error records, runtime exits, timeouts, out-of-memory texts — and drop ordinary application
 * output, which is most of the bytes. Terms are chosen to match whether CloudWatch compares whole
 * words or substrings; phrases with punctuation are quoted. Known gap: a JSON record whose only
 * sign of an error is a numeric level (pino's 50/60) and no word "error" is not downloaded; turn
 * narrowing off to read everything.
 */
const PLATFORM_TERMS = ['START', 'END', 'REPORT', 'INIT_START', 'INIT_REPORT', 'RESTORE_REPORT', 'XRAY'];
const ERROR_TERMS = [
  'ERROR', 'Error', 'error', 'FATAL', 'Fatal', 'fatal', 'CRITICAL', 'Critical', 'critical',
  'Exception', 'exception', 'Traceback', 'errorType', 'errorMessage', 'Runtime', 'MemoryError', 'OutOfMemoryError',
  '"timed out"', '"out of memory"', '"Process exited"',
];
/**
 * JSON log format: platform events are `"type":"platform.…"`. Asked for whatever the configured
 * format: a window can span a switch of format, and some APIs (and emulators) omit LoggingConfig.
 */
const JSON_PLATFORM_TERMS = ['platform', '"platform."'];

export function filterPatternTerms(): string[] {
  return [...PLATFORM_TERMS, ...ERROR_TERMS, ...JSON_PLATFORM_TERMS];
}

/** The pattern for a log group (the same for both log formats, see JSON_PLATFORM_TERMS). */
export function filterPatternFor(): string {
  return filterPatternTerms()
    .map((term) => `?${term}`)
    .join(' ');
}
