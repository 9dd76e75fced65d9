import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SymbolKind, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { LEGEND } from '../../server/src/service/semanticTokens';
import { applyEdits, marked, source, words } from '../support/marked';

const ROOT = path.resolve(__dirname, '../../..');
const ls = createLanguageService();

function at(src: string) {
  const m = marked(src);
  const s = source(m.text);
  const doc = parse(m.text);
  return { m, s, doc, position: doc.lines.positionAt(m.cursor) };
}

function hoverText(src: string): string | undefined {
  const { s, position } = at(src);
  const h = ls.hover(s, position);
  return h ? (h.contents as { value: string }).value : undefined;
}

function completionLabels(src: string): string[] {
  const { s, position } = at(src);
  return ls.completion(s, position).items.map((i: CompletionItem) => i.label);
}

/** Applies the quick-fix titled `title` at the cursor and returns the new text. */
function applyFix(src: string, title: string | RegExp): string {
  const { m, s, doc, position } = at(src);
  const actions = ls.codeActions(s, { start: position, end: position });
  const a = actions.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(a, `no fix ${title}; got ${actions.map((x) => x.title).join(' | ')}`);
  const edits = a.edit!.changes![s.uri] as TextEdit[];
  return applyEdits(m.text, doc.lines, edits);
}

describe('hover', () => {
  it('shows the type, id and label of the innermost annotation', () => {
    const v = hoverText('the [[OS$|$CE]{org:OSCE} Parliamentary Assembly]{org:OSCE-PA}')!;
    assert.match(v, /\*\*org\*\* `OSCE`/);
    const outer = hoverText('the [[OSCE]{org:OSCE} Parlia$|$mentary Assembly]{org:OSCE-PA}')!;
    assert.match(outer, /`OSCE-PA`/);
    assert.match(outer, /OSCE Parliamentary Assembly/);
  });
  it('works on the spec too, and is null on plain text', () => {
    assert.match(hoverText('[Kazakhstan]{country:K$|$Z}')!, /country/);
    assert.equal(hoverText('plain $|$text [Kazakhstan]{country:KZ}'), undefined);
  });
  it('explains front-matter keys', () => {
    assert.match(hoverText('---\nda$|$te: 2022-06-29\n---\n')!, /publication date/);
  });
  it('positions count UTF-16 after emoji and Cyrillic', () => {
    assert.match(hoverText('🇰🇿🇱🇺 Казахстан [Люксем$|$бург]{country:LU}')!, /`LU`/);
  });
});

