// Bundles the extension client and the CLI/server into dist/ (what the .vsix ships).
'use strict';
const esbuild = require('esbuild');
const path = require('node:path');

const root = path.join(__dirname, '..');
const production = process.argv.includes('--production');

async function main() {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    absWorkingDir: root,
  };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
    esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
