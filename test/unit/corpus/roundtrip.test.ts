/**
 * .press → brat → .press and .press → JSONL → .press are byte-identical: on random documents
 * (fast-check) and on every example.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { fromPress, toPress, type CorpusDocument } from '../../../server/src/service/corpus/document';
import { fromJsonl, toJsonl } from '../../../server/src/service/corpus/jsonl';
import { fromBrat, toBrat } from '../../../server/src/service/corpus/brat';
import { hostileText, pressDocument } from './generators';

const ROOT = path.resolve(__dirname, '../../../..');
const TIMEX = new Set(['date', 'time', 'duration', 'set']);
const jsonlOptions = { isTimex: (t: string) => TIMEX.has(t) };

function viaJsonl(doc: CorpusDocument): string | undefined {
  const back = fromJsonl(toJsonl('doc', doc, jsonlOptions), jsonlOptions);
  assert.deepEqual(back.problems, []);
  return toPress(back.doc!).text;
}

function viaBrat(doc: CorpusDocument): string | undefined {
  const files = toBrat(doc);
  const back = fromBrat(files.txt, files.ann, files.sidecar);
  assert.deepEqual(back.problems, []);
  return toPress(back.doc!).text;
}

function assertRoundTrips(text: string): void {
  const read = fromPress(text);
  assert.deepEqual(read.problems, [], JSON.stringify(text));
  const doc = read.doc!;
  assert.equal(toPress(doc).text, text, 'direct');
  assert.equal(viaJsonl(doc), text, 'via JSONL');
  assert.equal(viaBrat(doc), text, 'via brat');
}

describe('corpus round trips', function () {
  this.timeout(120_000);

  it('every example round trips through brat and JSONL byte for byte', () => {
    const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.press'));
    assert.ok(examples.length > 0);
    for (const f of examples) assertRoundTrips(fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8'));
  });

  it('1,000 generated documents round trip through brat and JSONL byte for byte', () => {
    let n = 0;
    fc.assert(
      fc.property(pressDocument, (text) => {
        assertRoundTrips(text);
        n++;
      }),
      { numRuns: 1000 },
    );
    assert.equal(n, 1000);
  });

  it('any text is either refused with problems or round trips exactly', () => {
    let accepted = 0;
    fc.assert(
      fc.property(hostileText, (text) => {
        const read = fromPress(text);
        if (!read.doc) {
          assert.ok(read.problems.length > 0);
          return;
        }
        accepted++;
        assert.equal(toPress(read.doc).text, text);
        assert.equal(viaJsonl(read.doc), text);
        assert.equal(viaBrat(read.doc), text);
      }),
      { numRuns: 2000 },
    );
    assert.ok(accepted > 100, `only ${accepted} accepted`);
  });
});

describe('writing foreign documents (no escapes known)', function () {
  this.timeout(60_000);

  const text = fc.array(fc.constantFrom('[', ']', '{', '}', '\\', 'a', 'b ', 'country', ':', '\n', '\r\n', '😀', '---', ' '), { minLength: 1, maxLength: 30 }).map((p) => p.join(''));
  const foreign = text.chain((t) =>
    fc.record({
      text: fc.constant(t),
      spans: fc.array(
        fc.record({
          a: fc.nat(t.length),
          b: fc.nat(t.length),
          type: fc.constantFrom('country', 'org', 'PER', 'date', 'bad type'),
          id: fc.option(fc.constantFrom('KZ', '', 'a b', 'x]y', 'Q1', '{'), { nil: undefined }),
          attrs: fc.array(fc.record({ key: fc.constantFrom('mod', 'note', 'k'), value: fc.constantFrom('', 'a b', '"', '\\', '}{') }), { maxLength: 2 }),
        }),
        { maxLength: 6 },
      ),
    }),
  );

  it('reads back with the same text and the annotations it kept; drops only what cannot be markup', () => {
    fc.assert(
      fc.property(foreign, ({ text, spans }) => {
        const isSurrogateTail = (i: number) => i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]);
        const doc: CorpusDocument = {
          text,
          meta: {},
          spans: spans
            .filter((s) => !isSurrogateTail(s.a) && !isSurrogateTail(s.b))
            .map((s) => ({ start: Math.min(s.a, s.b), end: Math.max(s.a, s.b), type: s.type, id: s.id, attributes: s.attrs })),
        };
        const out = toPress(doc);
        assert.ok(out.text !== undefined, JSON.stringify(out.problems));
        const back = fromPress(out.text);
        assert.ok(back.doc, JSON.stringify(back.problems));
        assert.equal(back.doc.text, text);
        const key = (s: { start: number; end: number; type: string; id?: string }) => `${s.start}-${s.end}-${s.type}-${s.id}`;
        assert.deepEqual(back.doc.spans.map(key), out.spans.map(key));
        // Everything left out is reported.
        const dropped = doc.spans.length - out.spans.length;
        assert.equal(out.problems.filter((p) => p.code === 'import.span-dropped').length, dropped);
      }),
      { numRuns: 3000 },
    );
  });
});

/** An .ann file as brat reads it: lines cut at Python's line boundaries (str.splitlines). */
function bratLines(ann: string): string[] {
  return ann.split(/\r\n|[\n\r\v\f\x1c-\x1e\u0085\u2028\u2029]/).filter((l) => l !== '');
}

