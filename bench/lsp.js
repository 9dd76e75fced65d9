#!/usr/bin/env node
// Latency of the language server as a client sees it: a real process over stdio, speaking
// JSON-RPC (so serialization and transport are counted): process start → initialize result
// (knowledge base loaded), hover / completion / code action round trips on the annotated
// example, and new diagnostics after a one-character edit in a 20 KB document.
// Alone: node bench/lsp.js [--rounds N] [--json]; bench/run.js uses measureLsp().
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const rpc = require('vscode-jsonrpc/node');
const { generateDocument } = require('./generate');

const ROOT = path.join(__dirname, '..');

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1] };
}

async function startServer() {
  const t0 = process.hrtime.bigint();
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin/pressmark.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.onNotification(() => undefined);
  conn.onRequest(() => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(path.join(ROOT, 'examples')).toString(),
    capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: false } },
  });
  const startMs = Number(process.hrtime.bigint() - t0) / 1e6;
  conn.sendNotification('initialized', {});
  const stop = async () => {
    await conn.sendRequest('shutdown');
    conn.sendNotification('exit');
    await new Promise((r) => proc.once('exit', r));
  };
  return { conn, startMs, stop };
}

async function time(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * The document of the request measures: the annotated example plus lines that end where an id
 * is being typed; hover positions on every label, completion positions at those line ends.
 */
function requestDocument() {
  const file = path.join(ROOT, 'examples/kazinform-2022-06-29.press');
  const uri = pathToFileURL(file).toString();
  const text =
    fs.readFileSync(file, 'utf8') +
    '\n[Luxembourg]{country:\n[OSCE Parliamentary Assembly]{org:OS\n[Nur-Sultan]{place:\n[New Yrok]{place:N\n[Xyzzy Town]{place:\n' +
    '\nLast Friday Kazakhstan and Luxembourg met in Astana with the OSCE and Germany.\n';
  const hoverAt = [];
  const completeAt = [];
  const unannotatedAt = [];
  text.split('\n').forEach((l, line) => {
    for (const m of l.matchAll(/\[([A-Z][^\][]*)\]\{/g)) hoverAt.push({ line, character: m.index + 2 });
    if (/\]\{(country|org|place):[A-Z]*$/.test(l)) completeAt.push({ line, character: l.length });
    if (l.startsWith('Last Friday')) for (const m of l.matchAll(/\b[A-Z]\w+/g)) unannotatedAt.push({ line, character: m.index + 1 });
  });
  // code actions: on annotations, and on unannotated mentions (annotate, annotate all, readings)
  const actionAt = hoverAt.flatMap((p, i) => (i < unannotatedAt.length ? [p, unannotatedAt[i]] : [p]));
  return { uri, text, hoverAt, completeAt, actionAt };
}

/** The 20 KB document of the edit measure and its v-th one-character edit (mid-document). */
function editDocument() {
  const text = generateDocument(20, 20_000);
  const line = Math.floor(text.split('\n').length / 2);
  const edit = (v) => ({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: v % 2 ? 'x' : ' ' });
  return { uri: 'file:///bench/twenty.press', text, line, edit };
}

/** Runs the LSP measures; `rounds` requests of each kind after a warm-up. */
async function measureLsp({ rounds = 200, starts = 7 } = {}) {
  const results = {};
  const startTimes = [];
  for (let i = 0; i < starts; i++) {
    const s = await startServer();
    startTimes.push(s.startMs);
    await s.stop();
  }
  results.coldStart = stats(startTimes.slice(1));

  const { conn, stop } = await startServer();
  const { uri, text, hoverAt, completeAt, actionAt } = requestDocument();
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text } });
  await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const hover = (i) => conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt[i % hoverAt.length] });
  const complete = (i) => conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: completeAt[i % completeAt.length] });
  const actions = (i) => {
    const p = actionAt[i % actionAt.length];
    return conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: p, end: p }, context: { diagnostics: [] } });
  };
  for (let i = 0; i < 50; i++) {
    await hover(i);
    await complete(i);
    await actions(i);
  }
  const h = [];
  const c = [];
  const a = [];
  for (let i = 0; i < rounds; i++) {
    h.push(await time(() => hover(i)));
    c.push(await time(() => complete(i)));
    a.push(await time(() => actions(i)));
  }
  results.hover = stats(h);
  results.completion = stats(c);
  results.codeAction = stats(a);

  // A one-character edit in a 20 KB document, then its diagnostics (pull).
  const { uri: uri20, text: doc20, edit } = editDocument();
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri20, languageId: 'pressmark', version: 1, text: doc20 } });
  await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri20 } });
  const edits = [];
  for (let v = 2; v < rounds + 12; v++) {
    const ms = await time(async () => {
      conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: uri20, version: v },
        contentChanges: [edit(v)],
      });
      await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri20 } });
    });
    if (v >= 12) edits.push(ms);
  }
  results.editDiagnostics = stats(edits);
  await stop();
  return results;
}

module.exports = { measureLsp, stats, requestDocument, editDocument };

if (require.main === module) {
  const args = process.argv.slice(2);
  const rounds = Number(args[args.indexOf('--rounds') + 1]) || 200;
  measureLsp({ rounds })
    .then((r) => {
      if (args.includes('--json')) return void process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(16)} median ${v.median.toFixed(2)} ms  p95 ${v.p95.toFixed(2)} ms  (n ${v.n})`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
