/**
 * The formats of other annotation tools (issue 16 items 2 and 3): JSONL lines of every shape
 * (Pressmark, Prodigy/spaCy, doccano, Label Studio) import without losing anything or are
 * errors; doccano and Label Studio exports round trip byte for byte; spaCy exports have
 * non-overlapping spans on token boundaries.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { fromPress, toPress, type CorpusDocument } from '../../../server/src/service/corpus/document';
import { fromJsonl, fromRecord } from '../../../server/src/service/corpus/jsonl';
import { toDoccano } from '../../../server/src/service/corpus/doccano';
import { jsonArrayElements, toLabelStudio } from '../../../server/src/service/corpus/labelstudio';
import { layerSpans, toSpacy } from '../../../server/src/service/corpus/spacy';
import type { OffsetUnit } from '../../../server/src/service/corpus/foreign';
import { pressDocument } from './generators';

const ROOT = path.resolve(__dirname, '../../../..');
const TIMEX = new Set(['date', 'time', 'duration', 'set']);
const isTimex = (t: string) => TIMEX.has(t);

function imported(line: string, offsets: OffsetUnit = 'utf-16'): string | undefined {
  const read = fromJsonl(line, { isTimex, doccano: { offsets } });
  assert.deepEqual(read.problems.filter((p) => p.severity === 'error'), [], line);
  return read.doc ? toPress(read.doc).text : undefined;
}

function viaDoccano(doc: CorpusDocument, offsets: OffsetUnit): string | undefined {
  const read = fromJsonl(toDoccano('d', doc, { offsets }), { isTimex, doccano: { offsets } });
  assert.deepEqual(read.problems, []);
  assert.equal(read.shape, 'doccano');
  return toPress(read.doc!).text;
}

function viaLabelStudio(doc: CorpusDocument, as: 'annotations' | 'predictions'): string | undefined {
  const read = fromJsonl(toLabelStudio('d', doc, { as }), { isTimex });
  assert.deepEqual(read.problems, []);
  assert.equal(read.shape, 'labelstudio');
  return toPress(read.doc!).text;
}

function assertRoundTrips(text: string): void {
  const read = fromPress(text);
  assert.deepEqual(read.problems, [], JSON.stringify(text));
  const doc = read.doc!;
  assert.equal(viaDoccano(doc, 'utf-16'), text, 'via doccano (UTF-16)');
  assert.equal(viaDoccano(doc, 'code-points'), text, 'via doccano (code points)');
  assert.equal(viaLabelStudio(doc, 'annotations'), text, 'via Label Studio annotations');
  assert.equal(viaLabelStudio(doc, 'predictions'), text, 'via Label Studio predictions');
}

/** The spaCy line's spans do not overlap, and each starts and ends at its tokens' edges. */
function assertSpacy(doc: CorpusDocument, layer: 'outermost' | 'innermost'): void {
  const line = JSON.parse(toSpacy('d', doc, { layer, isTimex })) as {
    text: string;
    tokens: Array<{ start: number; end: number; text: string }>;
    spans: Array<{ start: number; end: number; token_start: number; token_end: number; label: string }>;
  };
  const cps = [...line.text];
  assert.equal(line.spans.length, layerSpans(doc.spans, layer).length);
  for (const t of line.tokens) assert.equal(cps.slice(t.start, t.end).join(''), t.text);
  let reach = 0;
  for (const s of line.spans) {
    assert.ok(s.start >= reach, `overlap at ${s.start}`);
    reach = s.end;
    // No token crosses a span edge; the span's tokens are its words (white space at an edge holds none).
    for (const t of line.tokens) assert.ok(t.end <= s.start || t.start >= s.end || (t.start >= s.start && t.end <= s.end), 'a token crosses a span edge');
    const inner = line.tokens.filter((t) => t.start >= s.start && t.end <= s.end);
    assert.equal(s.token_end - s.token_start + 1, inner.length);
    if (inner.length) {
      assert.equal(line.tokens[s.token_start], inner[0]);
      assert.equal(line.tokens[s.token_end], inner[inner.length - 1]);
      assert.equal(cps.slice(s.start, line.tokens[s.token_start].start).join('').trim(), '');
      assert.equal(cps.slice(line.tokens[s.token_end].end, s.end).join('').trim(), '');
    }
  }
}

