/**
 * The finder's data structures (finder.ts): the trie of folded words (TrieNode), the accepted
 * subsets of a node's forms (Accepted), the open-addressing table of ASCII children (ChildTable)
 * and the raw matches of one scan as parallel typed arrays (Raws). Pure.
 */
import type { Entity } from '../kb/types';
import { Shape } from './chars';
import { NameForm, Rank } from './names';

export const EMPTY_SET: ReadonlySet<string> = new Set<string>();

export class TrieNode {
  /** Children by folded word (every child; ASCII words are also in the finder's ChildTable). */
  next: Map<string, TrieNode> | undefined;
  forms: NameForm[] | undefined;
  /** First letters of the next words: bit 0-25 for a-z, bit 26 for `&` / `and`, bit 27 for anything else. */
  firstLetters = 0;
  /** The accepted subsets of `forms` met so far, by bit mask (forms.length <= 30). */
  accepted: Map<number, Accepted> | undefined;
  /** The subset met last (most names always match the same one). */
  lastAccepted: Accepted | undefined;
  /** Scratch of Context number `gen`: the first raw of this name in its scan (see Context.indexTop). */
  gen = 0;
  head = -1;
  /** The text of the last mention of this name in the current call (most mentions of a name are written alike: one string for them). */
  lastText = '';
  /** Scratch of Context number `contGen`: the continuations of this name in its text. */
  contGen = 0;
  conts: ReadonlySet<string> = EMPTY_SET;
  constructor(readonly id: number) {}
}

/** A subset of a node's forms whose case agrees with the text, shared by every match of it. */
export class Accepted {
  readonly trailingDot: boolean;
  /** The entity id of the first country among the forms (for "<place>, <country>"). */
  readonly countryId: string | undefined;
  /** Some form names a country or a place. */
  readonly countryOrPlace: boolean;
  /** Readings of this subset for the options key `readingsKey` (a one-entry cache), and facts of the first one. */
  readingsKey = -1;
  readings: Reading[] = [];
  topType = '';
  topCapital = false;
  topBig = false;
  constructor(readonly forms: NameForm[], readonly mask: number) {
    this.trailingDot = forms.some((f) => f.trailingDot);
    this.countryId = forms.find((f) => f.entity.type === 'country')?.entity.id;
    this.countryOrPlace = forms.some((f) => f.entity.type === 'country' || f.entity.type === 'place');
  }
}

/**
 * The children of every trie node under ASCII keys, in one open-addressing table keyed by (parent
 * id, folded word): the scan looks a word up by its code units, without slicing or folding it.
 */
export class ChildTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hashes: Int32Array;
  private readonly parents: Int32Array;
  private readonly keys: string[] = [];
  private readonly children: TrieNode[] = [];

  constructor(root: TrieNode) {
    const entries: Array<[TrieNode, string, TrieNode]> = [];
    const stack = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (!node.next) continue;
      for (const [k, child] of node.next) {
        if (isAsciiWord(k)) entries.push([node, k, child]);
        stack.push(child);
      }
    }
    let size = 16;
    while (size < entries.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes = new Int32Array(entries.length);
    this.parents = new Int32Array(entries.length);
    for (const [parent, k, child] of entries) {
      let h = 0;
      for (let i = 0; i < k.length; i++) h = (Math.imul(h, 31) + k.charCodeAt(i)) | 0;
      const j = this.keys.length;
      this.hashes[j] = h;
      this.parents[j] = parent.id;
      this.keys.push(k);
      this.children.push(child);
      let slot = mix(h, parent.id) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = j + 1;
    }
  }

  /** The child of `parent` under the ASCII word text[s, e), whose folded hash is h (see `asciiHash`). */
  get(parent: number, text: string, s: number, e: number, h: number): TrieNode | undefined {
    const mask = this.mask;
    let slot = mix(h, parent) & mask;
    for (;;) {
      const x = this.slots[slot];
      if (x === 0) return undefined;
      const j = x - 1;
      if (this.hashes[j] === h && this.parents[j] === parent) {
        const key = this.keys[j];
        const len = e - s;
        if (key.length === len) {
          // (the word has ASCII letters and digits only: c | 32 is its lower case)
          let i = 0;
          while (i < len && key.charCodeAt(i) === (text.charCodeAt(s + i) | 32)) i++;
          if (i === len) return this.children[j];
        }
      }
      slot = (slot + 1) & mask;
    }
  }
}

export function isAsciiWord(k: string): boolean {
  for (let i = 0; i < k.length; i++) if (k.charCodeAt(i) >= 128) return false;
  return k.length > 0;
}

export function mix(h: number, parent: number): number {
  let x = h ^ Math.imul(parent + 1, 0x9e3779b1);
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  return x ^ (x >>> 13);
}


export function letterBit(c: number): number {
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  if (c >= 65 && c <= 90) return 1 << (c - 65);
  return 1 << 27;
}

/**
 * The names found by one scan, before the context rules, as parallel arrays (no object per
 * name): name i spans start[i]..end[i], and so on. Reused from one scan to the next.
 */
export class Raws {
  length = 0;
  start = new Int32Array(16);
  end = new Int32Array(16);
  /** End of the last word (before a trailing dot). */
  wordEnd = new Int32Array(16);
  tokens = new Int32Array(16);
  firstShape = new Uint8Array(16);
  /** The trie node of the name. */
  readonly node: TrieNode[] = [];
  /** Scratch of Context.indexTop: the next raw of the same name (-1: none). */
  chain = new Int32Array(0);
  /** The forms of the node whose case agrees with the text (shared per node and bit mask; mask -1: not shared). */
  readonly acc: Accepted[] = [];

  push(start: number, end: number, wordEnd: number, tokens: number, firstShape: Shape, node: TrieNode, acc: Accepted): void {
    const n = this.length;
    if (n === this.start.length) this.grow();
    this.start[n] = start;
    this.end[n] = end;
    this.wordEnd[n] = wordEnd;
    this.tokens[n] = tokens;
    this.firstShape[n] = firstShape;
    this.node[n] = node;
    this.acc[n] = acc;
    this.length = n + 1;
  }

  get capacity(): number {
    return this.start.length;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.start = grown(this.start, new Int32Array(size));
    this.end = grown(this.end, new Int32Array(size));
    this.wordEnd = grown(this.wordEnd, new Int32Array(size));
    this.tokens = grown(this.tokens, new Int32Array(size));
    this.firstShape = grown(this.firstShape, new Uint8Array(size));
  }
}

export interface Reading {
  entity: Entity;
  rank: Rank;
  native: boolean;
  foreignOnly: boolean;
}
