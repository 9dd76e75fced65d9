/**
 * Review mode's state (client/src/reviewCore.ts): the order of the walk, the counts, "all like
 * this", undo, the summary, and offsets that follow the document's changes.
 */
import * as assert from 'node:assert/strict';
import { EditRecorder, mapOffset, ReviewState, revertEdits, summary, type Change } from '../../client/src/reviewCore';
import { likeKey } from '../../server/src/service/assist/review';

const likeThis = <T extends Parameters<typeof likeKey>[0]>(items: T[], item: T) => items.filter((s) => likeKey(s) === likeKey(item));

/** Applies changes one after the other (as the extension host does). */
function apply(text: string, changes: readonly Change[]): string {
  for (const c of changes) text = text.slice(0, c.offset) + c.text + text.slice(c.offset + c.length);
  return text;
}
/** The changes of wrapping [start, end) in `[` ... `]{spec}`, in the order VS Code reports them (last first). */
function wrap(start: number, end: number, spec: string): Change[] {
  return [
    { offset: end, length: 0, text: `]${spec}` },
    { offset: start, length: 0, text: '[' },
  ];
}
/** The suggestions of a text: every occurrence of each name. */
function found(text: string, names: Record<string, [string, string]>) {
  const out: Array<{ start: number; end: number; text: string; type: string; id: string }> = [];
  for (const [name, [type, id]] of Object.entries(names)) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      // not inside markup already written
      if (text[i - 1] === '[') continue;
      out.push({ start: i, end: i + name.length, text: name, type, id });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

describe('review mode state (reviewCore)', () => {
  it('mapOffset: before, after, at an insertion (left / right), inside a replacement', () => {
    const ins: Change = { offset: 5, length: 0, text: 'abc' };
    assert.equal(mapOffset(4, ins, 'right'), 4);
    assert.equal(mapOffset(6, ins, 'left'), 9);
    assert.equal(mapOffset(5, ins, 'left'), 5);
    assert.equal(mapOffset(5, ins, 'right'), 8);
    const rep: Change = { offset: 5, length: 4, text: 'x' };
    assert.equal(mapOffset(5, rep, 'right'), 5);
    assert.equal(mapOffset(7, rep, 'left'), 6);
    assert.equal(mapOffset(9, rep, 'right'), 6);
    assert.equal(mapOffset(12, rep, 'right'), 9);
  });

  it('walks in document order: accept, reject, skip; the count "k of n" and the summary', () => {
    let text = 'Kazakhstan and Luxembourg met. Commonwealth said. Astana agreed.';
    const names = { Kazakhstan: ['country', 'KZ'], Luxembourg: ['country', 'LU'], Commonwealth: ['org', 'CW'], Astana: ['place', 'AST'] } as Record<string, [string, string]>;
    const st = new ReviewState('doc');
    let items = found(text, names);
    assert.deepEqual(st.progress(items), { index: 1, total: 4 });
    assert.equal(st.current(items)?.text, 'Kazakhstan');

    // accept: the cursor goes to the suggestion's end, the edit moves it past the markup
    let item = st.current(items)!;
    let before = st.cursor;
    st.cursor = item.end;
    const changes = wrap(item.start, item.end, '{country:KZ}');
    const rec = new EditRecorder(new Map([['doc', text]]));
    rec.onChanges('doc', changes);
    st.onChanges('doc', changes);
    text = apply(text, changes);
    st.decide('accept', 1, before, rec.pieces);
    assert.equal(text.slice(0, st.cursor), '[Kazakhstan]{country:KZ}');
    items = found(text, names);
    assert.equal(st.current(items)?.text, 'Luxembourg');
    assert.deepEqual(st.progress(items), { index: 2, total: 4 });

    // reject: the document does not change (the rejection file does), the suggestion is gone
    item = st.current(items)!;
    before = st.cursor;
    st.cursor = item.end;
    st.decide('reject', 1, before, []);
    items = found(text, { Commonwealth: names.Commonwealth, Astana: names.Astana, Kazakhstan: names.Kazakhstan });
    assert.equal(st.current(items)?.text, 'Commonwealth');
    assert.deepEqual(st.progress(items), { index: 3, total: 4 });

    // skip: the suggestion stays in the list, behind the cursor
    item = st.current(items)!;
    before = st.cursor;
    st.cursor = item.end;
    st.decide('skip', 1, before);
    assert.equal(st.current(items)?.text, 'Astana');
    assert.deepEqual(st.progress(items), { index: 4, total: 4 });
    assert.deepEqual(st.counts, { accepted: 1, rejected: 1, skipped: 1 });
    assert.equal(summary(st.counts, 1), 'Review stopped: 1 accepted, 1 rejected, 1 skipped; 1 not reviewed.');
    assert.equal(summary({ accepted: 2, rejected: 0, skipped: 3 }, 0), 'Review finished: 2 accepted, 0 rejected, 3 skipped.');
  });

  it('an edit by the user before the cursor moves it; undo goes back and reverts exactly the decision’s markup', () => {
    let text = 'Talks in Luxembourg and Kazakhstan.';
    const st = new ReviewState('doc');
    const lux = text.indexOf('Luxembourg');
    const before = st.cursor;
    st.cursor = lux + 'Luxembourg'.length;
    const rec = new EditRecorder(new Map([['doc', text]]));
    const ch = wrap(lux, lux + 10, '{country:LU}');
    rec.onChanges('doc', ch);
    st.onChanges('doc', ch);
    text = apply(text, ch);
    st.decide('accept', 1, before, rec.pieces);
    assert.equal(text, 'Talks in [Luxembourg]{country:LU} and Kazakhstan.');
    const cursorAfter = st.cursor;

    // the user types at the start of the document
    const typed: Change[] = [{ offset: 0, length: 0, text: 'New: ' }];
    st.onChanges('doc', typed);
    text = apply(text, typed);
    assert.equal(st.cursor, cursorAfter + 5);
    assert.equal(text.slice(st.cursor), ' and Kazakhstan.');

    const textAt = (_uri: string, s: number, e: number) => text.slice(s, e);
    const d = st.undo()!;
    assert.equal(d.kind, 'accept');
    const r = revertEdits(d.pieces, textAt);
    assert.ok('edits' in r);
    // revert from the end (the pieces do not overlap)
    const changes = [...r.edits].sort((a, b) => b.start - a.start).map((p) => ({ offset: p.start, length: p.end - p.start, text: p.old }));
    text = apply(text, changes);
    assert.equal(text, 'New: Talks in Luxembourg and Kazakhstan.');
    assert.deepEqual(st.counts, { accepted: 0, rejected: 0, skipped: 0 });
    assert.equal(st.cursor, 0);
    assert.equal(st.undo(), undefined);
  });

  it('undo refuses when the decision’s text changed since; a rejection entry is reverted in its own file', () => {
    let reject = '- {text: A}\n';
    const rec = new EditRecorder(new Map([['rej', reject]]));
    const add: Change[] = [{ offset: reject.length, length: 0, text: '- {text: Luxembourg, in: a.press}\n' }];
    rec.onChanges('rej', add);
    reject = apply(reject, add);
    const st = new ReviewState('doc');
    st.decide('reject', 1, 0, rec.pieces);
    // a later append to the file leaves the piece where it is
    const more: Change[] = [{ offset: reject.length, length: 0, text: '- {text: B}\n' }];
    st.onChanges('rej', more);
    reject = apply(reject, more);
    const ok = revertEdits(st.history[0].pieces, (_u, s, e) => reject.slice(s, e));
    assert.ok('edits' in ok && ok.edits.length === 1);
    const p = ok.edits[0];
    assert.equal(reject.slice(0, p.start) + p.old + reject.slice(p.end), '- {text: A}\n- {text: B}\n');
    // changed by hand: not reverted
    const changed = revertEdits(st.history[0].pieces, (_u, s, e) => reject.slice(s, e).toUpperCase());
    assert.ok('changed' in changed);
  });

  it('accept all like this (assist/review.ts likeKey): the same words, type and id (spaces normalised), a new entity by its id', () => {
    const items = [
      { text: 'Luxembourg', type: 'country', id: 'LU' },
      { text: 'Luxembourg', type: 'place', id: 'G1' },
      { text: 'Kazakhstan', type: 'country', id: 'KZ' },
      { text: 'Luxembourg', type: 'country', id: 'LU' },
      { text: 'Xavier\nBettel', type: 'person', id: '', entity: { id: 'xavier-bettel', type: 'person', name: 'Xavier Bettel' } },
      { text: 'Xavier Bettel', type: 'person', id: '', entity: { id: 'xavier-bettel', type: 'person', name: 'Xavier Bettel' } },
      { text: 'Xavier Bettel', type: 'person', id: '', entity: { id: 'x-bettel', type: 'person', name: 'Xavier Bettel' } },
    ];
    assert.deepEqual(likeThis(items, items[0]), [items[0], items[3]]);
    assert.deepEqual(likeThis(items, items[1]), [items[1]]);
    assert.deepEqual(likeThis(items, items[4]), [items[4], items[5]]);
  });
});
