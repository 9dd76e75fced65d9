#!/usr/bin/env node
// The pressmark command. Runs the bundled CLI (dist/cli.js, built by `npm run build`).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('pressmark: not built yet: run `npm run build` first\n');
  process.exit(2);
}
const cli = require(bundle);
cli.exitQuietlyOnClosedStdout();
const code = cli.main(process.argv.slice(2));
if (code !== 'serving') process.exitCode = code;
