/**
 * Exports valid by their own schemas (issue 16 item 1): TimeML 1.2.1 by the rules of its
 * specification (test/support/timemlValidator.ts), CoNLL-2003 and JSONL by their readers'
 * rules (test/support/corpusReaders.ts), on the bar's document, the examples, random documents
 * (test/unit/corpus/generators.ts) and generated press releases (bench/generate.js); and
 * `pressmark export` on documents with errors.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { fromPress } from '../../../server/src/service/corpus/document';
import { toConll } from '../../../server/src/service/corpus/conll';
import { toJsonl } from '../../../server/src/service/corpus/jsonl';
import { resolveTimexValues, toTimeml, type TimemlResult } from '../../../server/src/service/corpus/timeml';
import { textOf, validateTimeml } from '../../support/timemlValidator';
import { bioEntities, readConll, readJsonl, spanText } from '../../support/corpusReaders';
import { pressDocument } from './generators';

const ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(ROOT, 'bin/pressmark.js');
const EXAMPLES = path.join(ROOT, 'examples');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateDocument } = require(path.join(ROOT, 'bench/generate.js')) as { generateDocument: (seed: number, chars?: number, rate?: number) => string };
const TIMEX = new Set(['date', 'time', 'duration', 'set']);
const isTimex = (t: string) => TIMEX.has(t);

/** What `pressmark export --to timeml` writes for a document (with --force: whatever its problems). */
function timeml(text: string, id = 'doc'): TimemlResult & { plain: string } {
  const r = fromPress(text);
  assert.ok(r.doc, JSON.stringify(r.problems));
  return { ...toTimeml(id, r.doc, isTimex, { resolved: resolveTimexValues(r.parsed, isTimex) }), plain: r.doc.text };
}

