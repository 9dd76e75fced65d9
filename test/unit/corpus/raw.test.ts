/** Raw releases → .press: datelines as agencies write them, casing, body, escapes, line ends. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { datelineName, importRaw, parseDateline, sourceName, titleCase, type RawOptions } from '../../../server/src/service/corpus/raw';
import { fromPress } from '../../../server/src/service/corpus/document';
import { loadBuiltinKb } from '../../../server/src/service/kb/builtin';

const ROOT = path.resolve(__dirname, '../../../..');
const kb = loadBuiltinKb();
const spell: RawOptions['spell'] = (name, kind) => kb.lookupNameMatches(name, { type: kind === 'place' ? 'place' : 'org' })[0]?.matched;

describe('raw import: datelines', () => {
  const cases: Array<[string, { place: string; date?: string; source?: string } | undefined, string]> = [
    ['NUR-SULTAN. KAZINFORM - Today, on 29 June 2022', { place: 'NUR-SULTAN', source: 'KAZINFORM' }, 'Today, on 29 June 2022'],
    ['ALMATY. KAZINFORM – A new', { place: 'ALMATY', source: 'KAZINFORM' }, 'A new'],
    ['ASTANA, June 29 (Kazinform) -- The President', { place: 'ASTANA', date: '06-29', source: 'Kazinform' }, 'The President'],
    ['LONDON (Reuters) - Oil prices', { place: 'LONDON', source: 'Reuters' }, 'Oil prices'],
    ['TOKYO, Jan. 5 (Reuters) - Shares', { place: 'TOKYO', date: '01-05', source: 'Reuters' }, 'Shares'],
    ['WASHINGTON, June 5 (AP) — The Senate', { place: 'WASHINGTON', date: '06-05', source: 'AP' }, 'The Senate'],
    ['WASHINGTON, D.C., June 5 (AP) - The', { place: 'WASHINGTON, D.C.', date: '06-05', source: 'AP' }, 'The'],
    ['MOSCOW, June 29. /TASS/. Russian', { place: 'MOSCOW', date: '06-29', source: 'TASS' }, 'Russian'],
    ['NEW YORK, June 29, 2022 /PRNewswire/ -- Acme', { place: 'NEW YORK', date: '2022-06-29', source: 'PRNewswire' }, 'Acme'],
    ['SAN FRANCISCO--(BUSINESS WIRE)--Acme today', { place: 'SAN FRANCISCO', source: 'BUSINESS WIRE' }, 'Acme today'],
    ['NEW YORK, June 29, 2022 (GLOBE NEWSWIRE) -- Acme', { place: 'NEW YORK', date: '2022-06-29', source: 'GLOBE NEWSWIRE' }, 'Acme'],
    ['BAKU, Azerbaijan, June 29. Azerbaijan will', { place: 'BAKU, Azerbaijan', date: '06-29' }, 'Azerbaijan will'],
    ['ST. PETERSBURG, June 3 (Reuters) - x', { place: 'ST. PETERSBURG', date: '06-03', source: 'Reuters' }, 'x'],
    ['Nur-Sultan, 29 June 2022 – The ministry', { place: 'Nur-Sultan', date: '2022-06-29' }, 'The ministry'],
    ['ASTANA – The Senate', { place: 'ASTANA' }, 'The Senate'],
    // Not datelines: the body starts at once.
    ['Today, on 29 June 2022, Kazakhstan', undefined, ''],
    ['The UN said - this', undefined, ''],
    ['COVID-19 - cases rise', undefined, ''],
    ['BREAKING - news', undefined, ''],
    ['President Tokayev (pictured) said', undefined, ''],
  ];
  for (const [text, want, rest] of cases) {
    it(JSON.stringify(text), () => {
      const d = parseDateline(text, 0, (p) => spell(p, 'place') !== undefined);
      if (!want) return assert.equal(d, undefined);
      assert.ok(d, 'a dateline');
      assert.deepEqual(JSON.parse(JSON.stringify({ place: d.place, date: d.date, source: d.source })), want);
      assert.equal(text.slice(d.end), rest);
    });
  }
});

describe('raw import: casing of the dateline and the source', () => {
  it('writes names in capitals as the knowledge base spells them, else in title case', () => {
    assert.equal(datelineName('NUR-SULTAN', { spell }), 'Nur-Sultan');
    assert.equal(datelineName('NUR-SULTAN'), 'Nur-Sultan');
    assert.equal(datelineName('UNITED NATIONS', { spell }), 'United Nations');
    assert.equal(datelineName('RIO DE JANEIRO'), 'Rio de Janeiro');
    assert.equal(datelineName('WASHINGTON, D.C.', { spell }), 'Washington, D.C.');
    assert.equal(datelineName('BAKU, Azerbaijan', { spell }), 'Baku, Azerbaijan');
    assert.equal(sourceName('KAZINFORM', { spell }), 'Kazinform');
    assert.equal(sourceName('AP', { spell }), 'AP');
    assert.equal(sourceName('AFP'), 'AFP');
    assert.equal(sourceName('BUSINESS WIRE', { spell }), 'Business Wire');
    assert.equal(sourceName('Reuters'), 'Reuters');
    assert.equal(titleCase("O'HARE"), "O'Hare");
    assert.equal(titleCase('UST-KAMENOGORSK'), 'Ust-Kamenogorsk');
  });
});

describe('raw import: documents', () => {
  it('the seed release: date, dateline and source in the front matter, the body from "Today, on 29 June 2022"', () => {
    const raw = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.txt'), 'utf8');
    const r = importRaw(raw, { spell });
    assert.deepEqual(r.problems, []);
    assert.ok(r.text!.startsWith('---\ndate: 2022-06-29\ndateline: Nur-Sultan\nsource: Kazinform\n---\nToday, on 29 June 2022, Kazakhstan and Luxembourg'));
    const read = fromPress(r.text!);
    assert.deepEqual(read.doc!.meta, { date: '2022-06-29', dateline: 'Nur-Sultan', source: 'Kazinform' });
    assert.equal(read.doc!.spans.length, 0);
    // The body is the raw text after the dateline, word for word.
    assert.equal(read.doc!.text, raw.slice(raw.indexOf('Today')) + '\n'); // a final line break is added
  });

  it('relates to the hand-annotated example: the same words after its dateline', () => {
    const raw = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.txt'), 'utf8');
    const annotated = fromPress(fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8')).doc!;
    const imported = fromPress(importRaw(raw, { spell }).text!).doc!;
    assert.ok(annotated.text.trimEnd().endsWith(imported.text.trimEnd()));
    const kept = fromPress(importRaw(raw, { spell, keepDateline: true }).text!).doc!;
    assert.equal(kept.text.trimEnd(), annotated.text.trimEnd());
    assert.equal(kept.meta.dateline, 'Nur-Sultan');
  });

  it('takes the date from a dateline with a year when there is no prefix', () => {
    const r = importRaw('NEW YORK, June 29, 2022 /PRNewswire/ -- Acme Corp. said.\n', { spell });
    assert.match(r.text!, /^---\ndate: 2022-06-29\ndateline: New York\nsource: PRNewswire\n---\nAcme Corp\. said\.\n$/);
  });

  it('keeps text that looks like markup as text (escapes only where needed), and CRLF line ends', () => {
    const r = importRaw('MOSCOW, June 29. /TASS/. Russia signed [an]{org:X} agreement [1].\r\nMore.\r\n', { spell });
    const read = fromPress(r.text!);
    assert.equal(read.doc!.spans.length, 0);
    assert.equal(read.doc!.text, 'Russia signed [an]{org:X} agreement [1].\r\nMore.\r\n');
    assert.match(r.text!, /^---\r\ndateline: Moscow\r\nsource: TASS\r\n---\r\n/);
    const plain = importRaw('No dateline [1] here', { spell });
    assert.equal(plain.text, 'No dateline [1] here\n');
  });

  it('writes spans it is given (pre-annotation) as annotations', () => {
    const r = importRaw('LONDON (Reuters) - Kazakhstan said.', { spell }, (body) => [{ start: body.indexOf('Kazakhstan'), end: body.indexOf('Kazakhstan') + 10, type: 'country', id: 'KZ', attributes: [] }]);
    assert.equal(r.text, '---\ndateline: London\nsource: Reuters\n---\n[Kazakhstan]{country:KZ} said.\n');
  });
});
