/**
 * The edit between two semantic-token arrays (server/src/lsp/semanticTokensDelta.ts): applied to
 * the old tokens it gives the new ones, on whole tokens, and it is no larger than it must be.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { SemanticTokensEdit } from 'vscode-languageserver-protocol';
import { SemanticTokensCache, tokenEdits } from '../../server/src/lsp/semanticTokensDelta';

function apply(data: readonly number[], edits: readonly SemanticTokensEdit[]): number[] {
  const out = [...data];
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out.splice(e.start, e.deleteCount, ...(e.data ?? []));
  return out;
}
const tokens = fc.array(fc.tuple(fc.nat(3), fc.nat(9), fc.integer({ min: 1, max: 9 }), fc.nat(9), fc.constant(0)), { maxLength: 30 }).map((ts) => ts.flat());

describe('semantic tokens delta', () => {
  it('the edit turns the old tokens into the new, on whole tokens', () => {
    fc.assert(
      fc.property(tokens, tokens, tokens, tokens, (prefix, a, b, suffix) => {
        const prev = [...prefix, ...a, ...suffix];
        const next = [...prefix, ...b, ...suffix];
        const edits = tokenEdits(prev, next);
        assert.deepEqual(apply(prev, edits), next);
        for (const e of edits) {
          assert.equal(e.start % 5, 0);
          assert.equal(e.deleteCount % 5, 0);
          assert.equal((e.data ?? []).length % 5, 0);
          // never more than the part that differs
          assert.ok(e.deleteCount <= a.length && (e.data ?? []).length <= b.length, JSON.stringify({ prev, next, e }));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('equal tokens need no edit', () => {
    assert.deepEqual(tokenEdits([0, 1, 2, 3, 0], [0, 1, 2, 3, 0]), []);
    assert.deepEqual(tokenEdits([], []), []);
  });

  it('a stale previousResultId gets every token again', () => {
    const cache = new SemanticTokensCache();
    const first = cache.full('file:///a.press', { data: [0, 0, 1, 2, 0] });
    assert.ok(first.resultId);
    const delta = cache.delta('file:///a.press', first.resultId!, { data: [0, 0, 1, 2, 0, 1, 0, 3, 4, 0] });
    assert.deepEqual((delta as { edits: SemanticTokensEdit[] }).edits, [{ start: 5, deleteCount: 0, data: [1, 0, 3, 4, 0] }]);
    const stale = cache.delta('file:///a.press', first.resultId!, { data: [0, 0, 1, 2, 0] });
    assert.deepEqual((stale as { data: number[] }).data, [0, 0, 1, 2, 0]);
    assert.notEqual(stale.resultId, delta.resultId);
  });
});
