/**
 * The per-document check of the property tests and the long fuzz run: every feature of the
 * language service on one document, with no exception, every range inside the document and on
 * UTF-16 boundaries, and markup-only quick-fixes that keep the words.
 */
import * as assert from 'node:assert/strict';
import type { Range } from 'vscode-languageserver-types';
import { loadBuiltinKb } from '../../server/src/service/kb/builtin';
import { createLanguageService } from '../../server/src/service/languageService';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { applyEdits, words } from './marked';
import { onBoundary } from './arbitraries';

const kb = loadBuiltinKb();
const ls = createLanguageService({ getKnowledgeBase: () => kb });
let version = 0;

export function checkDocument(text: string): void {
  const src = { uri: 'file:///fuzz.press', version: ++version, getText: () => text };
  const doc = parse(text);
  const lines = doc.lines;
  const inside = (r: Range, what: string) => {
    const s = lines.offsetAt(r.start);
    const e = lines.offsetAt(r.end);
    assert.ok(s <= e, `${what}: start after end`);
    assert.deepEqual(lines.positionAt(s), r.start, `${what}: start ${JSON.stringify(r.start)} is not a position of the document`);
    assert.deepEqual(lines.positionAt(e), r.end, `${what}: end ${JSON.stringify(r.end)} is not a position of the document`);
    assert.ok(onBoundary(text, s) && onBoundary(text, e), `${what}: splits a surrogate pair`);
  };
  for (const d of ls.diagnostics(src)) inside(d.range, `diagnostic ${d.code}`);
  const toks = ls.semanticTokens(src).data;
  let line = 0;
  let ch = 0;
  for (let i = 0; i < toks.length; i += 5) {
    line += toks[i];
    ch = toks[i] === 0 ? ch + toks[i + 1] : toks[i + 1];
    inside({ start: { line, character: ch }, end: { line, character: ch + toks[i + 2] } }, 'semantic token');
  }
  const walk = (symbols: ReturnType<typeof ls.documentSymbols>) => {
    for (const s of symbols) {
      inside(s.range, 'symbol');
      inside(s.selectionRange, 'symbol selection');
      walk(s.children ?? []);
    }
  };
  walk(ls.documentSymbols(src));
  ls.foldingRanges(src);
  const wordsBefore = words(plainText(doc).text);
  // Hover and completion at every position (every 3rd on long documents), code actions too.
  const step = text.length > 300 ? 3 : 1;
  for (let o = 0; o <= text.length; o += step) {
    const p = lines.positionAt(o);
    const h = ls.hover(src, p);
    if (h?.range) inside(h.range, 'hover');
    for (const item of ls.completion(src, p).items) {
      const te = item.textEdit as { range?: Range } | undefined;
      if (te?.range) inside(te.range, 'completion edit');
    }
    for (const a of ls.codeActions(src, { start: p, end: p })) {
      const edits = a.edit?.changes?.[src.uri] ?? [];
      for (const e of edits) inside(e.range, `fix ${a.title}`);
      const after = applyEdits(text, lines, edits);
      if (/keep its text|empty annotation|Close the|Change the|Remove the (repeated|id)/.test(a.title)) {
        // Markup-only fixes: what a reader reads keeps its words (markup words aside).
        // A spec or bracket left in the text by an unclosed label is markup: it is removed, not
        // turned into a word break.
        const strip = (t: string) => words(plainText(parse(t)).text.replace(/\{[A-Za-z][\w-]*(?::[^\s{}]*)?[^{}]*\}/g, '').replace(/[[\]]/g, ''));
        const b = strip(text).join(' ');
        const c = strip(after).join(' ');
        assert.ok(c.includes(b) || b.includes(c) || wordsBefore.length === 0, `fix "${a.title}" changed the words:\n${b}\n→\n${c}`);
      }
    }
  }
}

