/**
 * The word list the shape recognizers share (mentions/shape/wordList.ts): typed arrays reused
 * from one text to the next, so what a text reads must not depend on the texts read before it
 * (a longer one, one with the same length, one whose keys were asked for).
 */
import * as assert from 'assert';
import { WordList, SHAPE_WORDS } from '../../server/src/service/mentions/shape/wordList';
import { placeRecognizer } from '../../server/src/service/mentions/shape/places';
import { personRecognizer } from '../../server/src/service/mentions/shape/people';
import type { Candidate, RecognizeContext } from '../../server/src/service/mentions/candidate';
import { builtinKb } from './kb/helpers';

/** What a list holds for its text: every word's range, line, shape, wideness and key. */
function words(w: WordList): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.n; i++) out.push(`${w.start[i]}-${w.end[i]} l${w.line[i]} s${w.shape[i]} w${w.wide[i]} ${w.key(i)}`);
  return out;
}

const SHORT = 'Atlanta, Georgia and\nMarietta, Ga.';
/** Longer than SHORT, with keys and lines where SHORT has none. */
const LONG = 'The Governor of Georgia met Xavier Bettel in Almaty Region.\nLake Baikal and Mount Everest, São Paulo.\n'.repeat(40);
/** As long as SHORT, other words. */
const SAME_LENGTH = 'Texas Instruments of Kazakhstan in Tü';

describe('shape word list (shape/wordList.ts)', function () {
  this.timeout(60000);

  it('reads a text after a longer one as a fresh list does', function () {
    const fresh = words(new WordList().read(SHORT));
    const reused = new WordList();
    reused.read(LONG);
    words(reused); // every key asked for
    assert.deepStrictEqual(words(reused.read(SHORT)), fresh);
  });

  it('forgets the keys of the text read before, also one of the same length', function () {
    const w = new WordList();
    w.read(SAME_LENGTH);
    assert.strictEqual(w.key(0), 'texas');
    w.read(SHORT);
    assert.strictEqual(w.key(0), 'atlanta');
    assert.strictEqual(w.n, 5);
    assert.deepStrictEqual(words(w), words(new WordList().read(SHORT)));
  });

  it('grows past its first size and keeps every word', function () {
    const text = 'Word '.repeat(1000) + 'Ärger';
    const w = new WordList().read(text);
    assert.strictEqual(w.n, 1001);
    assert.strictEqual(w.start[1000], 5000);
    assert.strictEqual(w.key(1000), 'arger');
    assert.strictEqual(w.wide[1000], 1);
  });

  it('the place and person recognizers propose the same for a paragraph read alone or after others', function () {
    const ctx: RecognizeContext = { kb: builtinKb().kb, language: 'en' };
    const shown = (list: Candidate[]) => list.map((c) => `${c.start}-${c.end} ${c.type} ${c.id || c.entity?.id}`);
    const para = 'Officials in Marietta, Ga., and Atlanta, Georgia said Foreign Minister Yermek Kosherbayev visited Lake Baikal.';
    const alone = [...shown(placeRecognizer.recognize(para, ctx)), ...shown(personRecognizer.recognize(para, ctx))];
    assert.ok(alone.length >= 4, alone.join('; '));
    placeRecognizer.recognize(LONG, ctx);
    personRecognizer.recognize(LONG + LONG, ctx);
    placeRecognizer.recognize(para.replace(/a/g, 'e'), ctx);
    assert.strictEqual(SHAPE_WORDS.text, para.replace(/a/g, 'e'));
    const after = [...shown(placeRecognizer.recognize(para, ctx)), ...shown(personRecognizer.recognize(para, ctx))];
    assert.deepStrictEqual(after, alone);
  });
});
