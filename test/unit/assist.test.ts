/**
 * Assisted annotation in the editor (issue 5): `mention.unannotated`, `annotation.inconsistent`,
 * `annotation.boundary`, their quick-fixes, pre-annotation, statistics and workspace symbols,
 * through the pure language service. Data-driven, with `$|$` cursor markers.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { walk } from '../../server/src/service/model';
import { parseKbFile } from '../../server/src/service/kb/workspace';
import { defaultConfig } from '../../server/src/service/config';
import type { KnowledgeBase } from '../../server/src/service/kb/knowledgeBase';
import { suggestions } from '../../server/src/service/mentions/suggestions';
import { applyEdits, marked, source, words } from '../support/marked';
import { builtinKb, repoRoot } from './kb/helpers';

const ROOT = repoRoot();
const SEED = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
const KB_FILE = fs.readFileSync(path.join(ROOT, 'examples/kazinform.kb.yaml'), 'utf8');

let kbCache: KnowledgeBase | undefined;
/** The built-in knowledge base with the example's workspace file laid over it. */
function kb(): KnowledgeBase {
  return (kbCache ??= builtinKb().kb.withOverlay(parseKbFile('file:///ws/kazinform.kb.yaml', KB_FILE, defaultConfig()).entities));
}

function service(assist?: { kbTargets?: Array<{ uri: string; text: string }>; rootUri?: string }) {
  return createLanguageService({ getKnowledgeBase: () => kb(), getAssistContext: () => assist });
}

/** The seed with its annotations removed, front matter kept. */
function strippedSeed(): string {
  const doc = parse(SEED);
  return SEED.slice(0, doc.bodyStart) + plainText(doc).text;
}

function codes(ds: Diagnostic[], code: string): Array<Diagnostic & { message: string }> {
  return ds.filter((d) => d.code === code) as Array<Diagnostic & { message: string }>;
}

function editsOf(a: CodeAction, uri: string): TextEdit[] {
  return a.edit!.changes![uri] as TextEdit[];
}

function at(src: string) {
  const m = marked(src);
  const s = source(m.text);
  const doc = parse(m.text);
  return { m, s, doc, position: doc.lines.positionAt(m.cursor) };
}

/** Applies the action titled `title` at the cursor; returns the new text. */
function applyAt(src: string, title: string | RegExp, ls = service()): string {
  const { m, s, doc, position } = at(src);
  const actions = ls.codeActions(s, { start: position, end: position });
  const a = actions.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(a, `no action ${title}; got ${actions.map((x) => x.title).join(' | ')}`);
  return applyEdits(m.text, doc.lines, editsOf(a, s.uri));
}

