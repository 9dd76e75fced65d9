// Adversarial shapes of the language service and its caches (issue 12). See README.md here.
'use strict';
const path = require('node:path');
const { generateDocument } = require('../generate');

const OUT = path.join(__dirname, '../../out/server/src');
const { createLanguageService } = require(path.join(OUT, 'service/languageService.js'));
const { KnowledgeBase } = require(path.join(OUT, 'service/kb/knowledgeBase.js'));

let uris = 0;
/** A source never seen before (its own URI), so that no per-document memo answers. */
const source = (text) => ({ uri: `file:///bench/shape-${++uris}.press`, version: 1, getText: () => text });

module.exports = [
  {
    item: 12,
    name: 'front matter past 16,383 characters, 250 paragraphs of one length per 16 KB (diagnostics)',
    make: (k) => {
      let fm = '---\ndate: 2022-06-29\n';
      for (let i = 0; fm.length < 16_400 * k; i++) fm += `key${i}: ${'v'.repeat(40)}\n`;
      const paragraphs = Array.from({ length: Math.round(250 * k) }, (_, i) => `p${String(i).padStart(6, '0')} [Kazakhstan]{country:KZ}`);
      return `${fm}---\n${paragraphs.join('\n\n')}`;
    },
    // A knowledge base of its own per run: the paragraph caches are per knowledge base, so each
    // run fills them from empty (the collisions were between the keys being stored).
    run: (text) => {
      const kb = new KnowledgeBase([]);
      return createLanguageService({ getKnowledgeBase: () => kb }).diagnostics(source(text)).length;
    },
  },
  {
    item: 17,
    name: 'code actions and statistics above maxDocumentSize (750 KB per unit, limit 100 KB)',
    make: (k) => generateDocument(17, 750_000 * k),
    run: (text) => {
      const kb = new KnowledgeBase([]);
      const ls = createLanguageService({ getKnowledgeBase: () => kb, getMaxDocumentSize: () => 100_000 });
      const src = source(text);
      const line = Math.floor(ls.parse(src).lines.lineCount / 2);
      const at = { line, character: 5 };
      return ls.codeActions(src, { start: at, end: at }).length + ls.statistics(src, []).length;
    },
  },
];
