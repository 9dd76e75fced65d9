#!/usr/bin/env node
// The main job (`npm start`): builds the .vsix, installs it into VS Code when `code` is on
// PATH (otherwise says how), and checks the examples with the CLI.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const vsix = path.join(root, 'dist', 'pressmark.vsix');

function run(cmd, args, opts = {}) {
  process.stdout.write(`\n$ ${[cmd, ...args].join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) return { ok: false, error: r.error };
  return { ok: r.status === 0, status: r.status };
}

const built = run('npm', ['run', '--silent', 'package']);
if (!built.ok) {
  console.error('pressmark: building the .vsix failed (see above)');
  process.exit(1);
}

const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
if (which.status === 0 && which.stdout.trim()) {
  const installed = run('code', ['--install-extension', vsix, '--force']);
  if (!installed.ok) console.error('pressmark: `code --install-extension` failed; install dist/pressmark.vsix by hand (Extensions view → … → Install from VSIX…).');
} else {
  console.log(`\n\`code\` is not on PATH, so the extension was not installed. To install it:
  code --install-extension ${path.relative(process.cwd(), vsix) || vsix}
or in VS Code: Extensions view → … → Install from VSIX… → dist/pressmark.vsix.
Any other LSP editor can run the server: node bin/pressmark.js lsp --stdio (see README).`);
}

const checked = run(process.execPath, [path.join(root, 'bin', 'pressmark.js'), 'check', 'examples/']);
process.exit(checked.ok ? 0 : 1);
