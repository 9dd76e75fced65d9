// Adversarial shapes of the parser and the paragraph splitter (issue 12, items 4, 6, 7, 10, 11).
// Each `make(k)` builds about k × 64 KB (nested shapes k × 22 KB: 8× is the 180 KB).
'use strict';
const path = require('node:path');
const { parse } = require(path.join(__dirname, '../../out/server/src/service/parser'));
const { paragraphs } = require(path.join(__dirname, '../../out/server/src/service/paragraphs'));

const parseAll = (text) => parse(text).problems.length;
const n = (k, unit) => Math.max(1, Math.round((k * 64_000) / unit.length));
const nested = (k, open, middle, close) => {
  const m = Math.max(1, Math.round((k * 22_000) / (open.length + close.length)));
  return open.repeat(m) + middle + close.repeat(m);
};

module.exports = [
  // item 4: every level's label holds the text of the levels inside it
  { item: 4, name: 'parser: nested labels [w … x … w]{a}', make: (k) => nested(k, '[w ', 'x', ' w]{a}'), run: parseAll },
  { item: 4, name: 'parser: nested labels [[[…x]{a}]{a}]{a}', make: (k) => nested(k, '[', 'x', ']{a}'), run: parseAll },
  // item 6: deep nesting (setParents recursion) and many problems (spread into push)
  { item: 6, name: 'parser: nested plain brackets [[[…x…]]] around annotations', make: (k) => nested(k, '[', '[x]{a} '.repeat(50), ']'), run: parseAll },
  { item: 6, name: 'parser: many problems []{a} (empty labels)', make: (k) => '[]{a} '.repeat(n(4 * k, '[]{a} ')), run: parseAll }, // 42,000 problems at 1×: below that, garbage collection is cheaper per object
  { item: 6, name: 'parser: many annotations inside one unclosed [', make: (k) => '[' + '[x]{a} '.repeat(n(k, '[x]{a} ')), run: parseAll },
  // item 7 / 10: quotes in specs
  { item: 10, name: 'parser: unterminated \\" in specs, one line: [a]{x \\"', make: (k) => '[a]{x \\"'.repeat(n(k, '[a]{x \\"')), run: parseAll },
  { item: 10, name: 'parser: unterminated quoted values, one line: [a]{x k="', make: (k) => '[a]{x k="'.repeat(n(k, '[a]{x k="')), run: parseAll },
  { item: 10, name: 'parser: quote in ids, one line: [a]{x:a"} b', make: (k) => '[a]{x:a"} b '.repeat(n(k, '[a]{x:a"} b ')), run: parseAll },
  { item: 10, name: 'parser: escaped quotes, closed at the end: [a]{x k="\\" … " y y y', make: (k) => '[a]{x k="\\"'.repeat(n(k / 2, '[a]{x k="\\"')) + '" ' + 'y '.repeat(n(k / 2, 'y ')), run: parseAll },
  { item: 10, name: 'parser: specs in a label, unterminated: [{a k="', make: (k) => '[' + '{a k="'.repeat(n(k, '{a k="')), run: parseAll },
  { item: 10, name: 'parser: unopened ]{ with quotes: ]{a k="\\"', make: (k) => ']{a k="\\"'.repeat(n(k, ']{a k="\\"')), run: parseAll },
  // item 11: the paragraph splitter
  { item: 11, name: "parser: paragraphs, 'a' + '\\n' × n + '\\u00a0b'", make: (k) => parse('a' + '\n'.repeat(n(k, '\n')) + '\u00a0b'), run: (doc) => paragraphs(doc).length, units: (doc) => doc.text.length },
  { item: 11, name: "parser: paragraphs, 'a' + '\\r' × n + '\\u00a0b'", make: (k) => parse('a' + '\r'.repeat(n(k, '\r')) + '\u00a0b'), run: (doc) => paragraphs(doc).length, units: (doc) => doc.text.length },
  { item: 11, name: "parser: paragraphs, 'a' + ' \\n' × n + '\\u2028b'", make: (k) => parse('a' + ' \n'.repeat(n(k, ' \n')) + '\u2028b'), run: (doc) => paragraphs(doc).length, units: (doc) => doc.text.length },
  { item: 11, name: 'parser: paragraphs, many short paragraphs', make: (k) => parse('a b\n\n'.repeat(n(k, 'a b\n\n'))), run: (doc) => paragraphs(doc).length, units: (doc) => doc.text.length },
];