describe('assisted annotation: the seed release with its annotations removed', function () {
  this.timeout(60_000);
  const text = strippedSeed();
  const ls = service();
  const s = source(text);
  const doc = parse(text);
  let diags: Diagnostic[] = [];
  before(() => {
    diags = ls.diagnostics(s);
  });

  it('suggests exactly the seed’s top-level annotations (same words, type and id)', () => {
    const seed = parse(SEED);
    const plain = plainText(seed);
    const head = seed.bodyStart;
    const toStripped = (src: number) => head + plain.offsets.findIndex((o) => o >= src);
    const expected = seed.annotations.map((a) => `${text.slice(toStripped(a.labelSpan.start), toStripped(a.labelSpan.end))}@${toStripped(a.labelSpan.start)} ${a.type}:${a.id}`);
    const got = codes(diags, 'mention.unannotated').map((d) => {
      const span = doc.lines.span(d.range);
      const data = d.data as { type: string; id: string };
      return `${text.slice(span.start, span.end)}@${span.start} ${data.type}:${data.id}`;
    });
    assert.deepEqual(got, expected);
  });

  it('finds every Kazakhstan and Luxembourg the seed annotates, PACE whole (not "Europe"), the OSCE PA and the dates', () => {
    const texts = codes(diags, 'mention.unannotated').map((d) => {
      const span = doc.lines.span(d.range);
      return text.slice(span.start, span.end);
    });
    const count = (w: string) => texts.filter((t) => t === w).length;
    const seedCount = (label: string) => [...walk(parse(SEED).annotations)].filter((a) => a.text === label && !a.parent).length;
    assert.equal(count('Kazakhstan'), seedCount('Kazakhstan'));
    assert.equal(count('Luxembourg'), seedCount('Luxembourg'));
    assert.ok(texts.includes('OSCE Parliamentary Assembly'));
    assert.ok(texts.includes('Parliamentary Assembly of the Council of Europe'));
    assert.ok(!texts.includes('Europe') && !texts.includes('Council of Europe'));
    for (const d of ['Today', '29 June 2022', 'the past three decades', '2015', '2017', '2020']) assert.ok(texts.includes(d), d);
    const today = codes(diags, 'mention.unannotated').find((d) => text.slice(doc.lines.span(d.range).start).startsWith('Today'))!;
    assert.match(today.message, /^`Today` is not annotated: date 2022-06-29\.$/);
  });

  it('says what a mention would become, alternatives included', () => {
    const lu = codes(diags, 'mention.unannotated').map((d) => d.message).filter((m) => m.startsWith('`Luxembourg`'));
    assert.ok(lu.includes('`Luxembourg` is not annotated: country LU (Luxembourg).'), lu.join('\n'));
    assert.ok(lu.some((m) => m === '`Luxembourg` is not annotated: country LU (Luxembourg); or place G2960316 (Luxembourg).'), lu.join('\n'));
    assert.ok(diags.every((d) => d.severity === 4), 'hint by default (issue 14: suggestions are not Problems)');
  });

  it('"Kazakh-Luxembourg" (a compound of capitalized words) is not suggested', () => {
    const at = text.indexOf('Kazakh-Luxembourg') + 'Kazakh-'.length;
    assert.ok(!suggestions(doc, kb()).some((m) => m.start <= at && at < m.end));
  });

  it('the code action on Luxembourg: "Annotate as country LU (Luxembourg)", preferred, first; words unchanged', () => {
    const d = codes(diags, 'mention.unannotated').find((x) => (x.data as { id: string }).id === 'LU')!;
    const actions = ls.codeActions(s, d.range);
    assert.equal(actions[0].title, 'Annotate as country LU (Luxembourg)');
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions.filter((a) => a.isPreferred).length, 1);
    const out = applyEdits(text, doc.lines, editsOf(actions[0], s.uri));
    const span = doc.lines.span(d.range);
    assert.equal(out.slice(span.start, span.start + '[Luxembourg]{country:LU}'.length), '[Luxembourg]{country:LU}');
    assert.deepEqual(words(plainText(parse(out)).text), words(plainText(doc).text));
    assert.deepEqual(parse(out).problems, []);
  });

  it('"annotate all" annotates every suggested Luxembourg in one edit', () => {
    const lus = codes(diags, 'mention.unannotated').filter((x) => (x.data as { id: string }).id === 'LU');
    assert.ok(lus.length >= 5);
    const actions = ls.codeActions(s, lus[0].range);
    const all = actions.find((a) => a.title === `Annotate all ${lus.length} mentions as country LU (Luxembourg)`);
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    assert.equal(Object.keys(all.edit!.changes!).length, 1);
    const out = applyEdits(text, doc.lines, editsOf(all, s.uri));
    const after = parse(out);
    assert.deepEqual(after.problems, []);
    assert.equal(after.all.filter((a) => a.type === 'country' && a.id === 'LU').length, lus.length);
    assert.deepEqual(words(plainText(after).text), words(plainText(doc).text));
    // nothing left to suggest for LU
    assert.ok(!codes(ls.diagnostics(source(out)), 'mention.unannotated').some((x) => (x.data as { id: string }).id === 'LU'));
  });

  it('offers the alternatives of an ambiguous name, not preferred', () => {
    const d = codes(diags, 'mention.unannotated').find((x) => x.message.includes('; or place G2960316'))!;
    const actions = ls.codeActions(s, d.range);
    const alt = actions.find((a) => a.title === 'Annotate as place G2960316 (Luxembourg)');
    assert.ok(alt && !alt.isPreferred, actions.map((a) => a.title).join(' | '));
    assert.match(applyEdits(text, doc.lines, editsOf(alt, s.uri)), /\[Luxembourg\]\{place:G2960316\}/);
  });

  it('pre-annotation of chosen types is one edit that changes no words and leaves no suggestion of those types', () => {
    const r = ls.preannotate(s, ['country', 'org']);
    assert.deepEqual(Object.keys(r.edit.changes!), [s.uri]);
    const out = applyEdits(text, doc.lines, r.edit.changes![s.uri]);
    const after = parse(out);
    assert.deepEqual(after.problems, []);
    assert.deepEqual(words(plainText(after).text), words(plainText(doc).text));
    assert.equal(r.counts.country, after.all.filter((a) => a.type === 'country').length);
    assert.ok(r.counts.org >= 5 && !('date' in r.counts) && r.available.date >= 5);
    const left = codes(ls.diagnostics(source(out)), 'mention.unannotated').map((x) => (x.data as { type: string }).type);
    assert.ok(!left.includes('country') && !left.includes('org'), left.join(','));
    assert.ok(left.includes('date'));
  });

  it('pre-annotating everything reproduces the seed’s top-level annotations', () => {
    const r = ls.preannotate(s);
    const out = applyEdits(text, doc.lines, r.edit.changes![s.uri]);
    const strip = (t: string) => t.replace(/\[\[OSCE\]\{org:OSCE\} /, '[OSCE ').replace(/\[Council of Europe\]\{org:COE\}/, 'Council of Europe').replace(/\[\[Benelux\]\{org:BENELUX\} Chamber of Commerce in \[Kazakhstan\]\{country:KZ\}\]/, '[Benelux Chamber of Commerce in Kazakhstan]');
    assert.equal(out, strip(SEED));
  });
});

