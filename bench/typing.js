#!/usr/bin/env node
// Typing in one long paragraph (issue 12, item 3): a real server process over stdio, a document
// of one ~500 KB paragraph (a transcript with no blank line), 800 characters typed one by one in
// its middle, each followed by a pull of its diagnostics (the editor's cycle). Reports the
// latency per keystroke at the start and at the end, and the server's resident memory (VmRSS
// after each keystroke, VmHWM: the peak of the whole process). Budget: the peak under 500 MB.
// node bench/typing.js [--keys 800] [--size 500000] [--stop-at-mb 3000] [--json]
// Needs a build: npm run build (bin/pressmark.js runs dist/cli.js).
// The server runs with the options the extension gives it (client/src/serverArgs.ts);
// PRESSMARK_BENCH_NODE_ARGS replaces them (bench/lsp.js serverCommand).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const rpc = require('vscode-jsonrpc/node');
const { generateDocument } = require('./generate');
const { stats, serverCommand } = require('./lsp');

const BUDGET_MB = 500;

/** One paragraph of about `size` characters: the generator's sentences, lines of ~10 sentences, no blank line. */
function longParagraph(size) {
  const body = generateDocument(12, size).split('\n---\n')[1];
  const sentences = body.replace(/\n\n/g, ' ').split(/(?<=\.) /);
  const lines = [];
  for (let i = 0; i < sentences.length; i += 10) lines.push(sentences.slice(i, i + 10).join(' '));
  return `---\ndate: 2022-06-29\n---\n${lines.join('\n')}\n`;
}

function memoryMb(pid) {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number((new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s) || [])[1] || 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function measureTyping({ keys = 800, size = 500_000, stopAtMb = 3000 } = {}) {
  const proc = spawn(process.execPath, serverCommand(), { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.onNotification(() => undefined);
  conn.onRequest(() => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: false } } });
  conn.sendNotification('initialized', {});
  const uri = 'file:///bench/transcript.press';
  const text = longParagraph(size);
  const lines = text.split('\n');
  const line = Math.floor(lines.length / 2);
  let character = lines[line].length;
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text } });
  const t0 = process.hrtime.bigint();
  const first = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const openMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const openPeak = memoryMb(proc.pid).peak;
  const typed = ' Kazakhstan and Luxembourg met in Astana on 29 June 2022 with the OSCE.';
  const ms = [];
  const rss = [];
  let stopped = false;
  for (let k = 0; k < keys; k++) {
    const ch = typed[k % typed.length];
    const t = process.hrtime.bigint();
    conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: k + 2 },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: ch }],
    });
    await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    character++;
    const m = memoryMb(proc.pid);
    rss.push(m.rss);
    if (m.rss > stopAtMb) {
      stopped = true;
      break;
    }
  }
  const peak = memoryMb(proc.pid).peak;
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  await new Promise((r) => proc.once('exit', r));
  const window = Math.min(50, Math.floor(ms.length / 2) || 1);
  return {
    chars: text.length,
    keys: ms.length,
    stopped,
    openMs,
    openDiagnostics: first.items.length,
    openPeakRssMb: openPeak,
    start: stats(ms.slice(0, window)),
    end: stats(ms.slice(-window)),
    rssStartMb: rss[0],
    rssEndMb: rss[rss.length - 1],
    rssEvery100Mb: rss.filter((_, i) => (i + 1) % 100 === 0),
    peakRssMb: peak,
    budgetMb: BUDGET_MB,
    ok: !stopped && peak < BUDGET_MB,
  };
}

module.exports = { measureTyping, longParagraph };

if (require.main === module) {
  const args = process.argv.slice(2);
  const arg = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
  measureTyping({ keys: arg('--keys', 800), size: arg('--size', 500_000), stopAtMb: arg('--stop-at-mb', 3000) })
    .then((r) => {
      if (args.includes('--json')) return void process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      const f = (x) => x.toFixed(1);
      console.log(`document: ${r.chars.toLocaleString('en')} characters in one paragraph; first analysis ${f(r.openMs)} ms (${r.openDiagnostics} diagnostics), peak RSS by then ${f(r.openPeakRssMb)} MB`);
      console.log(`keystrokes: ${r.keys}${r.stopped ? ' (stopped: RSS over --stop-at-mb)' : ''}`);
      console.log(`latency per keystroke, first ${r.start.n}: median ${f(r.start.median)} ms, p95 ${f(r.start.p95)} ms`);
      console.log(`latency per keystroke, last ${r.end.n}:  median ${f(r.end.median)} ms, p95 ${f(r.end.p95)} ms`);
      console.log(`server RSS every 100 keystrokes: ${r.rssEvery100Mb.map((x) => x.toFixed(0)).join(', ')} MB`);
      console.log(`server RSS after the first keystroke ${f(r.rssStartMb)} MB, after the last ${f(r.rssEndMb)} MB, peak ${f(r.peakRssMb)} MB (budget < ${r.budgetMb} MB: ${r.ok ? 'met' : 'NOT met'})`);
      process.exitCode = r.ok ? 0 : 1;
    })
    .catch((e) => {
      console.error(e);
      process.exit(2);
    });
}
