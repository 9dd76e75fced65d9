/**
 * Every feature under `pressmark.analysis.maxDocumentSize` (issue 12, item 17): the same
 * annotations in a document under the limit and in one above it (the same text and filler
 * sentences). Above it, what reads the syntax tree works (hover, completion, symbols, folding,
 * syntax quick-fixes, annotation counts); what needs the full analysis is empty or refused
 * (checks, their quick-fixes, suggestions, semantic tokens, inlay hints, pre-annotation).
 * How long a 6 MB document takes is measured in bench/shapes/service.js, not here.
 */
import * as assert from 'node:assert/strict';
import type { CodeAction, CompletionList, Diagnostic, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../support/lspClient';

const LIMIT = 1000;
const HEAD =
  '---\ndate: 2022-06-29\n---\n' +
  '[Kazakhstan]{country:KZ} and Luxembourg met [today]{date} in [Astana]{place:G1526273 x=1 x=2}.\n' +
  '[Almaty]{place:\n';
const FILLER = '\n\nThe parties discussed trade, investment, energy and transport.';

/** Position of the first occurrence of `what` in `text` (plus `delta` characters). */
function at(text: string, what: string, delta = 0) {
  const i = text.indexOf(what) + delta;
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('every feature under maxDocumentSize (issue 12, item 17)', function () {
  this.timeout(60_000);
  let client: TestClient;
  const small = HEAD;
  let big = HEAD;
  while (big.length <= LIMIT) big += FILLER;
  const docs = { small: { uri: 'file:///small.press', text: small }, big: { uri: 'file:///big.press', text: big } };
  const published = new Map<string, Diagnostic[]>();
  before(async () => {
    client = startServer();
    await client.initialize({ configuration: { analysis: { maxDocumentSize: LIMIT } } });
    for (const { uri, text } of Object.values(docs)) {
      const got = client.diagnostics(uri);
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text } });
      published.set(uri, await got);
    }
  });
  after(async () => client && (await client.stop()));

  const features: Array<{ name: string; ask: (uri: string, text: string) => Promise<unknown>; under: unknown; above: unknown }> = [
    {
      name: 'push diagnostics',
      ask: async (uri) => {
        const codes = published.get(uri)!.map((d) => d.code);
        return { checks: codes.includes('mention.unannotated'), syntax: codes.includes('syntax.duplicate-attribute'), tooLarge: codes.includes('document.too-large') };
      },
      under: { checks: true, syntax: true, tooLarge: false },
      above: { checks: false, syntax: true, tooLarge: true },
    },
    {
      name: 'quick-fixes on an unannotated name (they need the checks)',
      ask: async (uri, text) => {
        const p = at(text, 'Luxembourg', 2);
        const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: p, end: p }, context: { diagnostics: [] } })) as CodeAction[];
        return actions.some((a) => /Luxembourg/.test(a.title));
      },
      under: true,
      above: false,
    },
    {
      name: 'quick-fixes of a syntax problem',
      ask: async (uri, text) => {
        const p = at(text, 'x=2', 1);
        const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: p, end: p }, context: { diagnostics: [] } })) as CodeAction[];
        return actions.map((a) => a.title);
      },
      under: ['Remove the repeated attribute'],
      above: ['Remove the repeated attribute'],
    },
    {
      name: 'statistics (suggestions counted only under the limit)',
      ask: async (uri) => {
        const { markdown } = (await client.conn.sendRequest('pressmark/statistics', { uri })) as { markdown: string };
        return { annotations: /4 annotations/.test(markdown), suggestions: /not annotated yet/.test(markdown), said: /maxDocumentSize/.test(markdown) };
      },
      under: { annotations: true, suggestions: true, said: false },
      above: { annotations: true, suggestions: false, said: true },
    },
    {
      name: 'inlay hints',
      ask: async (uri) => {
        const hints = (await client.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } } })) as InlayHint[];
        return hints.map((h) => h.label);
      },
      under: ['→ 2022-06-29'],
      above: [],
    },
    {
      name: 'semantic tokens',
      ask: async (uri) => ((await client.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as { data: number[] }).data.length > 0,
      under: true,
      above: false,
    },
    {
      name: 'pre-annotation (refused above the limit, with the reason)',
      ask: (uri) =>
        client.conn.sendRequest('pressmark/preannotate', { uri, types: ['country'] }).then(
          (r) => (r as { counts: Record<string, number> }).counts,
          (e: { code: number; message: string }) => [e.code, /maxDocumentSize \(1,000\)/.test(e.message)],
        ),
      under: { country: 1 },
      above: [-32600, true],
    },
    {
      name: 'hover (the knowledge base at one place)',
      ask: async (uri, text) => /Astana/.test((((await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(text, 'Kazakhstan', 2) })) as Hover).contents as { value: string }).value),
      under: true,
      above: true,
    },
    {
      name: 'completion',
      ask: async (uri, text) => {
        const list = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(text, '{place:', 7) })) as CompletionList;
        return list.items.some((i) => /Nur-Sultan|Astana/.test(`${i.label} ${i.detail ?? ''}`));
      },
      under: true,
      above: true,
    },
    {
      name: 'document symbols',
      ask: async (uri) => ((await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{ name: string }>).map((s) => s.name),
      under: ['front matter', 'country', 'date', 'place'],
      above: ['front matter', 'country', 'date', 'place'],
    },
    {
      name: 'folding',
      ask: async (uri) => ((await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as unknown[]).length > 0,
      under: true,
      above: true,
    },
  ];

  for (const f of features) {
    it(`${f.name}: under the limit and above it`, async () => {
      assert.deepEqual(await f.ask(docs.small.uri, docs.small.text), f.under, 'under the limit');
      assert.deepEqual(await f.ask(docs.big.uri, docs.big.text), f.above, 'above the limit');
    });
  }
});