describe('assisted annotation: no suggestion where there is markup', () => {
  const ls = service();
  it('the annotated seed has no suggestion and no warning or error', () => {
    const ds = ls.diagnostics(source(SEED));
    assert.deepEqual(ds.filter((d) => d.severity! <= 2), []);
    assert.deepEqual(codes(ds, 'mention.unannotated'), []);
  });

  const NONE: Array<[string, string]> = [
    ['inside a label', '[Talks between Kazakhstan and Luxembourg]{org:X}'],
    ['a label as written', 'x [Kazakhstan]{country:KZ} y'],
    ['a label being written', '[Kazakhstan{country:KZ} and more'],
    ['a capitalized compound', 'Kazakh-Luxembourg relations and US-China trade'],
  ];
  for (const [what, text] of NONE) {
    it(`none ${what}: ${text}`, () => {
      assert.deepEqual(codes(ls.diagnostics(source(text)), 'mention.unannotated').map((d) => d.message), []);
    });
  }

  it('a suggestion around a nested annotation wraps it: [[OSCE]{org:OSCE} Parliamentary Assembly]{org:OSCE-PA}', () => {
    const out = applyAt('The $|$[OSCE]{org:OSCE} Parliamentary Assembly met.', 'Annotate as org OSCE-PA (OSCE Parliamentary Assembly)', ls);
    assert.equal(out, 'The [[OSCE]{org:OSCE} Parliamentary Assembly]{org:OSCE-PA} met.');
  });

  it('suggestions follow edits elsewhere: offsets of other paragraphs shift, results are the same', () => {
    const a = parse('Intro.\n\nKazakhstan and Luxembourg met.\n');
    const b = parse('Intro text, and more of it.\n\nKazakhstan and Luxembourg met.\n');
    const sa = suggestions(a, kb()).map((m) => [m.text, m.start - a.text.indexOf('Kaz')]);
    const sb = suggestions(b, kb()).map((m) => [m.text, m.start - b.text.indexOf('Kaz')]);
    assert.deepEqual(sa, [['Kazakhstan', 0], ['Luxembourg', 15]]);
    assert.deepEqual(sb, sa);
  });

  it('a paragraph starting with --- is body text, not front matter', () => {
    const t = 'Intro.\n\n---\nKazakhstan signed.\n';
    assert.deepEqual(suggestions(parse(t), kb()).map((m) => [m.text, m.start]), [['Kazakhstan', t.indexOf('Kazakhstan')]]);
  });

  it('`pressmark.rules` can turn the rule off or raise it', () => {
    const quiet = createLanguageService({ getKnowledgeBase: () => kb(), getUserRules: () => ({ 'mention.unannotated': 'off' }) });
    assert.deepEqual(quiet.diagnostics(source('Kazakhstan signed.')), []);
    const loud = createLanguageService({ getKnowledgeBase: () => kb(), getUserRules: () => ({ 'mention.unannotated': 'warning' }) });
    assert.equal(loud.diagnostics(source('Kazakhstan signed.'))[0].severity, 2);
  });
});

