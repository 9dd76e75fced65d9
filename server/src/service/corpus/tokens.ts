/**
 * Tokens and sentences of a plain text, for CoNLL export and token-level agreement.
 *
 * A token is a word (letters, marks and digits, joined by inner hyphens and apostrophes), a
 * number (digits joined by `.,:/` between digits) or any other single character that is not
 * white space. Tokens are also cut at every annotation boundary, so an annotation always
 * covers whole tokens. A sentence ends after `.`, `!`, `?` or `…` (and the closing quotes or
 * brackets after it) when the next token starts with a capital, a digit or an opening quote —
 * unless the word before the full stop is an abbreviation or an initial — and at every line
 * break; never inside an annotation. Pure; never throws.
 */

export interface Token {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
}

/** White space for tokenizing: JavaScript's `\s` plus what Python's `str.split()` also splits on. */
const SPACE = '\\s\\x1c-\\x1f\\x85';
const TOKEN_RE = new RegExp(
  `[\\p{L}\\p{M}\\p{N}]+(?:(?:['’\\-‐]|(?<=\\p{N})[.,:/](?=\\p{N}))[\\p{L}\\p{M}\\p{N}]+)*|[^${SPACE}]`,
  'gu',
);

/** Tokens of text, cut at the given boundaries (sorted or not). */
export function tokenize(text: string, boundaries: readonly number[] = []): Token[] {
  const cuts = [...new Set(boundaries)].sort((a, b) => a - b);
  const out: Token[] = [];
  let k = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    let start = m.index;
    const end = start + m[0].length;
    while (k < cuts.length && cuts[k] <= start) k++;
    while (k < cuts.length && cuts[k] < end) {
      if (cuts[k] > start) {
        out.push({ start, end: cuts[k] });
        start = cuts[k];
      }
      k++;
    }
    out.push({ start, end });
  }
  return out;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm gov sen rep amb pres inc ltd co corp no nos vs etc approx dept est fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft'.split(' '),
);
const FINAL = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);

/**
 * Sentences as ranges of token indices [from, to). `joined(i)` says that tokens i and i + 1
 * are in one annotation (no sentence break between them).
 */
export function sentences(text: string, tokens: readonly Token[], joined: (i: number) => boolean = () => false): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  const lineBreakAfter = (i: number): boolean => /[\r\n\u2028\u2029\x1c-\x1e\x85\v\f]/.test(text.slice(tokens[i].end, tokens[i + 1].start));
  const cutAfter = (i: number): void => {
    out.push([from, i + 1]);
    from = i + 1;
  };
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (joined(i)) continue;
    const t = tokens[i];
    if (!FINAL.has(text.slice(t.start, t.end))) {
      if (lineBreakAfter(i)) cutAfter(i);
      continue;
    }
    // Take the closing quotes and brackets that follow without a space.
    const f = i;
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1].start === tokens[j].end && CLOSERS.has(text.slice(tokens[j + 1].start, tokens[j + 1].end)) && !joined(j)) j++;
    i = j;
    if (j + 1 >= tokens.length || joined(j)) continue;
    const next = tokens[j + 1];
    const prev = j === f && f > 0 ? tokens[f - 1] : undefined;
    const word = prev && prev.end === t.start ? text.slice(prev.start, prev.end) : '';
    const abbreviation = text.slice(t.start, t.end) === '.' && (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{L}$/u.test(word));
    // `NUR-SULTAN. KAZINFORM - …`: a dateline, not two sentences.
    const dateline = isCapsWord(word) && isCapsWord(text.slice(next.start, next.end));
    if (lineBreakAfter(j) || (!abbreviation && !dateline && next.start > tokens[j].end && startsSentence(text, next))) cutAfter(j);
  }
  if (from < tokens.length) out.push([from, tokens.length]);
  return out;
}

function isCapsWord(s: string): boolean {
  return s.length > 1 && /^\p{Lu}[\p{Lu}\p{N}-]+$/u.test(s);
}

function startsSentence(text: string, t: Token): boolean {
  return /^[\p{Lu}\p{N}"“‘'«(\[]/u.test(text.slice(t.start, t.end));
}
