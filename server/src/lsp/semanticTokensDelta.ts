/**
 * textDocument/semanticTokens/full/delta: the last tokens sent for each document, so that the
 * next answer can be the edit from them (an edit of a 1 MB document sends the tokens that
 * changed, not every token). The tokens themselves stay pure (service/semanticTokens.ts).
 */
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit } from 'vscode-languageserver/node';

/** Integers per token in the LSP encoding (line, start, length, type, modifiers). */
const TOKEN = 5;

/**
 * The one edit turning `prev` into `next`: their common prefix and suffix kept, whole tokens only
 * (both arrays hold whole tokens). No edit when they are equal.
 */
export function tokenEdits(prev: ArrayLike<number>, next: ArrayLike<number>): SemanticTokensEdit[] {
  const shorter = Math.min(prev.length, next.length);
  let start = 0;
  while (start < shorter && prev[start] === next[start]) start++;
  if (start === prev.length && start === next.length) return [];
  start -= start % TOKEN;
  let tail = 0;
  while (tail < shorter - start && prev[prev.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  tail -= tail % TOKEN;
  return [{ start, deleteCount: prev.length - tail - start, data: Array.prototype.slice.call(next, start, next.length - tail) as number[] }];
}

export class SemanticTokensCache {
  private readonly last = new Map<string, { resultId: string; data: number[] }>();
  private ids = 0;

  /** A full answer, remembered as the base of the next delta. */
  full(uri: string, tokens: SemanticTokens): SemanticTokens {
    const resultId = String(++this.ids);
    this.last.set(uri, { resultId, data: tokens.data });
    return { resultId, data: tokens.data };
  }

  /** The edit from the tokens the client holds (`previousResultId`), or all of them when that is not the last answer. */
  delta(uri: string, previousResultId: string, tokens: SemanticTokens): SemanticTokens | SemanticTokensDelta {
    const prev = this.last.get(uri);
    if (!prev || prev.resultId !== previousResultId) return this.full(uri, tokens);
    const resultId = String(++this.ids);
    this.last.set(uri, { resultId, data: tokens.data });
    return { resultId, edits: tokenEdits(prev.data, tokens.data) };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}
