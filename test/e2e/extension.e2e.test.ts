/**
 * The packaged extension in a real VS Code: code-server 4.139 (VS Code 1.139, web build with a
 * Node extension host) driven by Playwright in Chromium. Needs `npm run package`
 * (dist/pressmark.vsix) and `bash scripts/setup-e2e.sh` (code-server, Node 24, Chromium).
 *
 *   npx mocha out/test/e2e/extension.e2e.test.js          (or: npm test -- --grep @e2e)
 *   PRESSMARK_SCREENSHOT=1 ...                            regenerates docs/screenshot.png
 *   PRESSMARK_E2E_KEEP=1 ...                              keeps the temp folders (logs)
 *
 * Every wait is on a DOM state, a status-bar change or a hover card, with a deadline.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { SuiteReport } from '../electron/suite/index';
import { brokenExpectation, BROKEN, EXAMPLE, exampleWorkspaceFiles, REPO_ROOT, requireFile, VSIX } from './fixtures';
import { CodeServerSession, withTimeout } from './harness';

const EXAMPLE_NAME = path.basename(EXAMPLE);
const SCREENSHOT = path.join(REPO_ROOT, 'docs', 'screenshot.png');
/** The first server answer after a cold start (extension activation + server start) can be slow. */
const SERVER_MS = 60_000;

