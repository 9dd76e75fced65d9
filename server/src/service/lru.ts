/**
 * A map that keeps at most `max` entries and drops the least recently used one first: the bound
 * of every cache of the core (paragraph results, entity problems, mention messages, dates), so
 * that an editor session or a corpus run keeps a flat memory.
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** The value, now the most recently used; undefined when absent (use `has` for stored undefined). */
  get(key: K): V | undefined {
    if (!this.map.has(key)) return undefined;
    const value = this.map.get(key) as V;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  /** Stores the value as the most recently used, dropping the least recently used beyond `max`. */
  set(key: K, value: V): V {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
    return value;
  }
}
