/**
 * Replace the variable parts of an error message (ids, numbers, quoted values, …) with
 * placeholders, so that the same bug hit with different data groups into one issue.
 * Order matters: structured tokens (ARNs, URLs, UUIDs, times) go before the bare numbers inside them.
 */
// Each rule names what must be in the text for it to match at all: a cheap test that skips it.
type Needs = 'arn' | 'url' | 'at' | 'digit' | 'colon' | 'dot' | "'" | '"' | '`' | 'hexish';
const RULES: ReadonlyArray<readonly [RegExp, string, Needs]> = [
  [/\barn:aws[\w-]*:[^\s"'`,)\]}]+/g, '<arn>', 'arn'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>)]+/gi, '<url>', 'url'],
  [/\b[\w.%+-]+@[\w-]+(?:\.[\w-]+)+\b/g, '<email>', 'at'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>', 'hexish'],
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g, '<time>', 'digit'],
  [/\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b/g, '<time>', 'colon'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>', 'dot'],
  // Quoted values; a quote must open after a non-word character so that "can't … don't" stays.
  [/(^|[\s([{:=,])'[^'\r\n]{0,300}'(?=$|[\s)\]},.:;!?])/g, "$1'<str>'", "'"],
  [/(^|[\s([{:=,])"[^"\r\n]{0,300}"(?=$|[\s)\]},.:;!?])/g, '$1"<str>"', '"'],
  [/(^|[\s([{:=,])`[^`\r\n]{0,300}`(?=$|[\s)\]},.:;!?])/g, '$1`<str>`', '`'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>', 'digit'],
  // Hex or mixed letter-digit tokens of 8+ characters with at least one digit: ids, hashes, tokens.
  [/\b(?=[a-z_-]*\d)(?=\d*[a-z])[\w-]{8,}\b/gi, '<id>', 'digit'],
  [/\b(?=[0-9]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>', 'hexish'],
  // Numbers, also when a unit follows (`1234ms`, `1.5s`), but not inside words (`utf8`, `v2`).
  [/(?<![\w.])-?\d+(?:[.,]\d+)*/g, '<num>', 'digit'],
];

const DIGIT = /\d/;
const HEX_RUN = /[0-9a-f]{8}/i;

function present(text: string, needs: Needs, digits: boolean): boolean {
  switch (needs) {
    case 'arn':
      return text.includes('arn:');
    case 'url':
      return text.includes('://');
    case 'at':
      return text.includes('@');
    case 'digit':
      return digits;
    case 'colon':
      return digits && text.includes(':');
    case 'dot':
      return digits && text.includes('.');
    case 'hexish':
      return HEX_RUN.test(text);
    default:
      return text.includes(needs);
  }
}

export function normalizeMessage(message: string): string {
  let text = message.length > 2000 ? message.slice(0, 2000) : message;
  for (const [pattern, replacement, needs] of RULES) {
    if (present(text, needs, DIGIT.test(text))) text = text.replace(pattern, replacement);
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** A title from an error type and its already normalised first line. */
export function titleFromNormalized(errorType: string, normalizedFirstLine: string): string {
  const title = normalizedFirstLine.length > 0 ? `${errorType}: ${normalizedFirstLine}` : errorType;
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

/** The first line of a message. */
export function firstLineOf(message: string): string {
  return message.split(/\r\n|\r|\n/, 1)[0] ?? '';
}

/** The first line of a message, normalised and kept short enough for a title. */
export function issueTitle(errorType: string, message: string): string {
  return titleFromNormalized(errorType, normalizeMessage(firstLineOf(message)));
}
