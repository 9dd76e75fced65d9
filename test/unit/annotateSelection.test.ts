/**
 * "Annotate Selection as..." (issue 14 item 2), the pure side: which selections can be annotated
 * (and the reason given when not), the choices per type (the id completion's ranking, a new
 * entity, the dates engine's value), and the edit: markup around the words, the words unchanged,
 * UTF-16 ranges (Cyrillic, emoji, CRLF).
 */
import * as assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import { checkSelection } from '../../server/src/service/annotateSelection';
import { codeActions } from '../../server/src/service/codeActions';
import { defaultConfig } from '../../server/src/service/config';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { applyEdits, marked, source, words } from '../support/marked';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinKb, repoRoot } from './kb/helpers';

const URI = 'file:///ws/doc.press';
type Change = { kind?: string; uri?: string; textDocument?: { uri: string }; edits?: TextEdit[] };

function service(assist = { kbTargets: [], rootUri: 'file:///ws' }) {
  const kb = builtinKb().kb;
  return createLanguageService({ getKnowledgeBase: () => kb, getAssistContext: () => assist, clientAnnotatesSelection: () => true });
}

/** Annotates the marked range with `type:id`; the document's text after the edit, or the reason. */
function annotate(src: string, type: string, id: string, newEntity?: { name: string }): { text?: string; reason?: string; changes?: Change[] } {
  const m = marked(src);
  const ls = service();
  const s = { ...source(m.text), uri: URI };
  const doc = ls.parse(s);
  const range = doc.lines.range(m.ranges[0]);
  const r = ls.annotateSelection(s, range, { type, id, newEntity });
  if ('reason' in r) return { reason: r.reason };
  const changes = r.edit.documentChanges as Change[];
  const own = changes.find((c) => c.textDocument?.uri === URI)!;
  const text = applyEdits(m.text, doc.lines, own.edits!);
  assert.deepEqual(words(plainText(parse(text)).text), words(plainText(doc).text), 'the words are unchanged');
  assert.equal(plainText(parse(text)).text, plainText(doc).text, 'the plain text is unchanged');
  return { text, changes };
}

describe('annotate selection: the edit', () => {
  const cases: Array<[string, string, string, string, string]> = [
    ['a phrase', 'The $[$Blue Marine Foundation$]$ said.', 'org', 'blue-marine-foundation', 'The [Blue Marine Foundation]{org:blue-marine-foundation} said.'],
    ['spaces at the edges stay outside', 'Visit $[$ Luxembourg $]$ now.', 'country', 'LU', 'Visit  [Luxembourg]{country:LU}  now.'],
    ['Cyrillic', 'Делегация $[$Казахстана$]$ прибыла.', 'country', 'KZ', 'Делегация [Казахстана]{country:KZ} прибыла.'],
    ['emoji before the selection (surrogate pairs)', '🇰🇿🎉 $[$Astana$]$ 🎉 hosts.', 'place', '', '🇰🇿🎉 [Astana]{place} 🎉 hosts.'],
    ['CRLF lines', '---\r\ndate: 2022-06-29\r\n---\r\nLine one.\r\nIn $[$Vienna$]$ today.\r\n', 'place', '', '---\r\ndate: 2022-06-29\r\n---\r\nLine one.\r\nIn [Vienna]{place} today.\r\n'],
    ['across a line break of one paragraph (CRLF)', 'The $[$Blue Marine\r\nFoundation$]$ said.', 'org', 'BMF', 'The [Blue Marine\r\nFoundation]{org:BMF} said.'],
    ['inside a label: nests', '[The $[$Kazakh$]$ Embassy]{org:x} opened.', 'country', 'KZ', '[The [Kazakh]{country:KZ} Embassy]{org:x} opened.'],
    ['around whole annotations: wraps them', 'The $[$[Luxembourg]{country:LU} City$]$ hall.', 'place', '', 'The [[Luxembourg]{country:LU} City]{place} hall.'],
    ['an escape inside stays', 'Say $[$a \\[b\\] c$]$ now.', 'org', 'x', 'Say [a \\[b\\] c]{org:x} now.'],
    ['a date with its value', '---\ndate: 2022-06-29\n---\nOn $[$29 June 2022$]$ we met.', 'date', '2022-06-29', '---\ndate: 2022-06-29\n---\nOn [29 June 2022]{date:2022-06-29} we met.'],
  ];
  for (const [what, src, type, id, want] of cases) {
    it(what, () => {
      const r = annotate(src, type, id);
      assert.equal(r.reason, undefined);
      assert.equal(r.text, want);
    });
  }

  it('a new entity is appended to the workspace knowledge base in the same edit', () => {
    const r = annotate('The $[$Blue Marine Foundation$]$ said.', 'org', 'blue-marine-foundation', { name: 'Blue Marine Foundation' });
    const kb = r.changes!.find((c) => c.textDocument?.uri === 'file:///ws/pressmark.kb.yaml');
    assert.ok(kb, JSON.stringify(r.changes));
    assert.ok(r.changes!.some((c) => c.kind === 'create' && c.uri === 'file:///ws/pressmark.kb.yaml'));
    const text = kb.edits!.map((e) => e.newText).join('');
    assert.match(text, /- id: blue-marine-foundation\n\s+type: org\n\s+name: Blue Marine Foundation\n/);
  });

  it('an id the knowledge base has is not added again', () => {
    const r = annotate('In $[$Luxembourg$]$.', 'country', 'LU', { name: 'Luxembourg' });
    assert.equal(r.changes!.length, 1);
  });
});

