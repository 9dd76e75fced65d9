/** How run.ts turns VSCODE_EXECUTABLE / `code` on PATH into the Electron binary (fake installs). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findVSCode, resolveElectron } from './run';

function write(file: string, text: string, mode = 0o755): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode });
  return file;
}

describe('electron runner: finding VS Code', function () {
  let tmp: string;
  const saved = { PATH: process.env.PATH, VSCODE_EXECUTABLE: process.env.VSCODE_EXECUTABLE };

  beforeEach(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-resolve-'));
  });
  afterEach(function () {
    fs.rmSync(tmp, { recursive: true, force: true });
    process.env.PATH = saved.PATH;
    if (saved.VSCODE_EXECUTABLE === undefined) delete process.env.VSCODE_EXECUTABLE;
    else process.env.VSCODE_EXECUTABLE = saved.VSCODE_EXECUTABLE;
  });

  it('resolves a Linux `code` script (symlinked onto PATH) to the Electron binary next to it', function () {
    const install = path.join(tmp, 'share', 'code');
    const electron = write(path.join(install, 'code'), '\x7fELF fake binary');
    write(path.join(install, 'resources', 'app', 'product.json'), JSON.stringify({ applicationName: 'code' }), 0o644);
    const script = write(path.join(install, 'bin', 'code'), '#!/usr/bin/env sh\nexec "$0"\n');
    const onPath = path.join(tmp, 'usr-bin');
    fs.mkdirSync(onPath);
    fs.symlinkSync(script, path.join(onPath, 'code'));
    assert.strictEqual(resolveElectron(path.join(onPath, 'code')), fs.realpathSync(electron));
    delete process.env.VSCODE_EXECUTABLE;
    process.env.PATH = onPath;
    assert.strictEqual(findVSCode(), fs.realpathSync(electron));
  });

  it('resolves a macOS app bundle and its CLI script to Contents/MacOS', function () {
    const app = path.join(tmp, 'Visual Studio Code.app');
    const electron = write(path.join(app, 'Contents', 'MacOS', 'Electron'), 'fake binary');
    const script = write(path.join(app, 'Contents', 'Resources', 'app', 'bin', 'code'), '#!/usr/bin/env bash\n');
    assert.strictEqual(resolveElectron(app), fs.realpathSync(electron));
    assert.strictEqual(resolveElectron(script), fs.realpathSync(electron));
  });

  it('takes a binary as it is, and refuses scripts that are not a VS Code CLI', function () {
    const bin = write(path.join(tmp, 'electron'), 'fake binary');
    assert.strictEqual(resolveElectron(bin), fs.realpathSync(bin));
    assert.strictEqual(resolveElectron(write(path.join(tmp, 'remote-cli', 'code'), '#!/bin/sh\n')), undefined);
    assert.strictEqual(resolveElectron(write(path.join(tmp, 'entry.js'), 'console.log(1)')), undefined);
    assert.strictEqual(resolveElectron(path.join(tmp, 'missing')), undefined);
  });

  it('finds nothing on an empty PATH, and rejects a VSCODE_EXECUTABLE that is not VS Code', function () {
    delete process.env.VSCODE_EXECUTABLE;
    process.env.PATH = tmp;
    assert.strictEqual(findVSCode(), undefined);
    process.env.VSCODE_EXECUTABLE = path.join(tmp, 'missing');
    assert.throws(() => findVSCode(), /not a desktop VS Code/);
  });
});