describe('interchange formats', function () {
  this.timeout(180_000);

  describe('import of other tools\' JSONL', () => {
    it('a doccano line (label triples, UTF-16 offsets) imports with its annotations, labels mapped to types', () => {
      assert.equal(imported('{"id": 1, "text": "😀 Acme Corp hired Jane Doe in Paris.", "label": [[3, 12, "ORG"], [19, 27, "PER"], [31, 36, "GPE"], [0, 2, "EMOJI"]], "Comments": []}'), '[😀]{EMOJI} [Acme Corp]{org} hired [Jane Doe]{person} in [Paris]{place}.');
      assert.equal(imported('{"text": "😀 Acme", "label": [[2, 6, "ORG"]]}', 'code-points'), '😀 [Acme]{org}');
    });

    it('a doccano line with entities objects, and its other keys as metadata', () => {
      assert.equal(imported('{"id": 3, "text": "Jane met Acme.", "entities": [{"id": 1, "start_offset": 0, "end_offset": 4, "label": "PERSON"}, {"id": 2, "start_offset": 9, "end_offset": 13, "label": "ORG"}], "relations": [], "source": "wire"}'), '---\nsource: wire\n---\n[Jane]{person} met [Acme]{org}.');
    });

    it('doccano categories are not spans: an error, not an empty document', () => {
      const read = fromJsonl('{"text": "Good news.", "label": ["positive"]}', { isTimex });
      assert.equal(read.doc, undefined);
      assert.match(read.problems[0].message, /categories/);
    });

    it('a Label Studio task imports its first annotation, checked against the region texts', () => {
      const task = { id: 12, data: { text: 'Қазақстан 😀 joined OSCE.' }, annotations: [{ id: 1, result: [{ id: 'x', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 9, text: 'Қазақстан', labels: ['GPE'] } }, { id: 'y', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 19, end: 23, text: 'OSCE', labels: ['Organization'] } }] }], predictions: [] };
      const read = fromRecord(task, { isTimex });
      assert.deepEqual(read.problems, []);
      assert.equal(read.id, '12');
      assert.equal(toPress(read.doc!).text, '[Қазақстан]{place} 😀 joined [OSCE]{org}.');
      // UTF-16 offsets (an older Label Studio) do not fit the text: an error.
      task.annotations[0].result[1].value = { start: 20, end: 24, text: 'OSCE', labels: ['ORG'] };
      const wrong = fromRecord(task, { isTimex });
      assert.equal(wrong.doc, undefined);
      assert.match(wrong.problems[0].message, /result 2: its text "OSCE" is not the text at 20–24 \("SCE\."\)/);
    });

    it('a Label Studio task whose annotations were all cancelled is skipped; predictions import when there is no annotation', () => {
      const cancelled = fromRecord({ data: { text: 'x' }, annotations: [{ was_cancelled: true, result: [] }] }, { isTimex });
      assert.equal(cancelled.skipped, 'cancelled');
      const predicted = fromRecord({ data: { text: 'Acme' }, predictions: [{ result: [{ type: 'labels', value: { start: 0, end: 4, labels: ['ORG'] } }] }] }, { isTimex });
      assert.equal(toPress(predicted.doc!).text, '[Acme]{org}');
    });

    it('a Prodigy task with answer reject or ignore is skipped; accept is imported', () => {
      const line = (answer: string) => `{"text": "Acme hired Jane.", "tokens": [], "spans": [{"start": 0, "end": 4, "token_start": 0, "token_end": 0, "label": "ORG", "text": "Acme"}], "answer": "${answer}", "_input_hash": 1}`;
      for (const answer of ['reject', 'ignore']) {
        const read = fromJsonl(line(answer), { isTimex });
        assert.equal(read.skipped, answer);
        assert.equal(read.doc, undefined);
      }
      assert.equal(imported(line('accept')), '[Acme]{org} hired Jane.');
    });

    it('an unknown shape, a span outside its text and a span whose text does not match are errors', () => {
      for (const [line, message] of [
        ['{"content": "Acme", "ents": []}', /no shape Pressmark reads \(keys: content, ents\)/],
        ['{"text": "Acme", "ents": [[0, 4, "ORG"]]}', /"ents", which Pressmark does not read/],
        ['[1, 2]', /must be a JSON object/],
        ['{"text": "Acme", "spans": [{"start": 0, "end": 9, "label": "ORG"}]}', /span 1: start 0 or end 9 is not a code point offset/],
        ['{"text": "Acme", "spans": [{"start": 0, "end": 3, "label": "ORG", "text": "Acme"}]}', /span 1: its text "Acme" is not the text at 0–3/],
        ['{"text": "Acme", "label": [[0, 5, "ORG"]]}', /label 1: start 0 or end 5 is not a UTF-16 offset/],
        ['{"text": "Acme", "spans": [{"start": 0, "end": 4, "label": "Job title"}]}', /cannot be a \.press type/],
        ['{"text": "Acme", "spans": [], "answer": "maybe"}', /"answer" is "maybe"/],
      ] as const) {
        const read = fromJsonl(line, { isTimex });
        assert.equal(read.doc, undefined, line);
        assert.match(read.problems.map((p) => p.message).join('\n'), message, line);
      }
      // Text alone is a document with no annotations (Prodigy's input shape).
      assert.equal(imported('{"text": "Acme", "meta": {"source": "x"}, "_input_hash": 3}'), '---\nsource: x\n---\nAcme');
    });

    it('Pressmark\'s own lines keep their types as written (no label mapping)', () => {
      assert.equal(imported('{"id":"a","meta":{},"text":"Acme","spans":[{"start":0,"end":4,"label":"ORG","kb_id":"X","value":null}]}'), '[Acme]{ORG:X}');
    });

    it('a JSON array of tasks is split into its elements, each with its offset', () => {
      const text = '[\n  {"data": {"text": "a]"}},\n  {"data": {"text": "b\\"["}, "x": [1, {"y": 2}]}\n]\n';
      const elements = jsonArrayElements(text)!;
      assert.deepEqual(elements.map((e) => e.text), ['{"data": {"text": "a]"}}', '{"data": {"text": "b\\"["}, "x": [1, {"y": 2}]}']);
      assert.equal(text.slice(elements[1].offset, elements[1].offset + 9), '{"data": ');
      assert.equal(jsonArrayElements('{"a": 1}'), undefined);
      assert.deepEqual(jsonArrayElements('[]'), []);
    });
  });

  describe('round trips and the spaCy layer', () => {
    it('every example round trips through doccano and Label Studio byte for byte, and exports to spaCy without overlaps', () => {
      const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.press'));
      assert.ok(examples.length > 0);
      for (const f of examples) {
        const text = fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8');
        assertRoundTrips(text);
        assertSpacy(fromPress(text).doc!, 'outermost');
        assertSpacy(fromPress(text).doc!, 'innermost');
      }
    });

    it('ids survive: {country:KZ} is the label country with its spec in pressmark.specs', () => {
      const doc = fromPress('[Kazakhstan]{country:KZ} and [OSCE]{org}').doc!;
      const line = JSON.parse(toDoccano('d', doc));
      assert.deepEqual(line.label, [[0, 10, 'country'], [15, 19, 'org']]);
      assert.deepEqual(line.pressmark, { specs: { '0,10,country': ['country:KZ'] } });
      const task = JSON.parse(toLabelStudio('d', doc));
      assert.deepEqual(task.annotations[0].result[0].value, { start: 0, end: 10, text: 'Kazakhstan', labels: ['country'] });
      assert.deepEqual(task.data.pressmark, { specs: { s1: ['country:KZ'] } });
    });

    it('1,000 generated documents (Cyrillic, emoji, CRLF, nesting) round trip through doccano and Label Studio byte for byte', () => {
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

    it('spaCy lines of 1,000 generated documents: spans apart, on token edges, the outermost or the innermost layer', () => {
      fc.assert(
        fc.property(pressDocument, (text) => {
          const doc = fromPress(text).doc!;
          assertSpacy(doc, 'outermost');
          assertSpacy(doc, 'innermost');
        }),
        { numRuns: 1000 },
      );
    });

    it('nested annotations: outermost keeps the enclosing one, innermost the ones inside', () => {
      const doc = fromPress('[The [OSCE]{org} office in [Astana]{place}]{org} opened.').doc!;
      const labels = (layer: 'outermost' | 'innermost') => (JSON.parse(toSpacy('d', doc, { layer, isTimex })).spans as Array<{ label: string; start: number; end: number; token_start: number; token_end: number }>).map((s) => [s.label, s.start, s.end, s.token_start, s.token_end]);
      assert.deepEqual(labels('outermost'), [['org', 0, 25, 0, 4]]);
      assert.deepEqual(labels('innermost'), [['org', 4, 8, 1, 1], ['place', 19, 25, 4, 4]]);
    });
  });
});
