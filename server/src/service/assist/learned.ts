/**
 * Workspace learning (issue 13, item 2): the names annotated in the workspace's `.press` files,
 * with their type, id and how many times, as the pipeline's workspace recognizer takes them
 * (`Learned[]` with a version). Incremental: each document's contribution is kept, and a changed
 * document replaces its own contribution (its counts taken out, the new ones put in) without
 * looking at any other. The version changes only when the merged names or counts do, so edits
 * that touch no annotation keep the suggestion caches warm. Pure: the caller hands in parsed
 * documents (node side: the workspace index and the open buffers).
 */
import type { Learned } from '../mentions/candidate';
import type { PressDocument } from '../model';
import { DATE_TYPES } from '../mentions/suggestions';
import { isValidId } from '../ids';

/** Labels longer than this are not learned (a name is a few words). */
const MAX_LABEL = 120;

/** One document's names: key → count. The key is type, id and label joined by U+0000. */
type Contribution = Map<string, number>;

const SEP = '\u0000';

/** The label as a reader sees it, on one line. */
function labelOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The names a document teaches: every annotation with a type whose label has a letter or a digit,
 * except temporal ones (a date's value depends on its document's publication date) and markup
 * being written (an unclosed spec, an id that breaks the id syntax).
 */
export function contributionOf(doc: PressDocument): Contribution {
  const out: Contribution = new Map();
  for (const a of doc.all) {
    if (!a.type || !a.specClosed || DATE_TYPES.includes(a.type) || (a.id && !isValidId(a.id))) continue;
    const text = labelOf(a.text);
    if (!text || text.length > MAX_LABEL || !/[\p{L}\p{N}]/u.test(text)) continue;
    const key = a.type + SEP + (a.id ?? '') + SEP + text;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function sameContribution(a: Contribution | undefined, b: Contribution): boolean {
  if (!a) return b.size === 0;
  if (a.size !== b.size) return false;
  for (const [k, n] of b) if (a.get(k) !== n) return false;
  return true;
}

/** Instances, so that two indexes never share a version string (the caches are keyed by it). */
let instances = 0;

export class LearnedIndex {
  private readonly instance = ++instances;
  private readonly byDoc = new Map<string, Contribution>();
  private readonly totals = new Map<string, number>();
  private version = 0;
  private snapshot: { version: string; names: readonly Learned[] } | undefined;

  /** Sets (or replaces) a document's contribution; `doc` undefined: the document is gone. Returns whether the names changed. */
  update(uri: string, doc: PressDocument | undefined): boolean {
    const next = doc ? contributionOf(doc) : new Map<string, number>();
    const prev = this.byDoc.get(uri);
    if (sameContribution(prev, next)) {
      if (!doc) this.byDoc.delete(uri);
      return false;
    }
    if (prev) for (const [k, n] of prev) this.add(k, -n);
    for (const [k, n] of next) this.add(k, n);
    if (doc && next.size) this.byDoc.set(uri, next);
    else this.byDoc.delete(uri);
    this.version++;
    this.snapshot = undefined;
    return true;
  }

  private add(key: string, n: number): void {
    const v = (this.totals.get(key) ?? 0) + n;
    if (v > 0) this.totals.set(key, v);
    else this.totals.delete(key);
  }

  has(uri: string): boolean {
    return this.byDoc.has(uri);
  }

  /** The documents that contribute names. */
  documents(): number {
    return this.byDoc.size;
  }

  /** Every learned name, sorted by type, id and text, with a version that changes with them. */
  names(): { version: string; names: readonly Learned[] } {
    if (!this.snapshot) {
      const names: Learned[] = [];
      for (const [key, count] of this.totals) {
        const [type, id, text] = key.split(SEP);
        names.push({ text, type, id, count });
      }
      names.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      this.snapshot = { version: `learned-${this.instance}#${this.version}`, names };
    }
    return this.snapshot;
  }
}

/** Per learned snapshot: the names of the types of one schema (the same snapshot and types give the same object). */
const ofTypesMemo = new WeakMap<object, WeakMap<ReadonlyMap<string, unknown>, { version: string; names: readonly Learned[] }>>();

/**
 * The learned names whose type the document's schema has (`config.types`). An annotation of a
 * type the schema does not know (`[Luxembourg]{cuontry:LU}`, an error of its own) teaches
 * nothing: otherwise its reading would win over the built-in one on the same words and then be
 * left out as a type nobody annotates, hiding the right proposal.
 */
export function learnedOfTypes(learned: { version: string; names: readonly Learned[] }, types: ReadonlyMap<string, unknown>): { version: string; names: readonly Learned[] } {
  let byTypes = ofTypesMemo.get(learned);
  if (!byTypes) ofTypesMemo.set(learned, (byTypes = new WeakMap()));
  let hit = byTypes.get(types);
  if (!hit) {
    const names = learned.names.filter((n) => types.has(n.type));
    hit = names.length === learned.names.length ? learned : { version: `${learned.version}:${[...types.keys()].sort().join(',')}`, names };
    byTypes.set(types, hit);
  }
  return hit;
}
