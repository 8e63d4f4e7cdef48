/**
 * FNV-1a over UTF-16 code units, 53 bits wide: stable across runs and platforms, cheap, and
 * enough to tell fingerprints apart (not for security).
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0x811c9dc5 ^ seed;
  let h2 = 0x01000193 ^ (seed >>> 1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  h1 ^= h1 >>> 15;
  h2 ^= h2 >>> 13;
  return (h2 >>> 0) * 0x200000 + ((h1 >>> 0) & 0x1fffff);
}

export function hashHex(text: string): string {
  return hash53(text).toString(16).padStart(14, '0');
}

/**
 * A cheap 32-bit key for telling apart events of the same stream and millisecond: two FNV-style
 * lanes over alternate characters (half the loop iterations of plain FNV-1a), then mixed.
 */
export function hash32(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x1b873593;
  const n = text.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ text.charCodeAt(i + 1), 0x5bd1e995);
  }
  if (i < n) a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
  a ^= Math.imul(b ^ (b >>> 15), 0x2c1b3c6d);
  return (a ^ (a >>> 13)) >>> 0;
}
