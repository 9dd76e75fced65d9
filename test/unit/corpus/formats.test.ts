/** What each export carries: brat, JSONL, CoNLL-2003 and TimeML; and reading other tools' files. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { fromPress, toPress, type CorpusDocument } from '../../../server/src/service/corpus/document';
import { annotationConf, fromBrat, toBrat } from '../../../server/src/service/corpus/brat';
import { fromJsonl, toJsonlRecord } from '../../../server/src/service/corpus/jsonl';
import { DOCSTART, toConll } from '../../../server/src/service/corpus/conll';
import { toTimeml } from '../../../server/src/service/corpus/timeml';
import { sentences, tokenize } from '../../../server/src/service/corpus/tokens';
import { CodePoints, codePointOffset } from '../../../server/src/service/text';
import { pressDocument } from './generators';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/corpus');
const TIMEX = new Set(['date', 'time', 'duration', 'set']);
const isTimex = (t: string) => TIMEX.has(t);
const example = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
const read = (text: string): CorpusDocument => {
  const r = fromPress(text);
  assert.deepEqual(r.problems, []);
  return r.doc!;
};

/** brat's reading of a T line: the text of its fragments, joined by a space (code points, as Python counts). */
function bratText(txt: string, offsets: string): string {
  const cps = [...txt];
  return offsets
    .split(';')
    .map((f) => f.split(' ').map(Number))
    .map(([a, b]) => cps.slice(a, b).join(''))
    .join(' ');
}

