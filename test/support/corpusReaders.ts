/**
 * The rules the readers of the CoNLL and JSONL exports apply, for the tests:
 *
 * - CoNLL-2003 (as the CoNLL-2003 shared task files are laid out and read by `conlleval` and
 *   the Hugging Face `conll2003` loader: a line split at spaces, a blank line ends a sentence,
 *   `-DOCSTART-` lines start documents): every non-blank line is `token POS chunk TAG`, four
 *   fields separated by single spaces, the token without white space (Python's `str.split()`
 *   white space included: U+00A0, U+2028…, which would cut it); TAG is `O`, `B-TYPE` or
 *   `I-TYPE` (IOB2/BIO: every I- follows a B- or I- of the same type in the same sentence); no
 *   empty sentences (two blank lines running); a token `-DOCSTART-` only on its own line.
 * - JSONL (read line by line, as srsly/Prodigy and spaCy's converters iterate a file: `\n`,
 *   `\r` and `\r\n` end lines): every line one JSON object; `text` a string; each span's
 *   `start` < `end` integers within the text, in code points (Python `str` indices: what
 *   the JSONL export documents), `label` a string.
 */

/** Python's str.split() white space (what splits a CoNLL line into fields). */
const PY_SPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

export interface ConllSentence {
  tokens: string[];
  tags: string[];
}

export interface ConllReport {
  errors: string[];
  /** Documents (split at -DOCSTART-), each a list of sentences. */
  documents: ConllSentence[][];
}

export function readConll(text: string): ConllReport {
  const errors: string[] = [];
  const documents: ConllSentence[][] = [];
  if (text && !text.endsWith('\n')) errors.push('the file does not end with a line break');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let sentence: ConllSentence | undefined;
  let blankRun = 0;
  lines.forEach((line, n) => {
    const at = `line ${n + 1}`;
    if (line === '') {
      blankRun++;
      if (blankRun > 1) errors.push(`${at}: an empty sentence (two blank lines)`);
      if (sentence) documents[documents.length - 1].push(sentence);
      sentence = undefined;
      return;
    }
    blankRun = 0;
    if (line.includes('\r')) errors.push(`${at}: a carriage return in a line`);
    if (line.startsWith('-DOCSTART-')) {
      if (line !== '-DOCSTART- -X- -X- O') errors.push(`${at}: a malformed -DOCSTART- line`);
      if (sentence) errors.push(`${at}: -DOCSTART- inside a sentence`);
      documents.push([]);
      blankRun = 0; // a blank line may follow it
      return;
    }
    const fields = line.split(' ');
    if (fields.length !== 4 || fields.some((f) => f === '')) {
      errors.push(`${at}: not four fields separated by single spaces: ${JSON.stringify(line)}`);
      return;
    }
    const [token, , , tag] = fields;
    if (PY_SPACE.test(token)) errors.push(`${at}: the token ${JSON.stringify(token)} holds white space a reader splits on`);
    if (!/^(?:O|[BI]-\S+)$/.test(tag)) errors.push(`${at}: ${tag} is not O, B-TYPE or I-TYPE`);
    if (documents.length === 0) documents.push([]);
    if (!sentence) sentence = { tokens: [], tags: [] };
    if (tag.startsWith('I-')) {
      const prev = sentence.tags[sentence.tags.length - 1];
      if (prev === undefined || prev === 'O' || prev.slice(2) !== tag.slice(2)) errors.push(`${at}: ${tag} does not follow B-${tag.slice(2)} or ${tag} (IOB2)`);
    }
    sentence.tokens.push(token);
    sentence.tags.push(tag);
  });
  if (sentence) {
    errors.push('the last sentence has no blank line after it');
    documents[documents.length - 1].push(sentence);
  }
  return { errors, documents };
}

/** The entities of BIO tags: [type, first token, end token) over a document's tokens in order. */
export function bioEntities(sentences: ConllSentence[]): Array<{ type: string; text: string[] }> {
  const out: Array<{ type: string; text: string[] }> = [];
  for (const s of sentences) {
    s.tags.forEach((tag, i) => {
      if (tag.startsWith('B-')) out.push({ type: tag.slice(2), text: [s.tokens[i]] });
      else if (tag.startsWith('I-')) out[out.length - 1]?.text.push(s.tokens[i]);
    });
  }
  return out;
}

export interface JsonlSpan {
  start: number;
  end: number;
  label: string;
  [key: string]: unknown;
}

export interface JsonlRecord {
  text: string;
  spans: JsonlSpan[];
  [key: string]: unknown;
}

export function readJsonl(text: string): { errors: string[]; records: JsonlRecord[] } {
  const errors: string[] = [];
  const records: JsonlRecord[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, n) => {
    const at = `line ${n + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      errors.push(`${at}: not JSON (${(e as Error).message})`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return void errors.push(`${at}: not a JSON object`);
    const r = value as JsonlRecord;
    if (typeof r.text !== 'string') return void errors.push(`${at}: no "text" string`);
    if (!Array.isArray(r.spans)) return void errors.push(`${at}: no "spans" array`);
    const length = [...r.text].length;
    r.spans.forEach((s, k) => {
      if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.start >= s.end || s.end > length) {
        errors.push(`${at}: span ${k} [${s.start}, ${s.end}) is not within the text (${length} code points)`);
      }
      if (typeof s.label !== 'string' || s.label === '') errors.push(`${at}: span ${k} has no label`);
    });
    records.push(r);
  });
  return { errors, records };
}

/** A span's words, in code points (Python `text[start:end]`). */
export function spanText(r: JsonlRecord, s: JsonlSpan): string {
  return [...r.text].slice(s.start, s.end).join('');
}
