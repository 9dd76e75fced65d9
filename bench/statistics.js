#!/usr/bin/env node
// Latency of "Pressmark: Show Statistics" as the client sees it (issue 14: "the statistics view
// took over 4 s"): a server over stdio, a workspace folder, one document opened and its
// diagnostics answered (what the editor has done before the user asks), then the
// `pressmark/statistics` request, first and again.
//   node bench/statistics.js [--workspace DIR] [--file FILE] [--rounds N] [--json]
// Defaults: the examples folder and its annotated release.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const rpc = require('vscode-jsonrpc/node');
const { serverCommand } = require('./lsp');

const ROOT = path.join(__dirname, '..');

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}

async function time(fn) {
  const t0 = process.hrtime.bigint();
  const r = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, r };
}

async function once(workspace, file) {
  const proc = spawn(process.execPath, serverCommand(), { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.onNotification(() => undefined);
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest(() => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).toString(),
    workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: path.basename(workspace) }],
    capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } },
  });
  conn.sendNotification('initialized', {});
  const uri = pathToFileURL(file).toString();
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pressmark', version: 1, text: fs.readFileSync(file, 'utf8') } });
  const diag = await time(() => conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }));
  const first = await time(() => conn.sendRequest('pressmark/statistics', { uri }));
  const again = await time(() => conn.sendRequest('pressmark/statistics', { uri }));
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  await new Promise((r) => proc.once('exit', r));
  return { diagnosticsMs: diag.ms, firstMs: first.ms, againMs: again.ms, bytes: JSON.stringify(first.r).length };
}

async function main() {
  const workspace = path.resolve(arg('--workspace', path.join(ROOT, 'examples')));
  const file = path.resolve(arg('--file', path.join(workspace, 'kazinform-2022-06-29.press')));
  const rounds = Number(arg('--rounds', '3'));
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(await once(workspace, file));
  const med = (k) => [...runs.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const out = { workspace, file, rounds, diagnosticsMs: med('diagnosticsMs'), firstMs: med('firstMs'), againMs: med('againMs'), bytes: runs[0].bytes };
  if (process.argv.includes('--json')) console.log(JSON.stringify(out));
  else console.log(`statistics on ${path.relative(process.cwd(), file)} (workspace ${path.relative(process.cwd(), workspace) || '.'}), median of ${rounds}: diagnostics ${out.diagnosticsMs.toFixed(0)} ms, first statistics ${out.firstMs.toFixed(0)} ms, again ${out.againMs.toFixed(0)} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