describe('annotate selection: refused, with the reason', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['empty', 'The $[$$]$Blue.', /Select the words/],
    ['only spaces', 'The$[$   $]$Blue.', /no words/],
    ['in the front matter', '---\ntitle: $[$Hello$]$\n---\nBody.', /front matter/],
    ['from the front matter into the text', '---\ntitle: $[$Hello\n---\nBody$]$.', /front matter/],
    ['across a blank line', 'One $[$para.\n\nTwo$]$ para.', /blank line/],
    ['across the start of an annotation', 'The $[$Grand [Duchy$]$ of Luxembourg]{country:LU} is.', /crosses the edge of the annotation `\[Duchy of Luxembourg\]\{country:LU\}`/],
    ['across the end of an annotation', 'The [Grand Duchy of $[$Luxembourg]{country:LU} is$]$.', /crosses the edge/],
    ['the label without its spec', 'The $[$[Luxembourg]$]${country:LU} is.', /crosses the edge/],
    ['in the spec', 'The [Luxembourg]{$[$country$]$:LU} is.', /in the markup of the annotation/],
    ['a lone bracket inside', 'The $[$a ] b$]$ c.', /lone/],
    ['splits an emoji', 'A 🇰🇿 b', /splits a character/],
  ];
  for (const [what, src, reason] of cases) {
    it(what, () => {
      let text = src;
      if (what === 'splits an emoji') {
        // a range that ends between the two halves of a surrogate pair
        const at = src.indexOf('🇰🇿') + 1;
        text = src.slice(0, 2) + '$[$' + src.slice(2, at) + '$]$' + src.slice(at);
      }
      const r = annotate(text, 'org', 'x');
      assert.equal(r.text, undefined, r.text);
      assert.match(r.reason ?? '', reason);
    });
  }

  it('an unknown type, a bad id, a missing required id', () => {
    assert.match(annotate('In $[$Luxembourg$]$.', 'planet', 'LU').reason ?? '', /not a type/);
    assert.match(annotate('In $[$Luxembourg$]$.', 'org', 'a b').reason ?? '', /not a valid id/);
    assert.match(annotate('In $[$Luxembourg$]$.', 'org', '').reason ?? '', /needs an id/);
    assert.match(annotate('On $[$Monday$]$.', 'date', 'not-a-date').reason ?? '', /not a TIMEX3 date value/);
  });

  it('nesting deeper than the parser allows', () => {
    let text = 'x';
    for (let i = 0; i < 16; i++) text = `[${text}]{org:a}`;
    const doc = parse(text);
    const inner = text.indexOf('x');
    assert.equal(checkSelection(parse(text.slice(1, -'}{org:a}'.length)), { start: inner - 1, end: inner }).ok, true, 'one level less is fine');
    const r = checkSelection(doc, { start: inner, end: inner + 1 });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /nest at most 16/);
  });
});

