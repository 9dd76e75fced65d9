import * as assert from 'node:assert/strict';
import { defaultConfig } from '../../server/src/service/config';
import { computeDiagnostics } from '../../server/src/service/diagnostics';
import { loadBuiltinKb } from '../../server/src/service/kb/builtin';
import { parseKbFile } from '../../server/src/service/kb/workspace';
import { createLanguageService } from '../../server/src/service/languageService';
import { parse } from '../../server/src/service/parser';
import { rankIds } from '../../server/src/service/completion';
import { marked, source } from '../support/marked';

const builtin = loadBuiltinKb();
const people = parseKbFile('file:///ws/people.kb.yaml', 'entities:\n  - {id: xavier-bettel, type: person, name: Xavier Bettel, aliases: [Bettel]}\n', defaultConfig());
const kb = builtin.withOverlay(people.entities);
const ls = createLanguageService({ getKnowledgeBase: () => kb });

function problems(text: string) {
  return computeDiagnostics(parse(text), defaultConfig(), undefined, kb).map((d) => ({ code: d.code, message: String(d.message), range: d.range }));
}

describe('entity checks against the knowledge base', () => {
  before(() => assert.ok(builtin.count('country') >= 249, 'dist/kb.json must be built (npm run build)'));

  const CLEAN = [
    '[Kazakhstan]{country:KZ} and [Luxembourg]{country:LU}',
    '[the Republic of Kazakhstan]{country:KZ}',
    '[U.S.]{country:US}, [USA]{country:US}, [Britain]{country:GB}',
    '[Astana]{country:KZ} said', // the capital names the state: metonymy
    '[Kazakhstani]{country:KZ} officials',
    '[the Central Asian nation]{country:KZ}', // descriptive labels are not checked
    '[[OSCE]{org:OSCE} Parliamentary Assembly]{org:OSCE-PA}',
    '[Bettel]{person:xavier-bettel}',
    '---\ndate: 2021-01-10\n---\n[Nur-Sultan]{place:G1526273}',
    '---\ndate: 2010-01-10\n---\n[Astana]{place:G1526273}',
    '[Someone]{person:unknown-person-but-no-check}'.replace('person', 'ship'), // unknown type is another rule
  ];
  for (const text of CLEAN) {
    it(`clean: ${JSON.stringify(text)}`, () => {
      assert.deepEqual(
        problems(text).filter((p) => String(p.code).startsWith('entity.')),
        [],
      );
    });
  }

  const CASES: Array<{ doc: string; code: string; message: RegExp }> = [
    { doc: '[X]{country:$[$XX$]$}', code: 'entity.unknown-id', message: /Unknown country id `XX`\. Did you mean `MX` \(Mexico\), `XK` \(Kosovo\)/ },
    { doc: '[Kazakhstan]{country:$[$KAZ$]$}', code: 'entity.unknown-id', message: /Did you mean `KZ` \(Kazakhstan\)/ },
    { doc: '[OSCE]{$[$country$]$:OSCE}', code: 'entity.wrong-type', message: /`OSCE` is not a country id: it is the org Organization for Security/ },
    { doc: '[$[$Luxembourg$]$]{country:KZ}', code: 'entity.label-mismatch', message: /`Luxembourg` names Luxembourg \(country LU\), but the annotation says Kazakhstan \(country KZ\)/ },
    { doc: '---\ndate: 2023-05-01\n---\n[$[$Nur-Sultan$]$]{place:G1526273}', code: 'entity.name-not-current', message: /`Nur-Sultan` was the name of Astana from 2019-03-23 to 2022-09-17\. On 2023-05-01 it was `Astana`/ },
    { doc: '---\ndate: 2020-05-01\n---\n[$[$Astana$]$]{place:G1526273}', code: 'entity.name-not-current', message: /On 2020-05-01 it was `Nur-Sultan`/ },
    { doc: '[Bettel]{person:$[$xavier-betel$]$}', code: 'entity.unknown-id', message: /Did you mean `xavier-bettel` \(Xavier Bettel\)/ },
  ];
  for (const c of CASES) {
    it(`${c.code}: ${JSON.stringify(c.doc.replace(/\$[[\]]\$/g, ''))}`, () => {
      const m = marked(c.doc);
      const ps = problems(m.text);
      assert.equal(ps.length, 1, JSON.stringify(ps));
      assert.equal(ps[0].code, c.code);
      assert.match(ps[0].message, c.message);
      assert.deepEqual(ps[0].range, parse(m.text).lines.range(m.ranges[0]));
    });
  }

  it('fixes: did-you-mean ids, the right type, the entity the label names', () => {
    const apply = (doc: string, title: RegExp) => {
      const m = marked(doc);
      const src = source(m.text);
      const p = parse(m.text).lines.positionAt(m.cursor);
      const actions = ls.codeActions(src, { start: p, end: p });
      const a = actions.find((x) => title.test(x.title));
      assert.ok(a, actions.map((x) => x.title).join(' | '));
      const e = a.edit!.changes![src.uri][0];
      const lines = parse(m.text).lines;
      return m.text.slice(0, lines.offsetAt(e.range.start)) + e.newText + m.text.slice(lines.offsetAt(e.range.end));
    };
    assert.equal(apply('[Luxem$|$bourg]{country:KZ}', /Change the id to `LU` \(Luxembourg\)/), '[Luxembourg]{country:LU}');
    assert.equal(apply('[Kazakhstan]{country:KA$|$Z}', /Change the id to `KZ`/), '[Kazakhstan]{country:KZ}');
    assert.equal(apply('[OSCE]{coun$|$try:OSCE}', /Change the type to `org`/), '[OSCE]{org:OSCE}');
    assert.equal(apply('[Luxem$|$bourg]{org:OSCE}', /Change the annotation to `country:LU`/), '[Luxembourg]{country:LU}');
  });
});

