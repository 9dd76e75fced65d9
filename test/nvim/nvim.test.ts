/**
 * A second real LSP client: headless Neovim (0.7, Debian's) runs test/nvim/lsp.lua, which starts
 * `node bin/pressmark.js lsp --stdio`, opens a file, waits for the server's diagnostics (an event
 * loop wait with a deadline) and asks for a hover. Neovim comes from scripts/setup-e2e.sh.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SERVER_EXEC_ARGV } from '../../client/src/serverArgs';
import { brokenExpectation, BROKEN, EXAMPLE, exampleWorkspaceFiles, REPO_ROOT, SERVER_BIN } from '../e2e/fixtures';

const LUA = path.join(REPO_ROOT, 'test', 'nvim', 'lsp.lua');
const WAIT_MS = 20_000; // inside Neovim, per wait
const RUN_MS = 60_000; // the whole Neovim process

interface NvimDiagnostic {
  code?: string | number;
  source?: string;
  severity?: number;
  message: string;
  line: number;
  character: number;
}

interface NvimResult {
  publishes: number;
  diagnostics_complete?: boolean;
  diagnostics?: NvimDiagnostic[];
  vim_diagnostics?: number;
  has_hover?: boolean;
  hover?: string;
  error?: string;
}

function findNvim(): string {
  const cache = process.env.PRESSMARK_E2E_CACHE || path.join(os.homedir(), '.cache', 'pressmark-e2e');
  const envFile = path.join(cache, 'env.json');
  if (fs.existsSync(envFile)) {
    const p = (JSON.parse(fs.readFileSync(envFile, 'utf8')) as { nvim?: string }).nvim;
    if (p && fs.existsSync(p)) return p;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'nvim');
    if (dir && fs.existsSync(p)) return p;
  }
  throw new Error('Neovim (nvim) is not installed: run `bash scripts/setup-e2e.sh` (it installs Debian\'s neovim).');
}

/** Runs lsp.lua on `file` in headless Neovim; resolves with its result line and exit code. */
function runNvim(file: string, expectCodes: string[], hoverText?: string): Promise<{ code: number | null; result: NvimResult; output: string }> {
  const nvim = findNvim();
  if (!fs.existsSync(SERVER_BIN)) throw new Error('bin/pressmark.js is missing (the language server CLI).');
  return new Promise((resolve, reject) => {
    const child = spawn(nvim, ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${LUA}`], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PRESSMARK_NODE: process.execPath,
        PRESSMARK_NODE_ARGS: SERVER_EXEC_ARGV.join(' '),
        PRESSMARK_SERVER: SERVER_BIN,
        PRESSMARK_FILE: file,
        PRESSMARK_EXPECT: expectCodes.join(','),
        PRESSMARK_HOVER_TEXT: hoverText ?? '',
        PRESSMARK_TIMEOUT_MS: String(WAIT_MS),
      },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`Neovim did not finish within ${RUN_MS} ms; output:\n${output}`));
    }, RUN_MS);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const line = output.split(/\r?\n/).find((l) => l.startsWith('PRESSMARK_RESULT '));
      if (!line) {
        reject(new Error(`Neovim exited (code ${code}) without a result line; output:\n${output}`));
        return;
      }
      resolve({ code, result: JSON.parse(line.slice('PRESSMARK_RESULT '.length)) as NvimResult, output });
    });
  });
}

describe('Neovim LSP client @e2e', function () {
  this.timeout(RUN_MS + 10_000);
  const expected = brokenExpectation();
  let tmp: string;

  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-nvim-'));
  });
  after(function () {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports the expected diagnostic codes on a broken file and answers a hover @e2e', async function () {
    const dir = fs.mkdtempSync(path.join(tmp, 'broken-'));
    const file = path.join(dir, 'broken.press');
    fs.copyFileSync(BROKEN, file);
    const { code, result, output } = await runNvim(file, expected.codes, expected.hover.label);
    assert.strictEqual(result.error, undefined, `lsp.lua failed: ${result.error}\n${output}`);
    assert.strictEqual(code, 0, output);
    assert.ok(result.publishes >= 1, 'no publishDiagnostics for the file');
    const diags = result.diagnostics ?? [];
    assert.deepStrictEqual(
      diags.map((d) => String(d.code)),
      expected.codes,
      `diagnostic codes (in document order):\n${JSON.stringify(diags, null, 1)}`,
    );
    for (const d of diags) {
      assert.strictEqual(d.source, 'pressmark', `source of ${d.code}`);
      assert.ok(/^[A-Z`].*[.!?)]$/s.test(d.message.trim()), `message of ${d.code} is not a sentence: ${d.message}`);
    }
    assert.strictEqual(result.vim_diagnostics, expected.codes.length, 'Neovim shows a different number of diagnostics');
    assert.ok(result.has_hover, 'the server does not declare hoverProvider');
    assert.ok(result.hover && result.hover.includes(expected.hover.contains), `hover on ${expected.hover.label}: ${JSON.stringify(result.hover)}`);
  });

  it('reports no diagnostics on the clean example @e2e', async function () {
    // The example with the project files next to it (workspace knowledge base); the server reads
    // them from the root directory Neovim gives it (the file's folder).
    for (const [name, src] of Object.entries(exampleWorkspaceFiles())) fs.copyFileSync(src, path.join(tmp, name));
    const file = path.join(tmp, path.basename(EXAMPLE));
    const { code, result, output } = await runNvim(file, []);
    assert.strictEqual(result.error, undefined, `lsp.lua failed: ${result.error}\n${output}`);
    assert.strictEqual(code, 0, output);
    assert.ok(result.publishes >= 1, 'the server published no diagnostics for the example (not even an empty list)');
    assert.deepStrictEqual(result.diagnostics, [], `diagnostics on the clean example:\n${JSON.stringify(result.diagnostics, null, 1)}`);
  });
});