describe('annotate selection: choices', () => {
  it('the label’s best matches first, as the id completion ranks them', () => {
    const m = marked('The delegation of $[$Luxembourg$]$ arrived.');
    const ls = service();
    const s = { ...source(m.text), uri: URI };
    const range = ls.parse(s).lines.range(m.ranges[0]);
    const c = ls.selectionChoices(s, range, 'country', '');
    assert.equal(c.choices[0].id, 'LU');
    assert.equal(c.newEntity, undefined, 'no new country');
    assert.equal(c.labelNamed, true);
    const typed = ls.selectionChoices(s, range, 'country', 'Kazakh');
    assert.equal(typed.choices[0].id, 'KZ');
  });

  it('a name the knowledge base does not know: a new entity proposed from the label', () => {
    const m = marked('The $[$Blue Marine Foundation$]$ said.');
    const ls = service();
    const s = { ...source(m.text), uri: URI };
    const c = ls.selectionChoices(s, ls.parse(s).lines.range(m.ranges[0]), 'org', '');
    assert.deepEqual(c.newEntity, { type: 'org', id: 'blue-marine-foundation', name: 'Blue Marine Foundation' });
    assert.equal(c.labelNamed, false);
  });

  it('a date: the value the dates engine reads, first', () => {
    const m = marked('---\ndate: 2022-06-29\n---\nThe talks began $[$last Friday$]$ in Vienna.');
    const ls = service();
    const s = { ...source(m.text), uri: URI };
    const c = ls.selectionChoices(s, ls.parse(s).lines.range(m.ranges[0]), 'date', '');
    assert.equal(c.choices[0].id, '2022-06-24');
    assert.ok(c.choices.some((x) => x.id === '2022-06-29' && /publication/.test(x.description ?? '')));
    assert.equal(c.idOptional, true);
  });

  it('checkSelection lists the schema’s types and the label', () => {
    const m = marked('[The $[$Kazakh$]$ Embassy]{org:x} opened.');
    const ls = service();
    const s = { ...source(m.text), uri: URI };
    const r = ls.checkSelection(s, ls.parse(s).lines.range(m.ranges[0]));
    assert.ok(r.ok);
    assert.equal(r.ok && r.label, 'Kazakh');
    assert.deepEqual(r.ok && r.parent, { type: 'org', id: 'x', label: 'The Kazakh Embassy' });
    assert.deepEqual(r.types?.map((t) => t.name).slice(0, 4), ['country', 'org', 'person', 'place']);
  });
});

describe('annotate selection: the code action', () => {
  const run = (src: string, enabled: boolean, invoked = true) => {
    const m = marked(src);
    const doc = parse(m.text);
    const range = doc.lines.range(m.ranges[0]);
    return codeActions(doc, URI, range, defaultConfig(), undefined, undefined, builtinKb().kb, undefined, invoked, false, undefined, enabled);
  };
  it('is offered on any selection with words, when the client has the command', () => {
    const a = run('The $[$Blue Marine Foundation$]$ said.', true).find((x) => x.title === 'Annotate Selection as...');
    assert.ok(a);
    assert.equal(a.command?.command, 'pressmark.annotateSelection');
    assert.equal(a.command?.arguments?.[0], URI);
  });
  it('is not offered without the client command, on an empty selection, or to the automatic light bulb', () => {
    assert.equal(run('The $[$Blue Marine Foundation$]$ said.', false).some((x) => x.title === 'Annotate Selection as...'), false);
    assert.equal(run('The $[$$]$Blue said.', true).some((x) => x.title === 'Annotate Selection as...'), false);
    assert.equal(run('The $[$Blue$]$ said.', true, false).some((x) => x.title === 'Annotate Selection as...'), false);
  });
});

describe('annotate selection: any range of a real release', () => {
  it('is refused with a reason, or annotated with the words and the other annotations unchanged', () => {
    const seed = fs.readFileSync(path.join(repoRoot(), 'examples/kazinform-2022-06-29.press'), 'utf8');
    const text = seed.replace(/\n/g, '\r\n').replace('Astana', 'Астана 🇰🇿');
    const ls = service();
    const s = { ...source(text), uri: URI };
    const doc = ls.parse(s);
    let seedState = 20240614;
    const rand = (n: number) => ((seedState = (seedState * 1103515245 + 12345) % 2 ** 31), seedState % n);
    let annotated = 0;
    for (let i = 0; i < 400; i++) {
      const a = rand(text.length);
      const b = Math.min(text.length, a + 1 + rand(60));
      const r = ls.annotateSelection(s, doc.lines.range({ start: a, end: b }), { type: 'place' });
      if ('reason' in r) {
        assert.match(r.reason, /\S/);
        continue;
      }
      annotated++;
      const own = (r.edit.documentChanges as Change[])[0];
      const after = parse(applyEdits(text, doc.lines, own.edits!));
      assert.equal(plainText(after).text, plainText(doc).text, `range ${a}-${b}`);
      assert.equal(after.all.length, doc.all.length + 1, `range ${a}-${b}`);
      assert.equal(after.problems.length, doc.problems.length, `range ${a}-${b}`);
    }
    assert.ok(annotated > 20, `${annotated} of 400 ranges annotated`);
  });
});
