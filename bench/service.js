// Server-side latency: the language service in this process, with the full built-in knowledge
// base, answering what the LSP benchmark (lsp.js) asks over stdio, each answer serialized to
// JSON as the server sends it. What transport and the client add is the difference between the
// two. Used by bench/run.js; needs a build (out/).
'use strict';
const path = require('node:path');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { requestDocument, editDocument, stats } = require('./lsp');

const OUT = path.join(__dirname, '..', 'out', 'server', 'src');

function time(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** A JSON-RPC response as the server writes it (the serialization is part of the cost). */
function send(id, result) {
  return JSON.stringify({ jsonrpc: '2.0', id, result }).length;
}

function measureService({ kb, rounds = 200 }) {
  const { createLanguageService } = require(path.join(OUT, 'service/languageService.js'));
  const ls = createLanguageService({ getKnowledgeBase: () => kb });
  const results = {};

  const { uri, text, hoverAt, completeAt, actionAt } = requestDocument();
  const doc = TextDocument.create(uri, 'pressmark', 1, text);
  ls.diagnostics(doc);
  const hover = (i) => send(i, ls.hover(doc, hoverAt[i % hoverAt.length]));
  const complete = (i) => send(i, ls.completion(doc, completeAt[i % completeAt.length]));
  const actions = (i) => {
    const p = actionAt[i % actionAt.length];
    return send(i, ls.codeActions(doc, { start: p, end: p }));
  };
  for (let i = 0; i < 50; i++) {
    hover(i);
    complete(i);
    actions(i);
  }
  const h = [];
  const c = [];
  const a = [];
  for (let i = 0; i < rounds; i++) {
    h.push(time(() => hover(i)));
    c.push(time(() => complete(i)));
    a.push(time(() => actions(i)));
  }
  results.hover = stats(h);
  results.completion = stats(c);
  results.codeAction = stats(a);

  // A one-character edit in a 20 KB document: apply it, compute the diagnostics, serialize them.
  const e = editDocument();
  let doc20 = TextDocument.create(e.uri, 'pressmark', 1, e.text);
  ls.diagnostics(doc20);
  const edits = [];
  for (let v = 2; v < rounds + 12; v++) {
    const ms = time(() => {
      doc20 = TextDocument.update(doc20, [e.edit(v)], v);
      send(v, { kind: 'full', items: ls.diagnostics(doc20) });
    });
    if (v >= 12) edits.push(ms);
  }
  results.editDiagnostics = stats(edits);
  return results;
}

module.exports = { measureService };