function assertValid(xml: string, plain?: string): ReturnType<typeof validateTimeml> {
  const report = validateTimeml(xml);
  assert.deepEqual(report.errors, [], xml);
  if (plain !== undefined) {
    const text = report.root!.children.find((c) => typeof c !== 'string' && c.name === 'TEXT');
    assert.ok(text && typeof text !== 'string');
    assert.equal(textOf(text), plain.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
  }
  return report;
}

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const BAR = '---\ndate: 2022-06-29\ntitle: Talks & more\n---\n[Today]{date}, [[Kazakhstan]{country:KZ} and the [OSCE]{org:OSCE} met for [about [two]{duration:P2D} years]{duration:P2Y mod=approx}]{event}, [last week]{date anchorTimeID=t0} and [every week]{set:P1W quant=EVERY functionInDocument=none}.\n';

describe('TimeML export: valid by TimeML 1.2.1', () => {
  it('the validator itself refuses what the specification refuses', () => {
    const ok = '<?xml version="1.0" encoding="UTF-8"?>\n<TimeML><TEXT><TIMEX3 tid="t1" type="DATE" value="2022-06-29">x</TIMEX3></TEXT></TimeML>\n';
    assert.deepEqual(validateTimeml(ok).errors, []);
    const bad = (from: string, to: string) => validateTimeml(ok.replace(from, to)).errors;
    assert.equal(bad(' value="2022-06-29"', '').length, 1, 'no value');
    assert.equal(bad('2022-06-29', '2022-13-01').length, 1, 'month 13');
    assert.equal(bad('value=', 'mod="approx" value=').length, 1, 'lower-case mod');
    assert.equal(bad('type="DATE"', 'type="DURATION"').length, 1, 'a date value typed DURATION');
    assert.equal(bad('>x<', '>a & b<').length, 1, 'a bare &');
    assert.equal(bad('>x<', '>x\u0001<').length, 1, 'a control character');
    assert.equal(bad('</TEXT>', '<TIMEX3 tid="t1" type="DURATION" value="P1Y">y</TIMEX3></TEXT>').length, 1, 'tid twice');
    assert.equal(bad('value=', 'anchorTimeID="t9" value=').length, 1, 'a dangling anchor');
    assert.ok(bad('</TEXT>', '').length >= 1, 'unbalanced');
    for (const [type, value] of [['DATE', '2022-W26-3'], ['DATE', '199'], ['DATE', 'PRESENT_REF'], ['TIME', '2022-06-29T15:00'], ['TIME', 'XXXX-XX-XXTMO'], ['DURATION', 'P30Y'], ['DURATION', 'PT2H30M'], ['SET', 'XXXX-WXX-1'], ['SET', 'P1W']]) {
      assert.deepEqual(bad('type="DATE" value="2022-06-29"', `type="${type}" value="${value}"`), [], `${type} ${value}`);
    }
  });

  it('[Today]{date}, mod=approx and nested annotations: a value on every TIMEX3, upper-case mods, unique tids', () => {
    const out = timeml(BAR);
    const report = assertValid(out.text, out.plain);
    const byText = new Map(report.timexes.map((t) => [textOf(t), t.attributes]));
    assert.equal(byText.get('Today')?.get('value'), '2022-06-29');
    assert.equal(byText.get('about two years')?.get('mod'), 'APPROX');
    assert.equal(byText.get('about two years')?.get('value'), 'P2Y');
    assert.equal(byText.get('last week')?.get('anchorTimeID'), 't0');
    assert.equal(byText.get('every week')?.get('functionInDocument'), 'NONE');
    assert.equal(report.timexes.length, 5, 'the DCT and four outermost time expressions');
    assert.deepEqual(out.problems.filter((p) => p.severity === 'error'), []);
  });

  it('a date that cannot be resolved is an error; the file (--force) is still valid, with X for the unknown', () => {
    const out = timeml('[Today]{date} and [next year]{date} it rained; [three weeks]{duration} [a]{date anchorTimeID=t7}.\n');
    assert.deepEqual(
      out.problems.map((p) => [p.severity, p.span, p.code]),
      [
        ['error', 0, 'export.timeml-value'],
        ['error', 1, 'export.timeml-value'],
        ['error', 3, 'export.timeml-value'],
        ['warning', 3, 'export.timeml-attribute'],
      ],
    );
    assert.ok(out.problems.some((p) => p.span === 0 && /relative to the publication date/.test(p.message)));
    assert.ok(out.problems.some((p) => p.severity === 'warning' && /anchorTimeID=t7/.test(p.message)));
    const report = assertValid(out.text, out.plain);
    assert.equal(report.timexes.find((t) => textOf(t) === 'Today')?.attributes.get('value'), 'XXXX-XX-XX');
    assert.equal(report.timexes.find((t) => textOf(t) === 'three weeks')?.attributes.get('value'), 'P3W', 'not relative: resolved without a DCT');
  });

  it('values of another type, invalid values and attributes: errors, and never written invalid', () => {
    const out = timeml('---\ndate: 2022-06-29\n---\n[three decades]{date:P30Y} [x]{date:2022-02-30} [y]{duration:P3 mod=SOON temporalFunction=TRUE} [z]{set:P1W freq=often}.\n');
    assert.equal(out.problems.filter((p) => p.severity === 'error').length, 5, JSON.stringify(out.problems));
    const report = assertValid(out.text, out.plain);
    assert.equal(report.timexes.find((t) => textOf(t) === 'three decades')?.attributes.get('type'), 'DURATION');
    assert.equal(report.timexes.find((t) => textOf(t) === 'y')?.attributes.get('temporalFunction'), 'true');
  });

  it('the examples, exported by the CLI, are valid', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-tml-'));
    try {
      const r = run(['export', '--to', 'timeml', '--out', dir, EXAMPLES], ROOT);
      assert.equal(r.code, 0, r.err);
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tml'));
      assert.ok(files.length >= 1);
      for (const f of files) {
        const report = assertValid(fs.readFileSync(path.join(dir, f), 'utf8'));
        assert.ok(report.timexes.length > 1);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('300 random documents (any spans, ids and attributes) give valid TimeML', () => {
    fc.assert(
      fc.property(pressDocument, (text) => {
        const r = fromPress(text);
        if (!r.doc) return;
        const out = toTimeml('doc', r.doc, isTimex, { resolved: resolveTimexValues(r.parsed, isTimex) });
        assertValid(out.text, r.doc.text);
      }),
      { numRuns: 300 },
    );
  });

  it('300 generated press releases, half with their date values removed, give valid TimeML with no errors', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const release = generateDocument(seed, 1500, 0.6);
      // `[today]{date}`: the value comes from the label, against the release's date.
      const text = seed % 2 ? release : release.replace(/\{(date|time|duration|set):[^}\s]+/g, '{$1');
      const out = timeml(text, `gen-${seed}`);
      assertValid(out.text, out.plain);
      assert.deepEqual(out.problems.filter((p) => p.severity === 'error'), [], `seed ${seed}`);
    }
  });
});

describe('CoNLL-2003 and JSONL exports: valid for their readers', () => {
  const check = (text: string) => {
    const r = fromPress(text);
    if (!r.doc) return;
    const doc = r.doc;
    const conll = readConll(toConll(doc));
    assert.deepEqual(conll.errors, [], toConll(doc));
    assert.equal(conll.documents.length, 1);
    // The words are all there, in order; the entities are the outermost annotations.
    const tokens = conll.documents[0].flatMap((s) => s.tokens).join('');
    assert.equal(tokens, doc.text.replace(/\s+/gu, ''));
    const outer: typeof doc.spans = [];
    for (const s of doc.spans) if (!outer.length || s.start >= outer[outer.length - 1].end) outer.push(s);
    assert.deepEqual(
      bioEntities(conll.documents[0]).map((e) => [e.type, e.text.join('')]),
      outer.map((s) => [s.type, doc.text.slice(s.start, s.end).replace(/\s+/gu, '')]),
    );
    const jsonl = readJsonl(toJsonl('doc', doc, { isTimex }) + '\n');
    assert.deepEqual(jsonl.errors, []);
    assert.equal(jsonl.records.length, 1);
    const rec = jsonl.records[0];
    assert.equal(rec.text, doc.text);
    assert.deepEqual(
      rec.spans.map((s) => spanText(rec, s)),
      doc.spans.map((s) => doc.text.slice(s.start, s.end)),
      'offsets in code points',
    );
  };

  it('the readers refuse what their formats refuse', () => {
    assert.equal(readConll('-DOCSTART- -X- -X- O\n\nx _ _ I-org\n\n').errors.length, 1, 'I- without B-');
    assert.equal(readConll('-DOCSTART- -X- -X- O\n\nx _ _ B-org\ny _ _ I-country\n\n').errors.length, 1, 'I- of another type');
    assert.equal(readConll('-DOCSTART- -X- -X- O\n\na\u00a0b _ _ O\n\n').errors.length, 1, 'white space in a token');
    assert.equal(readConll('-DOCSTART- -X- -X- O\n\nx _ _ O\n\n\ny _ _ O\n\n').errors.length, 1, 'an empty sentence');
    assert.equal(readJsonl('{"text": "😀a", "spans": [{"start": 1, "end": 3, "label": "x"}]}\n').errors.length, 1, 'past the end in code points');
    assert.equal(readJsonl('[1]\n').errors.length, 1, 'not an object');
  });

  it('the bar document and the example', () => {
    check(BAR);
    check(fs.readFileSync(path.join(EXAMPLES, 'kazinform-2022-06-29.press'), 'utf8'));
  });

  it('300 random documents', () => {
    fc.assert(fc.property(pressDocument, check), { numRuns: 300 });
  });

  it('300 generated press releases', () => {
    for (let seed = 1; seed <= 300; seed++) check(generateDocument(seed, 1500, 0.6));
  });
});

describe('pressmark export: documents with errors', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-export-'));
    fs.writeFileSync(path.join(dir, 'good.press'), '---\ndate: 2022-06-29\n---\n[Today]{date}, [Kazakhstan]{country:KZ} and [about two years]{duration:P2Y mod=APPROX}.\n');
    fs.writeFileSync(path.join(dir, 'unknown.press'), 'In [Narnia]{country:NARNIA}.\n');
    fs.writeFileSync(path.join(dir, 'nodate.press'), '[Today]{date} it rained.\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('check errors: reported, left out, listed; the others written; exit 1', () => {
    const r = run(['export', '--to', 'jsonl', 'good.press', 'unknown.press'], dir);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.out.trim().split('\n').length, 1);
    assert.equal(JSON.parse(r.out).id, 'good');
    assert.match(r.err, /^unknown\.press:1:\d+ error Unknown country id `NARNIA`.*\(entity\.unknown-id\)$/m);
    assert.match(r.err, /1 document with errors \(not written; --force writes them\): unknown\.press\n$/);
  });

  it('the bar document ([Today]{date}, mod=approx, nested annotations) exports without --force: mod=approx is a warning (date.mod-case), written APPROX; exit 0', () => {
    const out = path.join(dir, 'out');
    fs.writeFileSync(path.join(dir, 'bar.press'), '---\ndate: 2022-06-29\n---\n[Today]{date}, [[Kazakhstan]{country:KZ} and the [OSCE]{org:OSCE}]{org:OSCE-PA} met for [about two years]{duration:P2Y mod=approx}.\n');
    const r = run(['export', '--to', 'timeml', '--out', out, 'bar.press'], dir);
    assert.equal(r.code, 0, r.err);
    const c = run(['check', 'bar.press'], dir);
    assert.equal(c.code, 0, c.out + c.err);
    assert.match(c.out + c.err, /^bar\.press:4:\d+ warning `mod approx` is written in upper case in TimeML: APPROX\. \(date\.mod-case\)$/m);
    const doc = assertValid(fs.readFileSync(path.join(out, 'bar.tml'), 'utf8'));
    assert.equal(doc.timexes.find((t) => textOf(t) === 'about two years')?.attributes.get('mod'), 'APPROX');
    assert.equal(doc.timexes.find((t) => textOf(t) === 'Today')?.attributes.get('value'), '2022-06-29');
  });

  it('TimeML: an unresolvable date is reported and not written unless --force; the others are', () => {
    const out = path.join(dir, 'out');
    const r = run(['export', '--to', 'timeml', '--out', out, 'good.press', 'nodate.press'], dir);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /^nodate\.press:1:1 error \[Today\]\{date\} has no value and none can be resolved: "Today" is relative to the publication date/m);
    assert.deepEqual(fs.readdirSync(out), ['good.tml']);
    const good = assertValid(fs.readFileSync(path.join(out, 'good.tml'), 'utf8'));
    assert.equal(good.timexes.find((t) => textOf(t) === 'Today')?.attributes.get('value'), '2022-06-29');
    const forced = run(['export', '--to', 'timeml', '--force', '--out', out, 'good.press', 'nodate.press'], dir);
    assert.equal(forced.code, 1, forced.err);
    assert.match(forced.err, /with errors \(written: --force\): nodate\.press\n$/);
    assertValid(fs.readFileSync(path.join(out, 'nodate.tml'), 'utf8'));
  });

  it('no errors: exit 0', () => {
    const r = run(['export', '--to', 'conll', 'good.press'], dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(readConll(r.out).errors, []);
  });
});
