/**
 * Review mode's state, without `vscode` (client/src/review.ts drives it; test/unit/reviewCore.test.ts
 * tests it): where the review is in the document, what was decided (for the counts, the summary
 * and undo), and the offsets it keeps, mapped through every change of the documents so that an
 * edit (the review's own or the user's) never leaves them stale.
 *
 * Offsets are UTF-16 offsets into a document's text, as `TextDocument.offsetAt` gives them; a
 * change is `TextDocumentContentChangeEvent`'s `rangeOffset`, `rangeLength`, `text`, the changes of
 * one event applied one after the other (as the extension host applies them).
 */

export interface Change {
  offset: number;
  length: number;
  text: string;
}

/**
 * An offset after a change. An offset where text is inserted stays before it (`left`) or moves
 * after it (`right`); one inside replaced text goes to the end of the new text (to its start when
 * it was the replaced text's start).
 */
export function mapOffset(o: number, c: Change, stick: 'left' | 'right'): number {
  const end = c.offset + c.length;
  if (o < c.offset) return o;
  if (o > end) return o + c.text.length - c.length;
  if (c.length === 0) return stick === 'right' ? o + c.text.length : o;
  if (o === c.offset) return o;
  return c.offset + c.text.length;
}

/** Text a decision put into a document: where it is now, what it is, what it replaced. */
export interface Piece {
  uri: string;
  start: number;
  end: number;
  inserted: string;
  old: string;
}

function mapPiece(p: Piece, c: Change): Piece {
  const start = mapOffset(p.start, c, 'right');
  return { ...p, start, end: Math.max(start, mapOffset(p.end, c, 'left')) };
}

/**
 * Records the changes one applied edit makes: given each document's text before, the pieces of
 * text the edit put in (each mapped through the changes after it), so that undo can put back what
 * they replaced.
 */
export class EditRecorder {
  readonly pieces: Piece[] = [];
  private readonly texts: Map<string, string>;
  constructor(before: ReadonlyMap<string, string>) {
    this.texts = new Map(before);
  }
  /** The changes of one change event of a document, in event order. */
  onChanges(uri: string, changes: readonly Change[]): void {
    let text = this.texts.get(uri) ?? '';
    for (const c of changes) {
      for (let i = 0; i < this.pieces.length; i++) if (this.pieces[i].uri === uri) this.pieces[i] = mapPiece(this.pieces[i], c);
      const old = text.slice(c.offset, c.offset + c.length);
      text = text.slice(0, c.offset) + c.text + text.slice(c.offset + c.length);
      this.pieces.push({ uri, start: c.offset, end: c.offset + c.text.length, inserted: c.text, old });
    }
    this.texts.set(uri, text);
  }
}

export type DecisionKind = 'accept' | 'reject' | 'skip';

export interface Decision {
  kind: DecisionKind;
  /** Suggestions decided (more than 1 for "accept all like this"). */
  count: number;
  /** The review's position before the decision (where undo goes back to). */
  cursorBefore: number;
  /** What the decision wrote (none for a skip). */
  pieces: Piece[];
}

export interface Counts {
  accepted: number;
  rejected: number;
  skipped: number;
}

/**
 * The review of one document. `cursor` is the offset the review has reached: the current
 * suggestion is the first one starting at or after it (document order), everything before it was
 * decided or is left alone.
 */
export class ReviewState {
  cursor = 0;
  readonly history: Decision[] = [];
  readonly counts: Counts = { accepted: 0, rejected: 0, skipped: 0 };
  constructor(readonly uri: string) {}

  /** The current suggestion among `items` (sorted by start), or undefined when the review is through. */
  current<T extends { start: number }>(items: readonly T[]): T | undefined {
    return items.find((s) => s.start >= this.cursor);
  }

  /** "Review k of n": k = decided + 1, n = decided + the suggestions still ahead. */
  progress(items: ReadonlyArray<{ start: number }>): { index: number; total: number } {
    const decided = this.decided();
    const ahead = items.filter((s) => s.start >= this.cursor).length;
    return { index: decided + 1, total: decided + ahead };
  }

  decided(): number {
    return this.counts.accepted + this.counts.rejected + this.counts.skipped;
  }

  /** A change of a document: the cursor (when it is this review's document) and the recorded pieces follow it. */
  onChanges(uri: string, changes: readonly Change[]): void {
    for (const c of changes) {
      if (uri === this.uri) this.cursor = mapOffset(this.cursor, c, 'right');
      for (const d of this.history) {
        if (uri === this.uri) d.cursorBefore = mapOffset(d.cursorBefore, c, 'left');
        d.pieces = d.pieces.map((p) => (p.uri === uri ? mapPiece(p, c) : p));
      }
    }
  }

  /** Records a decision taken at `cursorBefore`; the cursor was already moved past the suggestion. */
  decide(kind: DecisionKind, count: number, cursorBefore: number, pieces: Piece[] = []): void {
    this.history.push({ kind, count, cursorBefore, pieces });
    this.add(kind, count);
  }

  /** Takes back the last decision: its counts and the cursor; the caller reverts its pieces. */
  undo(): Decision | undefined {
    const d = this.history.pop();
    if (!d) return undefined;
    this.add(d.kind, -d.count);
    this.cursor = d.cursorBefore;
    return d;
  }

  private add(kind: DecisionKind, n: number): void {
    if (kind === 'accept') this.counts.accepted += n;
    else if (kind === 'reject') this.counts.rejected += n;
    else this.counts.skipped += n;
  }
}

/** The edits that revert pieces (text put back where each piece is), or the first piece whose text changed since. */
export function revertEdits(pieces: readonly Piece[], textAt: (uri: string, start: number, end: number) => string | undefined): { edits: Piece[] } | { changed: Piece } {
  for (const p of pieces) if (textAt(p.uri, p.start, p.end) !== p.inserted) return { changed: p };
  return { edits: pieces.filter((p) => p.inserted !== p.old) };
}

const plural = (n: number, word: string) => `${n} ${word}`;

/** The message at the end: "Review finished: 2 accepted, 1 rejected, 1 skipped." (with what is left when stopped early). */
export function summary(counts: Counts, left: number): string {
  const parts = `${plural(counts.accepted, 'accepted')}, ${plural(counts.rejected, 'rejected')}, ${plural(counts.skipped, 'skipped')}`;
  return left > 0 ? `Review stopped: ${parts}; ${left} not reviewed.` : `Review finished: ${parts}.`;
}
