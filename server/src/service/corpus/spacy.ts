/**
 * JSONL for spaCy and Prodigy's NER recipes (`ner.manual`, `ner.correct`, `data-to-spacy`), one
 * document per line:
 *
 *   {"id", "meta", "text", "tokens": [{"text", "start", "end", "id", "ws"}],
 *    "spans": [{"start", "end", "token_start", "token_end", "label", "kb_id"? | "value"?}],
 *    "answer": "accept"}
 *
 * Offsets are code points (Python's `str`), `token_end` is inclusive (Prodigy's rule). Spans do
 * not overlap, as a named-entity model needs: nested annotations are flattened to one layer,
 * the outermost by default (what CoNLL also keeps) or the innermost (`layer: 'innermost'`: the
 * annotations that hold no other). Tokens are those of tokens.ts, cut at the kept spans' edges,
 * so every span starts and ends at a token boundary. Not a lossless format: the other layer,
 * attributes and the exact writing are left out; reading it back goes through the JSONL reader.
 * Pure; never throws.
 */
import type { CorpusDocument, CorpusSpan } from './document';
import { Offsets } from './foreign';
import { tokenize } from './tokens';

export type SpacyLayer = 'outermost' | 'innermost';

export interface SpacyOptions {
  layer: SpacyLayer;
  isTimex(type: string): boolean;
}

/** The spans of one layer, non-overlapping, in order (doc.spans is in pre-order). */
export function layerSpans(spans: readonly CorpusSpan[], layer: SpacyLayer): CorpusSpan[] {
  const out: CorpusSpan[] = [];
  if (layer === 'outermost') {
    let reach = -1;
    for (const s of spans) {
      if (s.start >= reach) {
        out.push(s);
        reach = s.end;
      }
    }
    return out;
  }
  // Innermost: a span is a leaf when the next span in pre-order does not start inside it.
  spans.forEach((s, i) => {
    const next = spans[i + 1];
    if (!next || next.start >= s.end) out.push(s);
  });
  return out;
}

/** One JSONL line for spaCy/Prodigy. */
export function toSpacy(id: string, doc: CorpusDocument, options: SpacyOptions): string {
  const kept = layerSpans(doc.spans, options.layer);
  const cuts: number[] = [];
  for (const s of kept) cuts.push(s.start, s.end);
  const tokens = tokenize(doc.text, cuts);
  const off = new Offsets(doc.text, 'code-points');
  // The tokens inside each kept span (spans are in order and apart; a span's edges are cuts, so
  // a token is inside or outside it; white space at an edge holds no token).
  let k = 0;
  const spans = kept.map((s) => {
    while (k < tokens.length && tokens[k].start < s.start) k++;
    const first = k;
    while (k < tokens.length && tokens[k].end <= s.end) k++;
    const out: Record<string, unknown> = { start: off.of(s.start), end: off.of(s.end), token_start: first, token_end: k - 1, label: s.type };
    if (s.id) out[options.isTimex(s.type) ? 'value' : 'kb_id'] = s.id;
    return out;
  });
  const tokenRows = tokens.map((t, i) => ({ text: doc.text.slice(t.start, t.end), start: off.of(t.start), end: off.of(t.end), id: i, ws: /^\s/.test(doc.text.slice(t.end, t.end + 1)) }));
  return JSON.stringify({ id, meta: doc.meta, text: doc.text, tokens: tokenRows, spans, answer: 'accept' });
}
