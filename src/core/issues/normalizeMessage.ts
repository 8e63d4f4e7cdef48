/**
 * Replace the variable parts of an error message (ids, numbers, quoted values, …) with
 * placeholders, so that the same bug hit with different data groups into one issue.
 * Order matters: structured tokens (ARNs, URLs, UUIDs, times) go before the bare numbers inside them.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\barn:aws[\w-]*:[^\s"'`,)\]}]+/g, '<arn>'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>)]+/gi, '<url>'],
  [/\b[\w.%+-]+@[\w-]+(?:\.[\w-]+)+\b/g, '<email>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g, '<time>'],
  [/\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b/g, '<time>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>'],
  // Quoted values; a quote must open after a non-word character so that "can't … don't" stays.
  [/(^|[\s([{:=,])'[^'\r\n]{0,300}'(?=$|[\s)\]},.:;!?])/g, "$1'<str>'"],
  [/(^|[\s([{:=,])"[^"\r\n]{0,300}"(?=$|[\s)\]},.:;!?])/g, '$1"<str>"'],
  [/(^|[\s([{:=,])`[^`\r\n]{0,300}`(?=$|[\s)\]},.:;!?])/g, '$1`<str>`'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // Hex or mixed letter-digit tokens of 8+ characters with at least one digit: ids, hashes, tokens.
  [/\b(?=[a-z_-]*\d)(?=\d*[a-z])[\w-]{8,}\b/gi, '<id>'],
  [/\b(?=[0-9]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>'],
  // Numbers, also when a unit follows (`1234ms`, `1.5s`), but not inside words (`utf8`, `v2`).
  [/(?<![\w.])-?\d+(?:[.,]\d+)*/g, '<num>'],
];

export function normalizeMessage(message: string): string {
  let text = message.length > 2000 ? message.slice(0, 2000) : message;
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  return text.replace(/\s+/g, ' ').trim();
}

/** The first line of a message, normalised and kept short enough for a title. */
export function issueTitle(errorType: string, message: string): string {
  const firstLine = message.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const normalized = normalizeMessage(firstLine);
  const title = normalized.length > 0 ? `${errorType}: ${normalized}` : errorType;
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}
