/**
 * CoNLL-2003 with BIO (IOB2) tags: one token per line (`token _ _ TAG`, the four columns of
 * CoNLL-2003 with part of speech and chunk left empty), a blank line after each sentence and
 * `-DOCSTART- -X- -X- O` before each document. Nested annotations are flattened to the
 * outermost one; tags are `B-type`/`I-type` with the annotation type as written (`B-country`).
 * Pure; never throws.
 */
import type { CorpusDocument } from './document';
import { sentences, tokenize, type Token } from './tokens';

export const DOCSTART = '-DOCSTART- -X- -X- O';

export interface Tagged {
  tokens: Token[];
  /** For each token: the type of the outermost annotation covering it, or undefined. */
  types: Array<string | undefined>;
  /** For each token: the index of that annotation in doc.spans, or -1. */
  owners: number[];
}

/** Every span boundary of a document (where tokens are cut). */
export function boundariesOf(doc: CorpusDocument): number[] {
  const out: number[] = [];
  for (const s of doc.spans) out.push(s.start, s.end);
  return out;
}

/** Tokens of the document (or the tokens given) with the outermost annotation of each. */
export function tagTokens(doc: CorpusDocument, tokens: Token[] = tokenize(doc.text, boundariesOf(doc))): Tagged {
  // Outermost spans, in order (doc.spans is in pre-order).
  const outer: number[] = [];
  let reach = -1;
  doc.spans.forEach((s, i) => {
    if (s.start >= reach) {
      outer.push(i);
      reach = s.end;
    }
  });
  const types: Array<string | undefined> = [];
  const owners: number[] = [];
  let k = 0;
  for (const t of tokens) {
    while (k < outer.length && doc.spans[outer[k]].end <= t.start) k++;
    const s = k < outer.length ? doc.spans[outer[k]] : undefined;
    const inside = s !== undefined && s.start <= t.start && t.end <= s.end;
    types.push(inside ? s.type : undefined);
    owners.push(inside ? outer[k] : -1);
  }
  return { tokens, types, owners };
}

/** BIO tags of tagged tokens. */
export function bioTags(tagged: Tagged): string[] {
  return tagged.types.map((type, i) => (type === undefined ? 'O' : (i > 0 && tagged.owners[i - 1] === tagged.owners[i] ? 'I-' : 'B-') + type));
}

/** One document in CoNLL-2003 form, `-DOCSTART-` line first, ending with a blank line. */
export function toConll(doc: CorpusDocument): string {
  const tagged = tagTokens(doc);
  const tags = bioTags(tagged);
  const { tokens, owners } = tagged;
  const lines: string[] = [DOCSTART, ''];
  for (const [from, to] of sentences(doc.text, tokens, (i) => owners[i] >= 0 && owners[i] === owners[i + 1])) {
    for (let i = from; i < to; i++) lines.push(`${doc.text.slice(tokens[i].start, tokens[i].end)} _ _ ${tags[i]}`);
    lines.push('');
  }
  return lines.join('\n') + '\n';
}