describe('annotation.boundary', () => {
  const ls = service();
  const FIXES: Array<[string, string]> = [
    ['[Lux$|$embourg ]{country:LU} and', '[Luxembourg]{country:LU}  and'],
    ['[ Lux$|$embourg]{country:LU}', ' [Luxembourg]{country:LU}'],
    ['in [Lux$|$embourg,]{country:LU} the', 'in [Luxembourg]{country:LU}, the'],
    ['met [the OS$|$CE]{org:OSCE}', 'met the [OSCE]{org:OSCE}'],
    ['[The OS$|$CE]{org:OSCE} met', 'The [OSCE]{org:OSCE} met'],
    ['party ["Nur O$|$tan]{org} said', 'party "[Nur Otan]{org} said'],
    ['in [ the Kazakh ca$|$pital, ]{place:G1526273}', 'in  the [Kazakh capital]{place:G1526273}, '],
    ['[ [OSCE]{org:OSCE} P$|$A]{org:OSCE-PA}', ' [[OSCE]{org:OSCE} PA]{org:OSCE-PA}'],
  ];
  for (const [src, want] of FIXES) {
    it(`trims ${marked(src).text} → ${want}`, () => {
      const out = applyAt(src, /^Trim the label to /, ls);
      assert.equal(out, want);
      assert.deepEqual(words(plainText(parse(out)).text), words(plainText(parse(marked(src).text)).text));
      assert.deepEqual(codes(ls.diagnostics(source(out)), 'annotation.boundary'), []);
    });
  }
  const FINE = [
    '[U.S.]{country:US}',
    '[Acme Inc.]{org}',
    '[St.]{place}',
    '["Nur Otan"]{org}',
    '[the past three decades]{duration:P30Y}',
    '[The Hague]{place:G2747373}',
    '[[OSCE]{org:OSCE} Parliamentary Assembly]{org:OSCE-PA}',
    '[Kazakhstan (KZ)]{country:KZ}',
    "[the '90s]{date:199}",
    '[ ]{country:KZ}',
    '[the]{org}',
  ];
  for (const text of FINE) {
    it(`leaves ${text} alone`, () => {
      assert.deepEqual(codes(ls.diagnostics(source(text)), 'annotation.boundary'), []);
    });
  }
  it('says what is wrong', () => {
    const [d] = codes(ls.diagnostics(source('[ the OSCE,]{org:OSCE}')), 'annotation.boundary');
    assert.equal(d.message, 'The label starts with white space and starts with the article `the` and ends with `,`: that is not part of the name.');
  });
});