describe('brat export', () => {
  it('the example: every T line selects exactly its label in the .txt, in code points', () => {
    const doc = read(example);
    const files = toBrat(doc);
    const tLines = files.ann.split('\n').filter((l) => l.startsWith('T'));
    assert.equal(tLines.length, doc.spans.length);
    const labels = fromPress(example).parsed.all.map((a) => a.text);
    tLines.forEach((line, i) => {
      const [, typeOffsets, text] = line.split('\t');
      const offsets = typeOffsets.slice(typeOffsets.indexOf(' ') + 1);
      assert.equal(bratText(files.txt, offsets), text);
      assert.equal(text, labels[i]);
    });
    assert.match(files.ann, /^T5\tcountry 48 58\tKazakhstan\n#5\tAnnotatorNotes T5\t\{country:KZ\}$/m);
    assert.match(files.ann, /^#\d+\tAnnotatorNotes T\d+\t\{duration:P30Y\}$/m);
  });

  it('counts code points past emoji and cuts spans at line breaks into fragments', () => {
    const doc = read('😀 [Parliamentary\r\nAssembly]{org:PA} and [𝔸]{x}\n');
    const files = toBrat(doc);
    assert.equal(files.ann, 'T1\torg 2 15;17 25\tParliamentary Assembly\n#1\tAnnotatorNotes T1\t{org:PA}\nT2\tx 30 31\t𝔸\n');
    assert.equal(bratText(files.txt, '2 15;17 25'), 'Parliamentary Assembly');
  });

  it('writes N lines from the references it is given, and a sidecar only when there is something in it', () => {
    const files = toBrat(read('[Kazakhstan]{country:KZ}'), { normalizations: (type, id) => (id === 'KZ' ? [{ db: 'Wikidata', key: 'Q232', name: 'Kazakhstan' }] : []) });
    assert.match(files.ann, /^N1\tReference T1 Wikidata:Q232\tKazakhstan$/m);
    assert.equal(files.sidecar, undefined);
    assert.deepEqual(JSON.parse(toBrat(read(example)).sidecar!), { meta: { date: '2022-06-29', dateline: 'Nur-Sultan', source: 'Kazinform', language: 'en', id: '940e3c0b4c033e59' } });
  });

  it('annotation.conf lists the types and lets spans nest', () => {
    const conf = annotationConf(['country', 'ship']);
    assert.match(conf, /\[entities\]\ncountry\nship\n/);
    assert.match(conf, /<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:contain\|equal/);
    for (const section of ['[relations]', '[events]', '[attributes]']) assert.ok(conf.includes(section));
  });

  it('reads files of other tools: notes, references and attributes kept, relations reported', () => {
    const txt = fs.readFileSync(path.join(FIXTURES, 'brat-foreign/meeting.txt'), 'utf8');
    const ann = fs.readFileSync(path.join(FIXTURES, 'brat-foreign/meeting.ann'), 'utf8');
    const r = fromBrat(txt, ann, undefined, { resolve: (type, db, key) => (db === 'Wikidata' && key === 'Q458' ? 'EU' : undefined) });
    assert.deepEqual(
      r.problems.map((p) => p.message),
      ['relations are not kept in .press files (first at R1)'],
    );
    const out = toPress(r.doc!);
    assert.equal(out.text, '[Ms Smith]{PER Negation=true} met [EU]{ORG:EU} officials in [Brussels]{LOC note="capital of Belgium" Confidence=High} on [3 May 2021]{date:2021-05-03}.\nThe meeting lasted [two hours]{duration}.\n');
  });
});

describe('JSONL export', () => {
  it('gives code point offsets, label, kb_id for entities and value for time expressions', () => {
    const rec = toJsonlRecord('d', read('---\ndate: 2022-06-29\n---\n😀 [Kazakhstan]{country:KZ} [today]{date:2022-06-29 mod=APPROX} [x]{person}'), {
      isTimex,
      wikidata: (t, id) => (id === 'KZ' ? 'Q232' : undefined),
    });
    assert.deepEqual(rec, {
      id: 'd',
      meta: { date: '2022-06-29' },
      text: '😀 Kazakhstan today x',
      spans: [
        { start: 2, end: 12, label: 'country', kb_id: 'KZ', value: null, wikidata: 'Q232' },
        { start: 13, end: 18, label: 'date', kb_id: null, value: '2022-06-29', attrs: { mod: 'APPROX' } },
        { start: 19, end: 20, label: 'person', kb_id: null, value: null },
      ],
    });
    const cps = [...rec.text];
    assert.equal(cps.slice(2, 12).join(''), 'Kazakhstan');
  });

  it('reads spaCy-style lines: empty kb_id is no id, markup-like text stays text, crossing spans are reported', () => {
    const lines = fs.readFileSync(path.join(FIXTURES, 'spacy.jsonl'), 'utf8').split('\n');
    const first = fromJsonl(lines[0], { isTimex });
    assert.equal(first.id, 'merkel');
    assert.equal(toPress(first.doc!).text, '---\nsource: test\n---\n[Angela Merkel]{person} visited [Paris]{place:Q90} 😀 in [2019]{date:2019}.');
    const second = toPress(fromJsonl(lines[1], { isTimex }).doc!);
    assert.equal(second.text, String.raw`\[Not\]\{markup\} here [\[1\]]{ref}.`);
    assert.equal(fromPress(second.text!).doc!.text, '[Not]{markup} here [1].');
    const third = toPress(fromJsonl(lines[2], { isTimex }).doc!);
    assert.equal(third.text, 'Overlap: [New York]{place} City.');
    assert.match(third.problems[0].message, /crosses place "New York"/);
    const bad = fromJsonl(lines[3], { isTimex });
    assert.equal(bad.doc, undefined);
    assert.match(bad.problems[0].message, /^not JSON/);
  });
});

describe('CoNLL-2003 export', () => {
  const bioValid = (conll: string): void => {
    const lines = conll.split('\n');
    assert.equal(lines[0], DOCSTART);
    let prev = 'O';
    for (const line of lines.slice(1)) {
      if (line === '') {
        prev = 'O';
        continue;
      }
      const cols = line.split(' ');
      assert.equal(cols.length, 4, `one token per line, four columns: ${JSON.stringify(line)}`);
      assert.doesNotMatch(cols[0], /\s/);
      const tag = cols[3];
      assert.match(tag, /^(O|[BI]-[A-Za-z][A-Za-z0-9_-]*)$/);
      if (tag.startsWith('I-')) assert.ok(prev === 'B-' + tag.slice(2) || prev === tag, `${tag} after ${prev}`);
      prev = tag;
    }
    assert.ok(conll.endsWith('\n\n'));
  };

  it('the example: one token per line, valid BIO, nested annotations flattened to the outermost', () => {
    const conll = toConll(read(example));
    bioValid(conll);
    assert.ok(conll.includes('\nOSCE _ _ B-org\nParliamentary _ _ I-org\nAssembly _ _ I-org\n'));
    assert.ok(conll.includes('\nBenelux _ _ B-org\nChamber _ _ I-org\nof _ _ I-org\nCommerce _ _ I-org\nin _ _ I-org\nKazakhstan _ _ I-org\n'));
    assert.ok(conll.includes('\nthe _ _ B-duration\npast _ _ I-duration\nthree _ _ I-duration\ndecades _ _ I-duration\n'));
    // Sentences: a blank line after "Ministry ." and none inside an annotation.
    assert.ok(conll.includes('\nMinistry _ _ I-org\n. _ _ O\n\nOver _ _ O\n'));
  });

  it('valid BIO on random documents; a sentence never splits an annotation', () => {
    fc.assert(
      fc.property(pressDocument, (text) => {
        const r = fromPress(text);
        if (!r.doc) return;
        bioValid(toConll(r.doc));
      }),
      { numRuns: 300 },
    );
  });

  it('tokens: words, numbers and single characters; cut at annotation boundaries', () => {
    const text = "Kazakh-Luxembourg talks on 29.06.2022 (U.S.) don't — 1,000 😀";
    const words = tokenize(text).map((t) => text.slice(t.start, t.end));
    assert.deepEqual(words, ['Kazakh-Luxembourg', 'talks', 'on', '29.06.2022', '(', 'U', '.', 'S', '.', ')', "don't", '—', '1,000', '😀']);
    assert.deepEqual(tokenize('Kazakhstani', [6]).map((t) => [t.start, t.end]), [[0, 6], [6, 11]]);
    const s = 'Mr. Smith went to Washington. He met Dr. Jones. "Fine," he said. Then\nnext line';
    const toks = tokenize(s);
    assert.deepEqual(
      sentences(s, toks).map(([a, b]) => s.slice(toks[a].start, toks[b - 1].end)),
      ['Mr. Smith went to Washington.', 'He met Dr. Jones.', '"Fine," he said.', 'Then', 'next line'],
    );
  });
});

describe('TimeML export', () => {
  it('inline TIMEX3 with tid, type, value and mod; DCT from the front matter; XML escaped', () => {
    const doc = read('---\ndate: 2022-06-29\ntitle: A & B\n---\n[Today]{date:2022-06-29} <b> [[every]{set:P1D} week]{set:P1W quant=EVERY} for [about a year]{duration:P1Y mod=APPROX} in [Kazakhstan]{country:KZ}.\n');
    const out = toTimeml('doc', doc, isTimex);
    assert.equal(out.timexCount, 3);
    assert.ok(out.text.includes('<DCT><TIMEX3 tid="t0" type="DATE" value="2022-06-29" temporalFunction="false" functionInDocument="CREATION_TIME">2022-06-29</TIMEX3></DCT>'));
    assert.ok(out.text.includes('<TITLE>A &amp; B</TITLE>'));
    assert.ok(
      out.text.includes(
        '<TEXT><TIMEX3 tid="t1" type="DATE" value="2022-06-29">Today</TIMEX3> &lt;b&gt; <TIMEX3 tid="t2" type="SET" value="P1W" quant="EVERY">every week</TIMEX3> for <TIMEX3 tid="t3" type="DURATION" value="P1Y" mod="APPROX">about a year</TIMEX3> in Kazakhstan.\n</TEXT>',
      ),
    );
    // Stripping the tags and entities gives the plain text back.
    const inner = out.text.slice(out.text.indexOf('<TEXT>') + 6, out.text.indexOf('</TEXT>'));
    assert.equal(inner.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'), doc.text);
  });

  it('without a date: no DCT, said so', () => {
    const out = toTimeml('x', read('[2015]{date:2015}'), isTimex);
    assert.equal(out.hasDct, false);
    assert.ok(!out.text.includes('<DCT>'));
  });
});

describe('code point offsets', () => {
  it('agree with codePointOffset (text.ts) and invert', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const cp = new CodePoints(s);
        for (let i = 0; i <= s.length; i++) assert.equal(cp.toCodePoint(i), codePointOffset(s, i));
        for (let c = 0; c <= cp.length; c++) assert.equal(cp.toCodePoint(cp.toUtf16(c)!), c);
        assert.equal(cp.toUtf16(cp.length + 1), undefined);
      }),
    );
  });
});
