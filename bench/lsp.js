#!/usr/bin/env node
// Latency of the language server as a client sees it: a real process over stdio, speaking
// JSON-RPC (so serialization and transport are counted). Measures process start → initialize
// result (knowledge base loaded), and hover / completion round trips on the annotated example.
// Usage: node scripts/bench-lsp.js [--rounds N] [--json]   (after npm run build)
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const rpc = require('vscode-jsonrpc/node');

const ROOT = path.join(__dirname, '..');
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 200;
const asJson = args.includes('--json');

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
  return { proc, conn, startMs };
}

async function time(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main() {
  const results = {};
  const starts = [];
  for (let i = 0; i < 7; i++) {
    const s = await startServer();
    starts.push(s.startMs);
    await s.conn.sendRequest('shutdown');
    s.conn.sendNotification('exit');
    await new Promise((r) => s.proc.once('exit', r));
  }
  results['server start → initialize (KB loaded)'] = stats(starts.slice(1));

  const { proc, conn } = await startServer();
  const file = path.join(ROOT, 'examples/kazinform-2022-06-29.press');
  const uri = pathToFileURL(file).toString();
  const text = fs.readFileSync(file, 'utf8') + '\n[Luxembourg]{country:\n[OSCE Parliamentary Assembly]{org:OS\n[Nur-Sultan]{place:\n[New Yrok]{place:N\n[Xyzzy Town]{place:\n';
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text } });
  await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const lines = text.split('\n');
  const hoverAt = [];
  lines.forEach((l, line) => {
    for (const m of l.matchAll(/\[([A-Z][^\]\[]*)\]\{/g)) hoverAt.push({ line, character: m.index + 2 });
  });
  const completeAt = [];
  lines.forEach((l, line) => {
    if (/\]\{(country|org|place):[A-Z]*$/.test(l)) completeAt.push({ line, character: l.length });
  });
  // Warm-up, then measure.
  for (let i = 0; i < 50; i++) {
    await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt[i % hoverAt.length] });
    await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: completeAt[i % completeAt.length] });
  }
  const hovers = [];
  const completions = [];
  for (let i = 0; i < rounds; i++) {
    hovers.push(await time(() => conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt[i % hoverAt.length] })));
    completions.push(await time(() => conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: completeAt[i % completeAt.length] })));
  }
  results['hover round trip (entity cards)'] = stats(hovers);
  results['completion round trip (ids, ranked)'] = stats(completions);
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  await new Promise((r) => proc.once('exit', r));

  if (asJson) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
    return;
  }
  const rows = Object.entries(results).map(([k, v]) => [k, v.median.toFixed(2), v.p95.toFixed(2), v.min.toFixed(2), v.max.toFixed(2), String(v.n)]);
  const head = ['measure (ms)', 'median', 'p95', 'min', 'max', 'n'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) process.stdout.write(r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ') + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