describe('annotation.inconsistent', () => {
  const ls = service();
  it('reports the odd one out with a fix to the majority reading', () => {
    const text = '[Luxembourg]{country:LU} and [Luxembourg]{country:LU}.\n\nIn [Luxembourg]{place:G2960316}.';
    const ds = codes(ls.diagnostics(source(text)), 'annotation.inconsistent');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].range.start.line, 2);
    assert.equal(ds[0].message, '`Luxembourg` is annotated `place:G2960316` here but `country:LU` (2 times) elsewhere in this document (first on line 1).');
    const out = applyAt('[Luxembourg]{country:LU} and [Luxembourg]{country:LU}.\n\nIn [Lux$|$embourg]{place:G2960316}.', 'Change to `country:LU`, as elsewhere in this document', ls);
    assert.equal(out, '[Luxembourg]{country:LU} and [Luxembourg]{country:LU}.\n\nIn [Luxembourg]{country:LU}.');
  });
  it('a tie reports both; another type counts too', () => {
    assert.equal(codes(ls.diagnostics(source('[Abai]{person:abai-kunanbayev} and [abai]{org:X}')), 'annotation.inconsistent').length, 2);
  });
  const FINE = [
    '[Abai]{person} and [Abai]{person:abai-kunanbayev}',
    '[2015]{date:2015} and [2015]{date:2015}',
    '[Today]{date:2022-06-29} and [today]{date}',
    '[Kazakhstan]{country:KZ} and [KAZAKHSTAN]{country:KZ}',
  ];
  for (const text of FINE) {
    it(`consistent: ${text}`, () => {
      assert.deepEqual(codes(ls.diagnostics(source(text)), 'annotation.inconsistent'), []);
    });
  }
});