describe('completion', () => {
  it('offers the types after ]{', () => {
    const labels = completionLabels('[Kazakhstan]{$|$');
    for (const t of ['country', 'org', 'person', 'place', 'date', 'time', 'duration', 'set']) assert.ok(labels.includes(t), t);
  });
  it('replaces a partially typed type', () => {
    const { s, position } = at('[Kazakhstan]{cou$|$');
    const item = ls.completion(s, position).items.find((i) => i.label === 'country')!;
    const edit = item.textEdit as TextEdit;
    assert.equal(edit.newText, 'country');
    assert.deepEqual(edit.range, { start: { line: 0, character: 13 }, end: position });
  });

  /**
   * Accepts the item labelled `label` the way VS Code does: the item's edit, then, when the user
   * accepted it by typing a commit character, that character typed after it (at the caret the
   * edit left). `key` is the commit character, or 'Enter' (the edit alone).
   */
  function accept(src: string, label: string, key: string): string {
    const { m, s, doc, position } = at(src);
    const item = ls.completion(s, position).items.find((i) => i.label === label);
    assert.ok(item, `no item ${label}`);
    if (key !== 'Enter') assert.ok(item.commitCharacters?.includes(key), `${key} does not commit ${label}: ${JSON.stringify(item.commitCharacters)}`);
    const edit = item.textEdit as TextEdit;
    const after = applyEdits(m.text, doc.lines, [edit]);
    if (key === 'Enter') return after;
    const caret = doc.lines.offsetAt(edit.range.start) + edit.newText.length;
    return after.slice(0, caret) + key + after.slice(caret);
  }
  const COMMITS: Array<{ doc: string; label: string; key: string; expect: string }> = [
    // issue 14: `:` typed while `org` is offered gave `{org::`.
    { doc: '[Blue Marine Foundation]{org$|$', label: 'org', key: ':', expect: '[Blue Marine Foundation]{org:' },
    { doc: '[Blue Marine Foundation]{o$|$', label: 'org', key: ':', expect: '[Blue Marine Foundation]{org:' },
    { doc: '[Blue Marine Foundation]{o$|$}', label: 'org', key: ':', expect: '[Blue Marine Foundation]{org:}' },
    { doc: '[Blue Marine Foundation]{or$|$', label: 'org', key: '}', expect: '[Blue Marine Foundation]{org}' },
    { doc: '[Blue Marine Foundation]{or$|$}', label: 'org', key: 'Enter', expect: '[Blue Marine Foundation]{org}' },
    { doc: '[Blue Marine Foundation]{or$|$', label: 'org', key: 'Enter', expect: '[Blue Marine Foundation]{org' },
    { doc: '[three years]{dur$|$', label: 'duration', key: ':', expect: '[three years]{duration:' },
    // The rest of the type after the caret is replaced, what follows it is kept.
    { doc: '[Kazakhstan]{c$|$ountr:KZ}', label: 'country', key: 'Enter', expect: '[Kazakhstan]{country:KZ}' },
    { doc: '[Kazakhstan]{c$|$:KZ}', label: 'country', key: 'Enter', expect: '[Kazakhstan]{country:KZ}' },
  ];
  for (const c of COMMITS) {
    it(`accepting ${c.label} with ${c.key} in ${JSON.stringify(c.doc)} types each character once`, () => {
      assert.equal(accept(c.doc, c.label, c.key), c.expect);
    });
  }
  it('offers nothing in plain text', () => {
    assert.deepEqual(completionLabels('Kaz$|$akhstan'), []);
  });
  it('offers missing front-matter keys', () => {
    const labels = completionLabels('---\ndate: 2022-06-29\n$|$\n---\n');
    assert.ok(labels.includes('dateline') && labels.includes('source'));
    assert.ok(!labels.includes('date'));
  });
});

describe('quick-fixes keep the words', () => {
  const FIXES: Array<{ doc: string; title: string | RegExp; expect: string }> = [
    { doc: 'x [Kazak$|$hstan{country:KZ} y', title: 'Close the label with `]`', expect: 'x [Kazakhstan]{country:KZ} y' },
    { doc: 'x [Kazak$|$hstan {country:KZ} y', title: 'Close the label with `]`', expect: 'x [Kazakhstan]{country:KZ}  y' },
    { doc: 'x [Kazakhstan]{coun$|$try:KZ and y', title: 'Close the annotation with `}`', expect: 'x [Kazakhstan]{country:KZ} and y' },
    { doc: 'x [Kazakhstan]{$|$} y', title: 'Remove the annotation, keep its text', expect: 'x Kazakhstan y' },
    { doc: 'x [[OSCE]{org:OSCE} Assembly]{:$|$X} y', title: 'Remove the annotation, keep its text', expect: 'x [OSCE]{org:OSCE} Assembly y' },
    { doc: 'x [$|$]{country:KZ} y', title: 'Remove the empty annotation', expect: 'x  y' },
    { doc: 'x [Kazakhstan]{cuon$|$try:KZ} y', title: 'Change the type to `country`', expect: 'x [Kazakhstan]{country:KZ} y' },
    { doc: 'x [w]{set:P1W a=1 $|$a=2} y', title: 'Remove the repeated attribute', expect: 'x [w]{set:P1W a=1} y' },
  ];
  for (const f of FIXES) {
    it(`${f.title}: ${JSON.stringify(f.doc.replace('$|$', ''))}`, () => {
      const after = applyFix(f.doc, f.title);
      assert.equal(after, f.expect);
      const before = marked(f.doc).text;
      // The words a reader reads are the same before and after (a spec-like `{type:id}` left
      // in the text by an unclosed label is markup, not words).
      const plain = (t: string) => words(plainText(parse(t)).text.replace(/\{[A-Za-z][\w-]*(?::[^\s{}]*)?[^{}]*\}/g, ' '));
      assert.deepEqual(plain(after), plain(before));
      assert.deepEqual(parse(after).problems.filter((p) => p.code.startsWith('syntax.')), []);
    });
  }
  it('marks the evident fix preferred, and offers nothing on a clean document', () => {
    const { s, position } = at('x [Kazak$|$hstan{country:KZ} y');
    assert.equal(ls.codeActions(s, { start: position, end: position })[0].isPreferred, true);
    const clean = at('x [Kazak$|$hstan]{country:KZ} y');
    assert.deepEqual(ls.codeActions(clean.s, { start: clean.position, end: clean.position }), []);
  });
});

