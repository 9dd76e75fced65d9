/**
 * Runs the in-editor suite (test/electron/suite) in a desktop VS Code through run.ts, when one
 * exists (VSCODE_EXECUTABLE or `code` on PATH); skips, saying why, when none does.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as path from 'path';
import { findVSCode, NO_VSCODE } from './run';

const RUN_MS = 5 * 60_000;

describe('VS Code desktop (Electron) @e2e', function () {
  it('runs the in-editor suite in VS Code @e2e', async function () {
    this.timeout(RUN_MS + 10_000);
    const exe = findVSCode();
    if (!exe) {
      console.log(`      skipped: ${NO_VSCODE}`);
      this.skip();
    }
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(__dirname, 'run.js')], {
        env: { ...process.env, VSCODE_EXECUTABLE: exe },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        reject(new Error(`VS Code did not finish the suite within ${RUN_MS} ms:\n${out}`));
      }, RUN_MS);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('close', (c) => {
        clearTimeout(timer);
        resolve({ code: c, output: out });
      });
    });
    assert.strictEqual(code, 0, `the in-editor suite failed:\n${output}`);
  });
});
