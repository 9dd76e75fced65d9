/**
 * The bounds of every cache of the core (paragraph results, entity problems, mention messages,
 * dates, parsed documents), so that an editor session or a corpus run keeps a flat memory.
 *
 * `LruMap` keeps at most `max` entries and at most `maxBytes` of their approximate sizes (given
 * by the caller: a paragraph's problems cost far more than a date's value), and drops the least
 * recently used first. `ContentCache` keys by content: a value is kept by the strings it was
 * computed from, under their hash (hash.ts), and the strings are compared on a hit.
 */
import { hashParts } from './hash';

interface Slot<V> {
  value: V;
  bytes: number;
}

export class LruMap<K, V> {
  private readonly map = new Map<K, Slot<V>>();
  private total = 0;

  /** `max` entries at most; `maxBytes` of sizes at most (an entry larger than that alone is not kept). */
  constructor(
    readonly max: number,
    readonly maxBytes = Infinity,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** The sum of the sizes of the entries kept. */
  get bytes(): number {
    return this.total;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** The value, now the most recently used; undefined when absent (use `has` for stored undefined). */
  get(key: K): V | undefined {
    const slot = this.map.get(key);
    if (!slot) return undefined;
    this.map.delete(key);
    this.map.set(key, slot);
    return slot.value;
  }

  /**
   * Stores the value as the most recently used, with its approximate size in bytes, and drops the
   * least recently used entries beyond `max` entries or `maxBytes`. Returns the value (kept or not).
   */
  set(key: K, value: V, bytes = 0): V {
    this.delete(key);
    if (bytes > this.maxBytes) return value;
    this.map.set(key, { value, bytes });
    this.total += bytes;
    while (this.map.size > this.max || this.total > this.maxBytes) {
      const oldest = this.map.keys().next().value as K;
      this.delete(oldest);
    }
    return value;
  }

  delete(key: K): boolean {
    const slot = this.map.get(key);
    if (!slot) return false;
    this.total -= slot.bytes;
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}

/** What an entry costs besides its value and its strings (the slot, the map's entry, the arrays). */
const ENTRY_BYTES = 120;

/** Approximate bytes of strings: two per UTF-16 unit (the worst case) and a header each. */
export function stringBytes(parts: readonly string[]): number {
  let n = 0;
  for (const s of parts) n += 2 * s.length + 24;
  return n;
}

/**
 * A string equal to `s` that keeps nothing else alive: a substring in V8 may be a view into the
 * whole text it was cut from (a paragraph kept by a cache would keep its document), and
 * flattening `s + one character` copies it.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (s + '\u0000').slice(0, s.length);
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Values by the strings they were computed from (`parts`: a paragraph and the front matter key,
 * a label and a publication date...), bounded like `LruMap`. Keys are the 53-bit hash of the
 * parts, never the strings themselves: V8 hashes a string longer than 16,383 characters by its
 * length only, so long string keys collide and each lookup would compare them all. Safe: an entry
 * keeps its own copy of its parts and a hit compares them with the asked parts in full, so two
 * contents with the same hash can only replace each other (a miss), never answer for each other.
 */
export class ContentCache<V> {
  private readonly map: LruMap<number, { parts: readonly string[]; value: V }>;

  /** `hash`: hashParts (another only in tests, to make contents collide). */
  constructor(
    max: number,
    maxBytes: number,
    private readonly hash: (parts: readonly string[]) => number = hashParts,
  ) {
    this.map = new LruMap(max, maxBytes);
  }

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.map.bytes;
  }

  /** What is kept for exactly these parts (`{ value }`, which may be undefined), or undefined. */
  entry(parts: readonly string[]): { readonly value: V } | undefined {
    const slot = this.map.get(this.hash(parts));
    return slot && sameParts(slot.parts, parts) ? slot : undefined;
  }

  /** The value kept for exactly these parts, or undefined (`entry` tells a stored undefined apart). */
  get(parts: readonly string[]): V | undefined {
    return this.entry(parts)?.value;
  }

  /** Keeps the value for these parts, with its approximate size in bytes (the cache adds its copy of the parts). */
  set(parts: readonly string[], value: V, bytes: number): V {
    const own = parts.map(ownCopy);
    return this.map.set(this.hash(own), { parts: own, value }, ENTRY_BYTES + stringBytes(own) + bytes).value;
  }

  /**
   * The value kept for these parts, or `make()`'s, kept with its approximate size `bytesOf(value)`
   * (the cache adds its copy of the parts). One hash per call.
   */
  cached(parts: readonly string[], make: () => V, bytesOf: (value: V) => number): V {
    const key = this.hash(parts);
    const slot = this.map.get(key);
    if (slot && sameParts(slot.parts, parts)) return slot.value;
    const value = make();
    const own = parts.map(ownCopy);
    this.map.set(key, { parts: own, value }, ENTRY_BYTES + stringBytes(own) + bytesOf(value));
    return value;
  }

  clear(): void {
    this.map.clear();
  }
}