describe('semantic tokens', () => {
  function decode(text: string) {
    const data = ls.semanticTokens(source(text)).data;
    const lines = text.split(/\r\n|\r|\n/);
    const out: Array<[string, string]> = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
      out.push([lines[line].slice(ch, ch + data[i + 2]), LEGEND.tokenTypes[data[i + 3]]]);
    }
    return out;
  }
  it('gives the label its annotation type, the markup `markup`', () => {
    assert.deepEqual(decode('a [Kazakhstan]{country:KZ} b'), [
      ['[', 'markup'],
      ['Kazakhstan', 'country'],
      [']{', 'markup'],
      ['country', 'type'],
      [':', 'markup'],
      ['KZ', 'enumMember'],
      ['}', 'markup'],
    ]);
  });
  it('splits nested labels and lines, never overlapping', () => {
    const toks = decode('[[OSCE]{org:OSCE} Parliamentary\nAssembly]{org:OSCE-PA}');
    assert.deepEqual(toks.filter(([, t]) => t === 'org').map(([s]) => s), ['OSCE', ' Parliamentary', 'Assembly']);
  });
  it('counts UTF-16 code units', () => {
    assert.deepEqual(decode('😀 [Ü]{place}').slice(0, 2), [['[', 'markup'], ['Ü', 'place']]);
  });
});

describe('document symbols and folding', () => {
  it('group the annotations by type and fold the front matter', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.press'), 'utf8');
    const symbols = ls.documentSymbols(source(text));
    assert.equal(symbols[0].name, 'front matter');
    const country = symbols.find((s) => s.name === 'country')!;
    assert.equal(country.children!.filter((c) => c.name === 'Kazakhstan').length, 6);
    assert.ok(symbols.find((s) => s.name === 'org')!.children!.some((c) => c.name === 'OSCE Parliamentary Assembly' && c.detail === 'OSCE-PA'));
    assert.deepEqual(ls.foldingRanges(source(text))[0], { startLine: 0, endLine: 6, kind: 'region' });
  });
  it('a symbol kind per type, none of them a class (organizations showed as "(class)")', () => {
    const text = '[Kazakhstan]{country:KZ} [OSCE]{org:OSCE} [Ann]{person} [Vienna]{place} [today]{date} [x]{ship}';
    const kinds = Object.fromEntries(ls.documentSymbols(source(text)).map((g) => [g.name, g.children![0].kind]));
    assert.deepEqual(kinds, {
      country: SymbolKind.Module,
      org: SymbolKind.Struct,
      person: SymbolKind.Object,
      place: SymbolKind.Package,
      date: SymbolKind.Event,
      ship: SymbolKind.Field,
    });
  });
  it('outline 200,000 annotations of one type (no spread into Math.min/max)', () => {
    const text = '[x]{a} '.repeat(200_000);
    const group = ls.documentSymbols(source(text)).find((s) => s.name === 'a');
    assert.ok(group, 'the group of type a is in the outline');
    assert.equal(group.detail, '200000 annotations');
    assert.deepEqual(group.range, { start: { line: 0, character: 0 }, end: { line: 0, character: text.length - 1 } });
  });
});
