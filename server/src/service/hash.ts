/**
 * Content hashes for cache keys. V8 hashes a string of more than 16,383 characters by its length
 * alone, so long strings used as Map keys (a paragraph, a front matter, a label) all collide and
 * every lookup compares them in full: a 32 KB front matter once made an analysis take 20 s. The
 * caches key by this hash instead (a number, hashed by V8 in constant time) and compare the
 * stored text on a hit (`ContentCache` in lru.ts), so a collision costs a miss, never a wrong
 * answer.
 *
 * The hash is cyrb53 (two 32-bit multiply-xor lanes, mixed at the end; public domain, by bryc):
 * about 4 ns per character in pure JS (2 ms for a 500 KB paragraph), 53 bits, so that it is an
 * exact integer.
 */

const SEED1 = 0xdeadbeef;
const SEED2 = 0x41c6ce57;

/**
 * A 53-bit hash of the strings `parts` (each part's length is mixed in before it, so that
 * `["ab", "c"]` and `["a", "bc"]` differ). Not cryptographic: equal hashes do not mean equal
 * strings, and callers compare the strings.
 */
export function hashParts(parts: readonly string[]): number {
  let h1 = SEED1;
  let h2 = SEED2;
  for (let p = 0; p < parts.length; p++) {
    const s = parts[p];
    const n = s.length;
    h1 = Math.imul(h1 ^ n, 2654435761);
    h2 = Math.imul(h2 ^ n, 1597334677);
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The hash of one string. */
export function hashText(s: string): number {
  return hashParts([s]);
}
