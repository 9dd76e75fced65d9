/**
 * "Show Statistics" renders the statistics' Markdown itself (client/src/statisticsHtml.ts): every
 * heading, sentence and table cell of the real statistics is on the page, escaped, with no script.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { statisticsHtml } from '../../client/src/statisticsHtml';
import { createLanguageService } from '../../server/src/service/languageService';
import { parse } from '../../server/src/service/parser';
import { source } from '../support/marked';
import { builtinKb, repoRoot } from './kb/helpers';

const SEED = fs.readFileSync(path.join(repoRoot(), 'examples/kazinform-2022-06-29.press'), 'utf8');

/** The text a reader sees: tags removed, entities decoded. */
function shown(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<title>[\s\S]*?<\/title>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('statistics as HTML', () => {
  it('the seed statistics: headings, every table cell, no script', () => {
    const kb = builtinKb().kb;
    const ls = createLanguageService({ getKnowledgeBase: () => kb });
    const md = ls.statistics(source(SEED, 'file:///ws/a.press'), [{ uri: 'file:///ws/a.press', doc: parse(SEED) }]);
    const html = statisticsHtml(md);
    assert.ok(!/<script/i.test(html));
    assert.match(html, /<h1>Annotation statistics<\/h1>/);
    assert.match(html, /<h2>This document \(a\.press\)<\/h2>/);
    const text = shown(html);
    // every cell of every Markdown table row, in order
    const tableRows = md.split('\n').filter((l) => l.startsWith('|') && !/^\|[-:|]+\|$/.test(l));
    assert.ok(tableRows.length > 10, md);
    const tables = (html.match(/<tr>/g) ?? []).length;
    assert.equal(tables, tableRows.length);
    for (const row of tableRows) {
      for (const c of row.slice(1, -1).split(/(?<!\\)\|/).map((x) => x.trim().replace(/`/g, '').replace(/\\\|/g, '|'))) assert.ok(text.includes(c), `cell ${JSON.stringify(c)} not shown`);
    }
    assert.equal((html.match(/class="num"/g) ?? []).length > 0, true, 'numbers aligned right');
  });
  it('escapes what it shows and keeps an escaped pipe in a cell', () => {
    const html = statisticsHtml('# A <b> & "c"\n\n| name | n |\n|---|---:|\n| x \\| <y> | `a\\|b` |\n\nSome _text_ with **bold**.\n');
    assert.match(html, /<h1>A &lt;b&gt; &amp; &quot;c&quot;<\/h1>/);
    assert.match(html, /<td>x \| &lt;y&gt;<\/td><td class="num"><code>a\|b<\/code><\/td>/);
    assert.match(html, /<p>Some <em>text<\/em> with <strong>bold<\/strong>\.<\/p>/);
  });
});
