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
