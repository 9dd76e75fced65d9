/**
 * Review mode in a real VS Code (code-server + Playwright; issue 14 item 3 and its bar): on an
 * unannotated release, "Pressmark: Review Suggestions" walks the suggestions in document order
 * and takes one key each, typed as a person types them: `a` accepts the first, `x` rejects the
 * second ("Not an entity here", written to pressmark.reject.yaml), Space skips the third; the
 * status bar counts ("Review 1 of N" ...); `u` undoes; Escape stops with a summary. The words of
 * the document never change. Needs `npm run package` and `bash scripts/setup-e2e.sh`.
 *
 *   npx mocha --no-config --timeout 240000 out/test/e2e/review.e2e.test.js
 *   PRESSMARK_SCREENSHOT=1 ...     regenerates docs/review-mode.png
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES_DIR, REPO_ROOT, requireFile, VSIX } from './fixtures';
import { CodeServerSession, saveArtifactsIfFailed, VSCODE_EDITING_DEFAULTS } from './harness';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { parseRejectFile } from '../../server/src/service/rejectFile';

const FIXTURE = path.join(FIXTURES_DIR, 'review.press');
const NAME = path.basename(FIXTURE);
const SCREENSHOT = path.join(REPO_ROOT, 'docs', 'review-mode.png');
const SERVER_MS = 60_000;
/** A person's pause between two keys (the next key is pressed only after the count changed, too). */
const HUMAN_MS = 250;

const wordsOf = (text: string) => plainText(parse(text)).text.match(/[\p{L}\p{N}]+/gu) ?? [];

