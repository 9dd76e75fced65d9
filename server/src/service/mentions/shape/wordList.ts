/**
 * The words of a paragraph for the shape recognizers (places.ts, people.ts): read once per text,
 * into typed arrays grown once and reused from one call to the next (issue 12, the typing
 * budget: an object per word was ~6 MB per keystroke in a 500 KB paragraph). A word is a maximal
 * run of word code units (chars.ts), read with the finder's readWord (scan.ts): where it starts
 * and ends, its shape (as shapeOf), the hash of its lower-cased code units (for WordMap and
 * WordSet look-ups without a slice), whether it has non-ASCII code units, its line (0-based).
 * The folded key (chars.ts foldToken, as kb/normalize.ts folds names) is made only for a word
 * asked about, once per text.
 *
 * Single-threaded, one text at a time: `read` of another text invalidates what was read before
 * (the recognizers run one after the other on the same paragraph, which is read once). Pure;
 * never throws.
 */
import { CLASS_TABLE, charClass, foldToken, UNKNOWN, WORD } from '../chars';
import { readWord, WORD_INFO } from '../scan';
import type { WordMap } from '../words';

const INITIAL_SIZE = 256;

export class WordList {
  /** Number of words. */
  n = 0;
  /** The text read. */
  text = '';
  start: Int32Array = new Int32Array(INITIAL_SIZE);
  end: Int32Array = new Int32Array(INITIAL_SIZE);
  line: Int32Array = new Int32Array(INITIAL_SIZE);
  /** The hash of the lower-cased code units (readWord's; meaningful when `wide` is 0). */
  hash: Int32Array = new Int32Array(INITIAL_SIZE);
  /** chars.ts Shape. */
  shape: Uint8Array = new Uint8Array(INITIAL_SIZE);
  /** 1 when the word has non-ASCII code units. */
  wide: Uint8Array = new Uint8Array(INITIAL_SIZE);
  /** Folded keys, valid where `keyRead` is the current reading. */
  private keys: string[] = new Array<string>(INITIAL_SIZE).fill('');
  private keyRead: Int32Array = new Int32Array(INITIAL_SIZE);
  /** Number of the current reading (never 0, the value of a slot not filled yet). */
  private reading = 0;
  /** `text` was read (the initial empty text was not). */
  private done = false;

  /** Reads the words of `text`, unless it is the text read last. */
  read(text: string): this {
    if (this.done && text === this.text) return this;
    this.text = text;
    this.done = true;
    this.n = 0;
    this.reading = (this.reading + 1) | 0 || 1;
    const len = text.length;
    const T = CLASS_TABLE;
    let line = 0;
    let i = 0;
    while (i < len) {
      const c = text.charCodeAt(i);
      let k = T[c];
      if (k & UNKNOWN) k = charClass(c);
      if (!(k & WORD)) {
        if (c === 10) line++;
        i++;
        continue;
      }
      const e = readWord(text, i);
      if (this.n === this.start.length) this.grow();
      const n = this.n++;
      this.start[n] = i;
      this.end[n] = e;
      this.line[n] = line;
      this.shape[n] = WORD_INFO[0];
      this.hash[n] = WORD_INFO[1];
      this.wide[n] = WORD_INFO[2];
      i = e;
    }
    return this;
  }

  private grow(): void {
    const size = this.start.length * 2;
    this.start = grown32(this.start, size);
    this.end = grown32(this.end, size);
    this.line = grown32(this.line, size);
    this.hash = grown32(this.hash, size);
    this.keyRead = grown32(this.keyRead, size);
    this.shape = grown8(this.shape, size);
    this.wide = grown8(this.wide, size);
    // a packed array of strings as long as the others (a write far past the end of [] would make it a dictionary)
    for (let k = this.keys.length; k < size; k++) this.keys.push('');
  }

  /** The folded key of word i: lower case, diacritics removed (foldToken). */
  key(i: number): string {
    if (this.keyRead[i] === this.reading) return this.keys[i];
    const word = this.text.slice(this.start[i], this.end[i]);
    const key = foldToken(word, this.wide[i] === 1);
    this.keys[i] = key;
    this.keyRead[i] = this.reading;
    return key;
  }

  /** The value of word i's key in the map (`map.get(key(i))`), without a slice for an ASCII word. */
  lookup<V>(map: WordMap<V>, i: number): V | undefined {
    return this.wide[i] ? map.get(this.key(i)) : map.getHashed(this.text, this.start[i], this.end[i], this.hash[i]);
  }

  /** Word i's key is `key` (an ASCII key in lower case, or any folded key). */
  is(i: number, key: string): boolean {
    if (this.wide[i]) return this.key(i) === key;
    const s = this.start[i];
    const len = this.end[i] - s;
    if (len !== key.length) return false;
    const t = this.text;
    for (let q = 0; q < len; q++) {
      let c = t.charCodeAt(s + q);
      if (c >= 65 && c <= 90) c |= 32;
      if (c !== key.charCodeAt(q)) return false;
    }
    return true;
  }
}

function grown32(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function grown8(a: Uint8Array, size: number): Uint8Array {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}

/** The word list the shape recognizers share. */
export const SHAPE_WORDS = new WordList();