describe('Pressmark extension in VS Code (code-server) @e2e', function () {
  this.timeout(120_000);
  const expected = brokenExpectation();
  let s: CodeServerSession | undefined;

  before(async function () {
    this.timeout(240_000);
    s = await CodeServerSession.start({
      vsix: requireFile(VSIX, 'run `npm run package` first.'),
      files: { ...exampleWorkspaceFiles(), 'broken.press': BROKEN },
    });
  });

  afterEach(async function () {
    const t = this.currentTest;
    if (s && t && t.state === 'failed') {
      const base = await s.saveFailureArtifacts(t.fullTitle());
      console.log(`      failure artifacts: ${path.relative(REPO_ROOT, base)}.png / .log`);
    }
  });

  after(async function () {
    this.timeout(30_000);
    await s?.dispose();
  });

  it('installed the .vsix into code-server @e2e', function () {
    const dirs = fs.readdirSync(s!.extensionsDir).filter((d) => d.startsWith('pressmark.pressmark-'));
    assert.strictEqual(dirs.length, 1, `extensions dir: ${fs.readdirSync(s!.extensionsDir).join(', ')}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(s!.extensionsDir, dirs[0], 'package.json'), 'utf8')) as {
      activationEvents?: string[];
    };
    assert.ok(manifest.activationEvents?.includes('onLanguage:pressmark'), 'activationEvents lacks onLanguage:pressmark');
  });

  it('opens the example as Pressmark; the server answers a hover; no squiggles, 0 problems @e2e', async function () {
    const page = s!.page;
    await s!.openFile(EXAMPLE_NAME);
    await page.locator('#status\\.editor\\.mode').filter({ hasText: 'Pressmark' }).waitFor({ state: 'visible' });

    // A hover card from the language server proves the extension activated, the server started
    // and it has this document.
    const label = s!.token('Kazakhstan');
    await label.waitFor({ state: 'visible' });
    const card = await s!.hover(label, SERVER_MS, /KZ/);
    assert.ok(/KZ/.test(card) && /country/i.test(card), `hover on Kazakhstan: ${JSON.stringify(card)}`);
    if (process.env.PRESSMARK_SCREENSHOT === '1') {
      await s!.screenshot(SCREENSHOT);
      console.log(`      wrote ${path.relative(REPO_ROOT, SCREENSHOT)}`);
    }

    // Break the document and see the server's error appear...
    await page.mouse.move(1, 1);
    await page.keyboard.press('Escape');
    await s!.editor().locator('.view-lines').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nThe [test]{} sentence.');
    const brokenSquiggles = await s!.waitForSquiggleCount((n) => n >= 1, 'the inserted `[test]{}` to be flagged', SERVER_MS);
    const brokenProblems = await s!.waitForProblems((n) => n >= 1, 'the inserted error to be counted', SERVER_MS);

    // ...then revert the file: whatever the server says now is its verdict on the clean text.
    await s!.runCommand('File: Revert File');
    const squiggles = await s!.waitForSquiggleCount((n) => n < brokenSquiggles, 'the squiggles to go after reverting', SERVER_MS);
    const problems = await s!.waitForProblems((n) => n < brokenProblems, 'the Problems count to drop after reverting', SERVER_MS);
    assert.strictEqual(squiggles, 0, 'squiggles on the clean example');
    assert.strictEqual(problems, 0, `Problems on the clean example: ${(await s!.problemsCount()).label}`);
  });

  it('flags a broken copy: squiggles, hovers with message and code, Problems count @e2e', async function () {
    await s!.openFile('broken.press');
    await s!.waitForSquiggles(1, SERVER_MS);
    const total = await s!.waitForProblems((n) => n >= expected.codes.length, `${expected.codes.length} problems`, SERVER_MS);
    const counts = await s!.problemsCount();
    assert.strictEqual(total, expected.codes.length, `Problems: ${counts.label}`);
    assert.strictEqual(counts.errors, expected.codes.length, `Problems: ${counts.label}`);

    // A squiggle per diagnostic (a range that wraps onto two screen lines draws two pieces);
    // each one's hover shows a sentence and `pressmark(<code>)`.
    const squiggles = s!.squiggles();
    const n = await squiggles.count();
    assert.ok(n >= expected.codes.length, `${n} squiggles drawn for ${expected.codes.length} diagnostics`);
    const seen: string[] = [];
    for (let i = 0; i < n; i++) {
      const card = await s!.hover(squiggles.nth(i), 20_000, /pressmark/);
      const m = /pressmark\s*\(([a-z-]+\.[a-z-]+)\)/.exec(card);
      assert.ok(m, `hover ${i} shows no pressmark(<code>): ${JSON.stringify(card)}`);
      assert.ok(/[A-Z][^.]*\w[^.]*\./.test(card), `hover ${i} shows no sentence: ${JSON.stringify(card)}`);
      seen.push(m[1]);
    }
    assert.deepStrictEqual([...new Set(seen)].sort(), [...new Set(expected.codes)].sort(), 'codes shown in hovers');

    // The Problems panel lists each diagnostic with its source and code, in document order.
    const rows = (await s!.problemRows()).filter((r) => /\bpressmark\b/.test(r));
    const codes = rows.map((r) => /pressmark\s+([a-z-]+\.[a-z-]+)/.exec(r)?.[1]);
    assert.deepStrictEqual(codes, expected.codes, `Problems panel rows:\n${rows.join('\n')}`);
  });
});

/**
 * The in-editor suite of test/electron (the `vscode` API: onDidChangeDiagnostics, hover provider)
 * run inside code-server's extension host, with the extension loaded from this folder as an
 * extension under development (dist/extension.js, i.e. `npm run build`), since these machines
 * have no desktop VS Code for test/electron/run.ts.
 */
describe('In-editor suite (test/electron/suite) in code-server @e2e', function () {
  this.timeout(300_000);
  let s: CodeServerSession | undefined;
  let tmp: string | undefined;

  after(async function () {
    this.timeout(30_000);
    await s?.dispose();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('passes every test of the suite @e2e', async function () {
    requireFile(path.join(REPO_ROOT, 'dist', 'extension.js'), 'build the extension first (`npm run build`).');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-suite-'));
    const reportFile = path.join(tmp, 'report.json');
    s = await CodeServerSession.start({
      files: { ...exampleWorkspaceFiles(), 'broken.press': BROKEN },
      extensionTests: {
        developmentPath: REPO_ROOT,
        testsPath: path.join(REPO_ROOT, 'out', 'test', 'electron', 'suite', 'index.js'),
        env: { PRESSMARK_SUITE_REPORT: reportFile },
      },
    });
    let code: number;
    try {
      code = await withTimeout('the in-editor suite to finish (window.codeAutomationExit)', 240_000, s.extensionTestsExit!);
    } catch (e) {
      const base = await s.saveFailureArtifacts(this.test!.fullTitle());
      throw new Error(`${(e as Error).message}; artifacts: ${path.relative(REPO_ROOT, base)}.png / .log`);
    }
    assert.ok(fs.existsSync(reportFile), `the suite wrote no report (exit code ${code}); did it run at all?`);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as SuiteReport;
    const failures = report.failed.map((f) => `${f.title}\n${f.error}`).join('\n\n');
    assert.deepStrictEqual(report.failed.length, 0, `in-editor failures:\n${failures}`);
    assert.ok(report.passed.length >= 4, `only ${report.passed.length} in-editor test(s) passed: ${report.passed.join('; ')}`);
    assert.strictEqual(code, 0, 'the extension host reported a non-zero exit code');
  });
});