describe('removing an annotation and adding an unknown id to the knowledge base', () => {
  it('remove (keep the text) is a refactor offered on any annotation when invoked, innermost first, never preferred', () => {
    const ls = service();
    const { m, s, doc, position } = at('The [[OS$|$CE]{org:OSCE} Parliamentary Assembly]{org:OSCE-PA} met.');
    assert.deepEqual(ls.codeActions(s, { start: position, end: position }), []);
    const actions = ls.codeActions(s, { start: position, end: position }, undefined, true);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [
      ['Remove the annotation `OSCE` {org:OSCE}, keep its text', 'refactor.rewrite', false],
      ['Remove the annotation `OSCE Parliamentary Assembly` {org:OSCE-PA}, keep its text', 'refactor.rewrite', false],
    ]);
    assert.equal(applyEdits(m.text, doc.lines, editsOf(actions[1], s.uri)), 'The [OSCE]{org:OSCE} Parliamentary Assembly met.');
    assert.deepEqual(ls.codeActions(s, { start: position, end: position }, ['refactor'])[0].title, actions[0].title);
    assert.deepEqual(ls.codeActions(s, { start: position, end: position }, ['quickfix'], true), []);
  });

  const EXISTING = 'entities:\n  - id: a\n    type: org\n    name: A\n\n# people\n';
  const CASES: Array<[string, string, string]> = [
    ['a list', EXISTING, 'entities:\n  - id: a\n    type: org\n    name: A\n  - id: ACME\n    type: org\n    name: Acme Corp\n\n# people\n'],
    ['an empty file', '', 'entities:\n  - id: ACME\n    type: org\n    name: Acme Corp\n'],
    ['a comment only', '# people\n', '# people\nentities:\n  - id: ACME\n    type: org\n    name: Acme Corp\n'],
    ['an empty entities key', 'entities:\n', 'entities:\n  - id: ACME\n    type: org\n    name: Acme Corp\n'],
    ['a list at column 0, no final newline', 'entities:\n- id: a\n  type: org\n  name: A', 'entities:\n- id: a\n  type: org\n  name: A\n- id: ACME\n  type: org\n  name: Acme Corp\n'],
  ];
  for (const [what, kbText, want] of CASES) {
    it(`adds an unknown org id to the first knowledge-base file: ${what}`, () => {
      const ls = service({ kbTargets: [{ uri: 'file:///ws/a.kb.yaml', text: kbText }], rootUri: 'file:///ws' });
      const { s, position } = at('[Acme Corp]{org:AC$|$ME} said');
      const a = ls.codeActions(s, { start: position, end: position }).find((x) => x.title === 'Add org `ACME` (Acme Corp) to a.kb.yaml');
      assert.ok(a);
      const change = a.edit!.documentChanges![0] as { textDocument: { uri: string }; edits: TextEdit[] };
      assert.equal(change.textDocument.uri, 'file:///ws/a.kb.yaml');
      const out = applyEdits(kbText, parse(kbText).lines, change.edits);
      assert.equal(out, want);
      const file = parseKbFile('file:///ws/a.kb.yaml', out, defaultConfig());
      assert.deepEqual(file.problems, []);
      assert.ok(file.entities.some((e) => e.id === 'ACME' && e.type === 'org' && e.name === 'Acme Corp'));
    });
  }

  it('a flow list cannot take an entry: the next file does; with no file, pressmark.kb.yaml is created at the root', () => {
    const flow = { uri: 'file:///ws/a.kb.yaml', text: 'entities: []\n' };
    const next = { uri: 'file:///ws/b.kb.yaml', text: EXISTING };
    const title = (ls: ReturnType<typeof service>) => {
      const { s, position } = at('[Acme: the "best"]{org:AC$|$ME}');
      return ls.codeActions(s, { start: position, end: position }).filter((x) => x.title.startsWith('Add org'));
    };
    assert.equal(title(service({ kbTargets: [flow, next] }))[0].title, 'Add org `ACME` (Acme: the "best") to b.kb.yaml');
    const [create] = title(service({ kbTargets: [], rootUri: 'file:///ws' }));
    assert.equal(create.title, 'Add org `ACME` (Acme: the "best") to pressmark.kb.yaml');
    const [op, edit] = create.edit!.documentChanges! as [{ kind: string; uri: string }, { edits: TextEdit[] }];
    assert.deepEqual(op, { kind: 'create', uri: 'file:///ws/pressmark.kb.yaml', options: { ignoreIfExists: true } });
    const file = parseKbFile('file:///ws/pressmark.kb.yaml', edit.edits[0].newText, defaultConfig());
    assert.deepEqual(file.problems, []);
    assert.equal(file.entities[0].name, 'Acme: the "best"');
    assert.deepEqual(title(service(undefined)), []);
  });

  it('no knowledge-base fix for countries and dates', () => {
    const ls = service({ kbTargets: [], rootUri: 'file:///ws' });
    const { s, position } = at('[Xy]{country:X$|$X}');
    assert.ok(!ls.codeActions(s, { start: position, end: position }).some((x) => x.title.startsWith('Add ')));
  });
});

