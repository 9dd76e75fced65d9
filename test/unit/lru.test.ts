/** LruMap: at most `max` entries, the least recently used dropped first, undefined storable. */
import * as assert from 'node:assert/strict';
import { LruMap } from '../../server/src/service/lru';

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