describe('Review mode in VS Code (code-server) @e2e', function () {
  this.timeout(180_000);
  let s: CodeServerSession | undefined;

  before(async function () {
    this.timeout(240_000);
    s = await CodeServerSession.start({
      vsix: requireFile(VSIX, 'run `npm run package` first.'),
      files: { [NAME]: FIXTURE },
      // VS Code's defaults for suggestions and auto-closing: the review keys must win over them.
      settings: VSCODE_EDITING_DEFAULTS,
    });
  });

  afterEach(async function () {
    await saveArtifactsIfFailed(s, this.currentTest);
  });

  after(async function () {
    this.timeout(30_000);
    await s?.dispose();
  });

  it('accept (a), reject (x), skip (Space) with single keys; the status bar counts; undo (u); Escape stops with a summary @e2e', async function () {
    const page = s!.page;
    const original = fs.readFileSync(FIXTURE, 'utf8');
    const onDisk = () => fs.readFileSync(path.join(s!.workspace, NAME), 'utf8');
    const rejectFile = path.join(s!.workspace, 'pressmark.reject.yaml');
    const rejections = () => (fs.existsSync(rejectFile) ? parseRejectFile(fs.readFileSync(rejectFile, 'utf8')).list : []);
    const count = page.locator('.statusbar-item').filter({ hasText: /Review \d+ of \d+/ }).first();
    const readCount = async (): Promise<{ index: number; total: number }> => {
      const m = /Review (\d+) of (\d+)/.exec(await count.innerText());
      assert.ok(m, 'no review count in the status bar');
      return { index: Number(m[1]), total: Number(m[2]) };
    };
    /** Waits until the status bar shows exactly "Review index of total". */
    const waitForCount = async (index: number, total: number) => {
      const want = page.locator('.statusbar-item').filter({ hasText: new RegExp(`Review ${index} of ${total}(?!\\d)`) }).first();
      await want.waitFor({ state: 'visible', timeout: SERVER_MS }).catch(async (e: Error) => {
        throw new Error(`${e.message.split('\n')[0]}: want "Review ${index} of ${total}", the status bar shows ${JSON.stringify(await count.innerText().catch(() => '(no count)'))}`);
      });
    };
    /** Waits until the status bar says what the current suggestion becomes when accepted ("country KZ (Kazakhstan) — a accept ..."). */
    const waitForCurrent = async (label: string) => {
      await page.locator('.statusbar-item').filter({ hasText: `${label} — a accept` }).first().waitFor({ state: 'visible', timeout: SERVER_MS });
    };
    /** One key, as a person presses it: held briefly, then a pause. */
    const press = async (key: string) => {
      await page.keyboard.press(key, { delay: 60 });
      await page.waitForTimeout(HUMAN_MS);
    };

    await s!.openFile(NAME);
    await page.locator('#status\\.editor\\.mode').filter({ hasText: 'Pressmark' }).waitFor({ state: 'visible' });
    // The server has the document: its suggestions (mention.unannotated, hints by default) are drawn.
    await s!.editor().locator('.squiggly-hint').first().waitFor({ state: 'attached', timeout: SERVER_MS });

    await s!.runCommand('Pressmark: Review Suggestions');
    await count.waitFor({ state: 'visible', timeout: SERVER_MS });
    // The command gives the editor the keyboard focus (the explorer had it: the file was opened there).
    await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ state: 'visible' });
    const start = await readCount();
    assert.strictEqual(start.index, 1);
    const n = start.total;
    assert.ok(n >= 5, `only ${n} suggestions in ${NAME}`);
    // The first suggestions in document order: Kazakhstan, Luxembourg, 30 years (the fixture's first sentence).
    const body = original.slice(parse(original).bodyStart);
    assert.ok(body.startsWith('Kazakhstan and Luxembourg commemorate 30 years'), 'the fixture changed; update this test');
    const luxembourgs = body.split('Luxembourg').length - 1;
    await waitForCurrent('country KZ (Kazakhstan)');

    // a: accept the first (Kazakhstan)
    await press('a');
    await waitForCount(2, n);
    await waitForCurrent('country LU (Luxembourg)');
    if (process.env.PRESSMARK_SCREENSHOT === '1') {
      await s!.screenshot(SCREENSHOT);
      console.log(`      wrote ${path.relative(REPO_ROOT, SCREENSHOT)}`);
    }
    // x: reject the second (Luxembourg): "Not an entity here" holds for these words in this document,
    // so its other mentions go from the count as well
    await press('x');
    const afterReject = n - (luxembourgs - 1);
    await waitForCount(3, afterReject);
    await waitForCurrent('duration P30Y');
    assert.deepStrictEqual(rejections(), [{ text: 'Luxembourg', in: NAME }], 'pressmark.reject.yaml on disk');
    // Space: skip the third (30 years)
    await press('Space');
    await waitForCount(4, afterReject);
    await waitForCurrent('country KZ (Kazakhstan)'); // the second Kazakhstan of the sentence

    // u: undo the skip, then the rejection (its entry leaves pressmark.reject.yaml); x again records it again
    await press('u');
    await waitForCount(3, afterReject);
    await press('u');
    await waitForCount(2, n);
    await waitForCurrent('country LU (Luxembourg)');
    assert.deepStrictEqual(rejections(), [], 'the undone rejection is gone from pressmark.reject.yaml');
    await press('x');
    await waitForCount(3, afterReject);
    await press('Space');
    await waitForCount(4, afterReject);
    assert.deepStrictEqual(rejections(), [{ text: 'Luxembourg', in: NAME }]);

    // Escape: stop, with the summary
    await press('Escape');
    const toast = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: /Review stopped/ }).first();
    await toast.waitFor({ state: 'visible', timeout: SERVER_MS });
    const message = (await toast.innerText()).replace(/\s+/g, ' ');
    assert.ok(message.includes(`Review stopped: 1 accepted, 1 rejected, 1 skipped; ${afterReject - 3} not reviewed.`), message);
    await count.waitFor({ state: 'hidden' });

    // Review mode is off: a letter types again (and is taken back)
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'visible' });
    await s!.runCommand('File: Save');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'hidden' });
    const text = onDisk();
    assert.strictEqual(text.split('[Kazakhstan]{country:KZ}').length - 1, 1, `the first suggestion accepted:\n${text}`);
    assert.ok(text.slice(parse(text).bodyStart).startsWith('[Kazakhstan]{country:KZ} and Luxembourg commemorate 30 years'), text);
    assert.strictEqual(parse(text).all.length, 1, 'one annotation: the rejected and the skipped ones are not annotated');
    assert.deepStrictEqual(wordsOf(text), wordsOf(original), 'the words are unchanged');
    await s!.focusEditor();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('a', { delay: 60 });
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'visible' });
    await s!.runCommand('File: Revert File');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'hidden' });
  });
  it('Pre-annotate Document offers "Review one by one": the chosen types reviewed with single keys @e2e', async function () {
    const page = s!.page;
    const count = page.locator('.statusbar-item').filter({ hasText: /Review \d+ of \d+/ }).first();
    await s!.focusEditor();
    // from the palette (not runCommand: that waits for the palette to close, and the command opens a quick pick at once)
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>Pressmark: Pre-annotate Document');
    await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: 'Pre-annotate Document' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    // the types (entity types and dates picked by default): Enter keeps them
    await page.locator('.quick-input-widget').filter({ hasText: 'which types' }).waitFor({ state: 'visible', timeout: SERVER_MS });
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: /suggestions?/ }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    // then how: review or apply all
    await page.locator('.quick-input-widget').filter({ hasText: 'review or apply' }).waitFor({ state: 'visible' });
    await input.pressSequentially('Review', { delay: 80 });
    await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: 'Review one by one' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await count.waitFor({ state: 'visible', timeout: SERVER_MS });
    const m = /Review 1 of (\d+)/.exec(await count.innerText());
    assert.ok(m, await count.innerText());
    // the duration "30 years" is not among the default types: the first suggestion is a country
    await page.locator('.statusbar-item').filter({ hasText: /country KZ \(Kazakhstan\) — a accept/ }).first().waitFor({ state: 'visible', timeout: SERVER_MS });
    await page.keyboard.press('a', { delay: 60 });
    await page.locator('.statusbar-item').filter({ hasText: new RegExp(`Review 2 of ${m[1]}(?!\\d)`) }).first().waitFor({ state: 'visible', timeout: SERVER_MS });
    await page.waitForTimeout(HUMAN_MS);
    await page.keyboard.press('Escape');
    const toast = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: /Review stopped: 1 accepted, 0 rejected, 0 skipped/ }).first();
    await toast.waitFor({ state: 'visible', timeout: SERVER_MS });
    await count.waitFor({ state: 'hidden' });
    await s!.runCommand('File: Revert File');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'hidden' });
  });
});