describe('statistics and workspace symbols', () => {
  const ls = service();
  const other = parse('[Luxembourg]{country:LU} and [Astana]{place:G1526273}, [Luxembourg]{country:LU}.');
  const workspace = [
    { uri: 'file:///ws/a.press', doc: parse(SEED) },
    { uri: 'file:///ws/b.press', doc: other },
  ];

  it('statistics: per type and top entities, for the document and the workspace, as Markdown tables', () => {
    const md = ls.statistics(source(SEED, 'file:///ws/a.press'), workspace);
    assert.match(md, /^# Annotation statistics/);
    assert.match(md, /## This document \(a\.press\)\n\n\d+ annotations, \d+ distinct entities\./);
    assert.match(md, /\| country \| 13 \| 41 % \| 0 \|/);
    assert.match(md, /\| 2 \| Kazakhstan \| `country:KZ` \| Kazakhstan \| 6 \|/);
    assert.match(md, /## Workspace\n\n2 documents, /);
    assert.match(md, /\| 1 \| Luxembourg \| `country:LU` \| Luxembourg \| 9 \| 2 \|/);
    const stripped = ls.statistics(source(strippedSeed()), []);
    assert.match(stripped, /\| country \| 0 \| {2}\| 12 \|/);
  });

  it('workspace symbols: entities by label or id, one per entity and document', () => {
    const lux = ls.workspaceSymbols('luxembourg', workspace);
    assert.deepEqual(lux.map((x) => [x.name, x.containerName, x.location.uri]), [
      ['Luxembourg', 'country:LU', 'file:///ws/a.press'],
      ['Luxembourg', 'country:LU', 'file:///ws/b.press'],
    ]);
    assert.ok(ls.workspaceSymbols('OSCE-PA', workspace).some((x) => x.name === 'OSCE Parliamentary Assembly'));
    assert.ok(ls.workspaceSymbols('', workspace).length >= 10);
    assert.ok(!ls.workspaceSymbols('', workspace).some((x) => x.containerName?.startsWith('date')));
    assert.deepEqual(ls.workspaceSymbols('zzzq', workspace), []);
  });
});

describe('assisted edits never change the words (property)', function () {
  this.timeout(120_000);
  // Names, dates, markup pieces and punctuation, so that suggestions, boundaries and nesting meet.
  const PIECES = [
    'Kazakhstan', 'Luxembourg', 'OSCE', 'Parliamentary Assembly', 'of the', 'Council of Europe', 'Nur-Sultan', 'Kazakh-',
    'today', 'on 29 June 2022', 'in 2015', 'the', 'The', ' ', ' ', ' ', ', ', '. ', '\n', '\n\n', '"', '[', ']', '{country:LU}',
    '{org:OSCE}', '{place}', '{org:ACME}', '[the ', ' ]{org:X}', '[Luxembourg]{place:G2960316}', '[Luxembourg]{country:LU}',
  ];
  const MINE = ['mention.unannotated', 'annotation.inconsistent', 'annotation.boundary'];
  const fcText = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((xs) => xs.join(''));
  it('every action offered at every diagnostic (and the refactors at every annotation) keeps the words', () => {
    const ls = service({ kbTargets: [], rootUri: 'file:///ws' });
    fc.assert(
      fc.property(fcText, (text) => {
        const s = source(text);
        const doc = parse(text);
        const before = words(plainText(doc).text);
        const ranges = ls.diagnostics(s).map((d) => d.range);
        for (const a of doc.all) ranges.push(doc.lines.range({ start: a.labelSpan.start, end: a.labelSpan.start }));
        for (const r of ranges) {
          for (const a of ls.codeActions(s, r, undefined, true)) {
            const edits = a.edit?.changes?.[s.uri];
            if (!edits) continue; // a knowledge-base file edit
            const code = a.diagnostics?.[0]?.code;
            if (a.kind !== 'refactor.rewrite' && !MINE.includes(String(code))) continue; // other features' fixes are tested where they live
            const out = applyEdits(text, doc.lines, edits);
            assert.deepEqual(words(plainText(parse(out)).text), before, `${a.title} on ${JSON.stringify(text)} gave ${JSON.stringify(out)}`);
          }
        }
        const pre = ls.preannotate(s);
        const out = applyEdits(text, doc.lines, pre.edit.changes![s.uri]);
        assert.deepEqual(words(plainText(parse(out)).text), before, `pre-annotation of ${JSON.stringify(text)} gave ${JSON.stringify(out)}`);
        assert.ok(parse(out).problems.length <= doc.problems.length, `pre-annotation added a syntax problem: ${JSON.stringify(out)}`);
      }),
      { numRuns: 300 },
    );
  });
});