describe('round trips of what other formats hold differently (issue 12)', () => {
  it('attribute values with a tab, VT, FF, U+001C, U+0085, U+2028, U+2029 survive brat and JSONL; each .ann line stays one line for brat', () => {
    for (const c of ['\t', '\v', '\f', '\x1c', '\u0085', '\u2028', '\u2029']) {
      const text = `[Astana]{place:G1526273 note="a${c}b" k="${c}"} and [x${c === '\t' ? '\t' : ''}y]{org:Q note="${c}"}.\n`;
      assertRoundTrips(text);
      const doc = fromPress(text).doc!;
      const files = toBrat(doc);
      const lines = bratLines(files.ann);
      assert.deepEqual(lines.map((l) => l.split('\t')[0]), ['T1', '#1', 'T2', '#2'], JSON.stringify(files.ann));
      // brat checks a T line's text against DOC.txt: it is the label, tabs included
      for (const l of lines.filter((x) => x.startsWith('T'))) {
        const [, typeAndOffsets, ...rest] = l.split('\t');
        const offsets = typeAndOffsets.slice(typeAndOffsets.indexOf(' ') + 1);
        const cps = [...files.txt];
        assert.equal(rest.join('\t'), offsets.split(';').map((f) => cps.slice(...(f.split(' ').map(Number) as [number, number])).join('')).join(' '));
      }
    }
  });

  it('front-matter keys named like Object.prototype members stay in meta: export, import, export', () => {
    // a list value: the YAML path of the front matter parser, not the simple one
    const text = '---\nconstructor: a\ntoString: b\n__proto__: c\nvalueOf: [1, 2]\nhasOwnProperty: d\n---\n[Kazakhstan]{country:KZ}.\n';
    const doc = fromPress(text).doc!;
    assert.deepEqual(Object.keys(doc.meta), ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']);
    assert.equal(JSON.stringify(doc.meta), '{"constructor":"a","toString":"b","__proto__":"c","valueOf":[1,2],"hasOwnProperty":"d"}');
    assertRoundTrips(text);
    // meta from another tool (no front matter as written): written as YAML, read back the same
    for (const line of ['{"id":"x","meta":{"__proto__":"c","constructor":"a","toString":"b"},"text":"x\\n","spans":[]}']) {
      const read = fromJsonl(line, jsonlOptions);
      const written = toPress(read.doc!);
      assert.deepEqual(written.problems, []);
      assert.equal(written.text, '---\n__proto__: c\nconstructor: a\ntoString: b\n---\nx\n');
      assert.equal(JSON.stringify(fromPress(written.text!).doc!.meta), JSON.stringify(read.doc!.meta));
      const brat = toBrat(fromPress(written.text!).doc!);
      assert.equal(JSON.stringify(fromBrat(brat.txt, brat.ann, brat.sidecar).doc!.meta), JSON.stringify(read.doc!.meta));
    }
  });

  it('an id a .press file cannot hold is an error at its line on import (brat, JSONL) and on export, never a dropped annotation', () => {
    const ann = 'T1\torg 3 7\tAcme\n#1\tAnnotatorNotes T1\t{org:"q"}\nT2\torg 14 17\tBob\nN1\tReference T2 Foo:a{b\tBob\n';
    const brat = fromBrat('Hi Acme there, Bob.', ann, undefined);
    assert.deepEqual(
      brat.problems.filter((p) => p.severity === 'error').map((p) => [p.code, ann.slice(p.offset).split('\n')[0]]),
      [
        ['import.invalid-id', '#1\tAnnotatorNotes T1\t{org:"q"}'],
        ['import.invalid-id', 'N1\tReference T2 Foo:a{b\tBob'],
      ],
    );
    const jsonl = fromJsonl('{"id":"j","text":"Hi Acme there.","spans":[{"start":3,"end":7,"label":"org","kb_id":"\\"q\\"","value":null}]}', jsonlOptions);
    assert.deepEqual(jsonl.problems.map((p) => [p.severity, p.code]), [['error', 'import.invalid-id']]);
    assert.match(jsonl.problems[0].message, /the id "\\"q\\"" cannot be written/);
    const exported = fromPress('Hi [Acme]{org:a\\b} there.\n');
    assert.equal(exported.doc, undefined);
    // The parser itself refuses such an id (the id syntax of ids.ts): export reports its error, at the id.
    assert.deepEqual(exported.problems.map((p) => [p.code, p.offset]), [['syntax.invalid-id', 'Hi [Acme]{org:'.length]]);
  });
});
