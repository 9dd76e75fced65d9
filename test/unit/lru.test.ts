/** LruMap: at most `max` entries and `maxBytes` of sizes, the least recently used dropped first, undefined storable; ContentCache: by content. */
import * as assert from 'node:assert/strict';
import { ContentCache, LruMap } from '../../server/src/service/lru';

describe('LruMap', () => {
  it('keeps at most max entries and drops the least recently used', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    assert.equal(m.get('a'), 1); // a is now the most recent
    m.set('c', 3);
    assert.equal(m.size, 2);
    assert.equal(m.has('b'), false);
    assert.deepEqual([m.get('a'), m.get('c')], [1, 3]);
  });
  it('set returns the value and refreshes an existing key', () => {
    const m = new LruMap<string, number>(2);
    assert.equal(m.set('a', 1), 1);
    m.set('b', 2);
    m.set('a', 10);
    m.set('c', 3);
    assert.equal(m.has('b'), false);
    assert.equal(m.get('a'), 10);
  });
  it('stores undefined, told apart by has', () => {
    const m = new LruMap<string, number | undefined>(4);
    m.set('u', undefined);
    assert.equal(m.has('u'), true);
    assert.equal(m.get('u'), undefined);
    assert.equal(m.has('x'), false);
  });
});

describe('LruMap by bytes (issue 12, item 3)', () => {
  it('keeps at most maxBytes of sizes, dropping the least recently used first', () => {
    const m = new LruMap<string, string>(100, 10);
    m.set('a', 'A', 4);
    m.set('b', 'B', 4);
    m.get('a');
    m.set('c', 'C', 4); // 12 > 10: b, the least recently used, goes
    assert.deepEqual([m.has('a'), m.has('b'), m.has('c'), m.bytes], [true, false, true, 8]);
    m.set('a', 'A2', 1); // replacing counts the new size only
    assert.equal(m.bytes, 5);
    m.delete('c');
    assert.deepEqual([m.size, m.bytes], [1, 1]);
  });
  it('does not keep an entry larger than maxBytes alone, and drops what it replaced', () => {
    const m = new LruMap<string, string>(100, 10);
    m.set('a', 'A', 4);
    assert.equal(m.set('a', 'huge', 11), 'huge');
    assert.deepEqual([m.has('a'), m.size, m.bytes], [false, 0, 0]);
  });
});

describe('ContentCache (issue 12, items 3 and 12)', () => {
  it('tells apart long keys of the same length (V8 hashes strings over 16,383 characters by length)', () => {
    const c = new ContentCache<number>(100, Infinity);
    const texts = Array.from({ length: 50 }, (_, i) => 'x'.repeat(20_000) + String(i).padStart(2, '0'));
    texts.forEach((t, i) => c.cached(['fm', t], () => i, () => 0));
    texts.forEach((t, i) => assert.equal(c.get(['fm', t]), i));
    assert.equal(c.get(['fm', 'x'.repeat(20_002)]), undefined);
  });
  it('a hash collision is a miss, never the other content’s value', () => {
    const c = new ContentCache<string>(100, Infinity, () => 42); // every content collides
    assert.equal(c.cached(['a', 'paragraph one'], () => 'one', () => 0), 'one');
    assert.equal(c.get(['a', 'paragraph two']), undefined);
    assert.equal(c.cached(['a', 'paragraph two'], () => 'two', () => 0), 'two');
    assert.equal(c.get(['a', 'paragraph one']), undefined); // replaced, not confused
    assert.equal(c.get(['a', 'paragraph two']), 'two');
    // the parts are compared one by one: ['ab', 'c'] is not ['a', 'bc']
    c.cached(['ab', 'c'], () => 'abc', () => 0);
    assert.equal(c.get(['a', 'bc']), undefined);
  });
  it('keeps undefined values, told apart by entry', () => {
    const c = new ContentCache<number | undefined>(10, Infinity);
    c.set(['u'], undefined, 0);
    assert.deepEqual(c.entry(['u']), { parts: ['u'], value: undefined });
    assert.equal(c.entry(['v']), undefined);
  });
  it('the results of 200 keystrokes in a 500 KB paragraph stay within the bound in bytes (its copy of the text counted)', () => {
    const c = new ContentCache<number[]>(10_000, 16 * 2 ** 20);
    let text = 'a'.repeat(500_000);
    for (let k = 0; k < 200; k++) {
      text = text.slice(0, 250_000) + 'b' + text.slice(250_000);
      c.cached(['fm1', text], () => new Array(1000).fill(k), (v) => 8 * v.length);
      assert.ok(c.bytes <= 16 * 2 ** 20, `${c.bytes} bytes after ${k + 1} keystrokes`);
    }
    assert.ok(c.size >= 1 && c.size <= 16, `${c.size} entries`);
  });
});
