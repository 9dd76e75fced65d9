/**
 * Readability (issue 14, item 6 and 8): names after opaque entity ids (inlay hints), the markup
 * and labels the client decorates, and the status the language status item shows.
 */
import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service/languageService';
import { loadBuiltinKb } from '../../server/src/service/kb/builtin';
import { KnowledgeBase } from '../../server/src/service/kb/knowledgeBase';
import { parse } from '../../server/src/service/parser';
import { markupSpans } from '../../server/src/service/markup';
import { marked, source } from '../support/marked';

const KB = loadBuiltinKb();
const ls = createLanguageService({ getKnowledgeBase: () => KB });
const FM = '---\ndate: 2022-06-29\n---\n';

function nameHints(text: string, options?: { entityNames?: boolean }): Array<{ label: string; at: number }> {
  const doc = parse(text);
  return ls
    .inlayHints(source(text), doc.lines.range({ start: 0, end: text.length }), options)
    .filter((h) => !String(h.label).startsWith('→') && !String(h.label).startsWith('='))
    .map((h) => ({ label: String(h.label), at: doc.lines.offsetAt(h.position) }));
}

describe('entity name inlay hints', () => {
  const CASES: Array<[string, string[]]> = [
    ['Talks in [the Austrian capital]{place:G2761369}.', ['Vienna']],
    ['[Vienna]{place:G2761369}', []], // the label is the name
    ['[Wien]{place:G2761369}', []], // the label is one of its names
    [`${FM}[the capital]{place:G1526273}`, ['Nur-Sultan']], // the name at the publication date
    ['[the capital]{place:G1526273}', ['Astana']], // no publication date: the current name
    ['[the Kazakh republic]{country:KZ}', []], // KZ reads as Kazakhstan
    ['[the German side]{country:DE}', []], // DE reads as Deutschland
    ['[the Kazakh Foreign Ministry]{org:MFA-KZ}', []], // spelled by Ministry of Foreign Affairs of Kazakhstan
    ['[the state]{place:US-GA}', ['Georgia']],
    ['[the capital]{place:G0000000}', []], // unknown id: its diagnostic says so
    ['[Today]{date:2022-06-29} [Kazakhstan]{country}', []],
  ];
  for (const [text, expect] of CASES) {
    it(JSON.stringify(text.replace(FM, 'published 2022-06-29: ')), () => assert.deepEqual(nameHints(text).map((h) => h.label), expect));
  }
  it('the hint sits after the annotation', () => {
    const text = 'Talks in [the Austrian capital]{place:G2761369}, then more.';
    assert.deepEqual(nameHints(text), [{ label: 'Vienna', at: text.indexOf(', then') }]);
  });
  it('pressmark.inlayHints.entityNames false: none', () => {
    assert.deepEqual(nameHints('Talks in [the Austrian capital]{place:G2761369}.', { entityNames: false }), []);
  });
  it('the annotated example gets none where its ids read as names and its labels are names', () => {
    const text = '[Kazakhstan]{country:KZ} and [[OSCE]{org:OSCE} Parliamentary Assembly]{org:OSCE-PA}; [NUR-SULTAN]{place:G1526273}';
    assert.deepEqual(nameHints(`${FM}${text}`), []);
  });
});

describe('markup spans for the decorations', () => {
  it('`[` and `]{...}` of every annotation, nested ones too, and each label with its type', () => {
    const m = marked('$[$[$]$$[$[$]$OSCE$[$]{org:OSCE}$]$ Assembly$[$]{org:OSCE-PA}$]$ in $[$[$]$Vienna$[$]{place:G2761369 x=1}$]$');
    const got = markupSpans(parse(m.text));
    assert.deepEqual(got.markup, m.ranges);
    const labels = got.labels.map((l) => [l.type, m.text.slice(l.span.start, l.span.end)]);
    assert.deepEqual(labels, [
      ['org', '[OSCE]{org:OSCE} Assembly'],
      ['org', 'OSCE'],
      ['place', 'Vienna'],
    ]);
  });
  it('only the annotations meeting the requested spans', () => {
    const text = '[A]{org:A}\n\n[B]{org:B}\n\n[C]{org:C}';
    const b = text.indexOf('[B]');
    const got = markupSpans(parse(text), [{ start: b, end: b + 3 }]);
    assert.deepEqual(got.labels.map((l) => text.slice(l.span.start, l.span.end)), ['B']);
    assert.equal(got.markup.length, 2);
  });
  it('an unclosed spec: the markup runs to where the annotation ends', () => {
    const text = '[Kazakhstan]{country:KZ';
    const got = markupSpans(parse(text));
    assert.deepEqual(got.markup.map((s) => text.slice(s.start, s.end)), ['[', ']{country:KZ']);
  });
  it('through the service, as LSP ranges, also above the size limit (syntax only)', () => {
    const small = createLanguageService({ getMaxDocumentSize: () => 10 });
    const text = 'x\n[Kazakhstan]{country:KZ}';
    const r = small.markup(source(text));
    assert.deepEqual(r.markup[0], { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
    assert.deepEqual(r.labels, [{ type: 'country', range: { start: { line: 1, character: 1 }, end: { line: 1, character: 11 } } }]);
  });
});

describe('document status (the language status item)', () => {
  it('knowledge-base counts per type, from the knowledge base itself', () => {
    const s = ls.status(source('[Kazakhstan]{country:KZ}'));
    const counts = KB.counts();
    assert.deepEqual(s.kb.byType, counts.byType);
    assert.equal(s.kb.total, counts.total);
    assert.ok(s.kb.byType.country > 200 && s.kb.byType.place > 1000, JSON.stringify(s.kb.byType));
  });
  it('workspace entities are counted apart', () => {
    const kb = KB.withOverlay([{ id: 'bettel', type: 'person', name: 'Xavier Bettel', names: {}, aliases: [], facts: {}, source: { kind: 'workspace', uri: 'file:///w/a.kb.yaml' } }]);
    const s = createLanguageService({ getKnowledgeBase: () => kb }).status(source('text'));
    assert.equal(s.kb.workspace, 1);
    assert.equal(s.kb.byType.person, (KB.counts().byType.person ?? 0) + 1);
  });
  it('suggestions left: the unannotated mentions, per type', () => {
    const s = ls.status(source(`${FM}Kazakhstan and Luxembourg met. [Austria]{country:AT} too.`));
    assert.equal(s.syntaxOnly, false);
    assert.equal(s.suggestions, 2);
    assert.deepEqual(s.suggestionsByType, { country: 2 });
  });
  it('syntax only above the size limit: no suggestions counted', () => {
    const text = 'Kazakhstan and Luxembourg met.';
    const s = createLanguageService({ getKnowledgeBase: () => KB, getMaxDocumentSize: () => 10 }).status(source(text));
    assert.equal(s.syntaxOnly, true);
    assert.equal(s.suggestions, undefined);
    assert.equal(s.characters, text.length);
    assert.equal(s.maxDocumentSize, 10);
  });
  it('an empty knowledge base', () => {
    const s = createLanguageService({ getKnowledgeBase: () => new KnowledgeBase([]) }).status(source(''));
    assert.deepEqual(s.kb, { byType: {}, workspace: 0, total: 0 });
  });
});