describe('id completion ranking', () => {
  it('puts the entity the label names first', () => {
    assert.equal(rankIds(kb, 'country', 'Luxembourg', '')[0].id, 'LU');
    assert.equal(rankIds(kb, 'org', 'OSCE Parliamentary Assembly', 'OS')[0].id, 'OSCE-PA');
    assert.equal(rankIds(kb, 'place', 'Nur-Sultan', '')[0].id, 'G1526273');
    assert.equal(rankIds(kb, 'country', '', 'KZ')[0].id, 'KZ');
  });
  it('completes partial ids and replaces the whole id under the cursor', () => {
    const m = marked('[Kazakhstan]{country:K$|$Q}');
    const list = ls.completion(source(m.text), parse(m.text).lines.positionAt(m.cursor));
    assert.equal(list.items[0].label, 'KZ');
    const edit = list.items[0].textEdit as { range: { start: { character: number }; end: { character: number } } };
    assert.deepEqual([edit.range.start.character, edit.range.end.character], [21, 23]);
  });
});

describe('workspace knowledge-base files', () => {
  it('reads entities with positions and reports problems with exact ranges', () => {
    const m = marked(
      'entities:\n  - id: a\n    type: person\n    name: A\n    roles:\n      - {title: x, from: $[$2020-13$]$}\n  - {id: b, type: $[$ship$]$, name: B}\n  - {$[$colour$]$: red, id: c, type: org, name: C}\n',
    );
    const f = parseKbFile('file:///x.kb.yaml', m.text, defaultConfig());
    assert.deepEqual(f.entities.map((e) => e.id), ['a', 'c']);
    assert.deepEqual(f.problems.map((p) => p.code), ['kb.invalid-date', 'kb.invalid-entity', 'kb.unknown-key']);
    assert.deepEqual(f.problems.map((p) => p.span), m.ranges);
  });
  it('never throws on hostile YAML, and bounds alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'entities: [*d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n');
    for (const text of [bomb, '{', '- [', 'entities: 5', 'entities: [5, "x", null]', '\u0000', 'entities:\n  - id: [1]\n    type: {}\n    name: 3']) {
      const f = parseKbFile('file:///x.kb.yaml', text, defaultConfig());
      assert.ok(Array.isArray(f.problems));
    }
  });
});
