#!/usr/bin/env node
// Latency of the language server as a client sees it: a real process over stdio, speaking
// JSON-RPC (so serialization and transport are counted): process start → initialize result
// (knowledge base loaded), hover / completion / code action round trips on the annotated
// example, and new diagnostics after a one-character edit in a 20 KB document; and a hover after
// 1,000 didChange notifications in one write (push diagnostics, issue 12 item 15: measureBurst).
// Alone: node bench/lsp.js [--rounds N] [--json]; bench/run.js uses measureLsp() and measureBurst().
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

/**
 * The command line of a server process as the editor starts it: node, the options the extension
 * gives (client/src/serverArgs.ts; PRESSMARK_BENCH_NODE_ARGS, space-separated, replaces them, e.g.
 * `--heapsnapshot-signal=SIGUSR2` or `--inspect` to look at the server's memory, or an empty
 * string for none), bin/pressmark.js lsp --stdio.
 */
function serverCommand() {
  const env = process.env.PRESSMARK_BENCH_NODE_ARGS;
  const nodeArgs = env !== undefined ? env.split(' ').filter(Boolean) : [...require(path.join(ROOT, 'out', 'client', 'src', 'serverArgs.js')).SERVER_EXEC_ARGV];
  return [...nodeArgs, path.join(ROOT, 'bin/pressmark.js'), 'lsp', '--stdio'];
}

async function startServer({ pull = true } = {}) {
  const t0 = process.hrtime.bigint();
  const proc = spawn(process.execPath, serverCommand(), { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.onNotification(() => undefined);
  conn.onRequest(() => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(path.join(ROOT, 'examples')).toString(),
    capabilities: { textDocument: pull ? { diagnostic: {} } : { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: false } },
  });
  const startMs = Number(process.hrtime.bigint() - t0) / 1e6;
  conn.sendNotification('initialized', {});
  const stop = async () => {
    await conn.sendRequest('shutdown');
    conn.sendNotification('exit');
    await new Promise((r) => proc.once('exit', r));
  };
  return { conn, proc, startMs, stop };
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

/** The server's peak resident memory so far (VmHWM), in MB. */
function peakRssMb(pid) {
  const m = /^VmHWM:\s+(\d+)/m.exec(require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * A burst: `edits` didChange notifications (one character typed each) written in one write to a
 * push-diagnostics server, then a hover. Per document size: the hover's round trip from the
 * write, the time until the diagnostics of the last version arrive, how many publishes the burst
 * gave, the server's peak RSS. Budget: the hover within a second, a few publishes.
 */
async function measureBurst({ sizes = [11_000, 114_000], edits = 1000 } = {}) {
  const out = {};
  for (const size of sizes) {
    const { conn, proc, stop } = await startServer({ pull: false });
    const published = [];
    let onPublish = () => undefined;
    conn.onNotification('textDocument/publishDiagnostics', (p) => {
      published.push(p.version);
      onPublish(p);
    });
    const text = generateDocument(15, size);
    const uri = `file:///bench/burst-${size}.press`;
    const lines = text.split('\n');
    const line = lines.length - 1;
    let character = lines[line].length;
    const first = new Promise((r) => (onPublish = r));
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text } });
    await first;
    published.length = 0;
    const frames = [];
    for (let i = 0; i < edits; i++) {
      const params = { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }] };
      character++;
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params }));
      frames.push(Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body);
    }
    const lastVersion = edits + 1;
    const last = new Promise((r) => (onPublish = (p) => p.version === lastVersion && r()));
    const t0 = process.hrtime.bigint();
    proc.stdin.write(Buffer.concat(frames));
    const hoverLine = lines.findIndex((l) => /\[[A-Z]/.test(l));
    await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: hoverLine, character: lines[hoverLine].search(/\[[A-Z]/) + 2 } });
    const hoverMs = Number(process.hrtime.bigint() - t0) / 1e6;
    await last;
    const diagnosticsMs = Number(process.hrtime.bigint() - t0) / 1e6;
    out[size] = { chars: text.length, edits, hoverMs, diagnosticsMs, publishes: published.length, peakRssMb: peakRssMb(proc.pid) };
    await stop();
  }
  return out;
}

module.exports = { measureLsp, measureBurst, stats, requestDocument, editDocument, serverCommand };

if (require.main === module) {
  const args = process.argv.slice(2);
  const rounds = Number(args[args.indexOf('--rounds') + 1]) || 200;
  const burstOnly = args.includes('--burst');
  (burstOnly ? Promise.resolve({}) : measureLsp({ rounds }))
    .then(async (r) => {
      const burst = await measureBurst();
      if (args.includes('--json')) return void process.stdout.write(JSON.stringify({ ...r, burst }, null, 2) + '\n');
      for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(16)} median ${v.median.toFixed(2)} ms  p95 ${v.p95.toFixed(2)} ms  (n ${v.n})`);
      for (const b of Object.values(burst)) {
        console.log(`burst of ${b.edits} didChange in one write, ${(b.chars / 1000).toFixed(0)} KB: hover after ${b.hoverMs.toFixed(0)} ms, diagnostics of the last version after ${b.diagnosticsMs.toFixed(0)} ms, ${b.publishes} publish(es), peak RSS ${b.peakRssMb.toFixed(0)} MB`);
      }
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
