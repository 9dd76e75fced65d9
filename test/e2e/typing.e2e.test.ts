/**
 * The annotator's loop with VS Code's DEFAULT suggestion settings (issue 14): quick suggestions on
 * for text, suggestions on trigger characters, a commit character accepting a suggestion,
 * auto-closed brackets (the harness turns all of these off for its other suites so typed text
 * stays exact; here they are what a user has). Needs `npm run package` and setup-e2e.
 *
 *   npx mocha --no-config --timeout 240000 out/test/e2e/typing.e2e.test.js
 *
 * - Typing `[Blue Marine Foundation]{org` at 250 ms a key, then committing the `org` suggestion
 *   with `:`, with `}` or with Enter, and the rest: the saved file holds each character once
 *   (`{org::BMF}` before the fix).
 * - The Problems panel of an unannotated release lists no suggestion (they are hints) while a real
 *   error typed into it is listed.
 * - Ctrl+. inside `[Intergovernmental Commission]{org:}`, on a line that also holds a country
 *   suggestion, offers that annotation's fix first.
 * - "Show Statistics": how long until the statistics are on screen (printed).
 *
 * Every wait is on a DOM state with a deadline; keys are typed at human speed.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { requireFile, UNANNOTATED, VSIX } from './fixtures';
import { CodeServerSession, saveArtifactsIfFailed, VSCODE_EDITING_DEFAULTS } from './harness';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

const SERVER_MS = 60_000;
/** A person typing: 250 ms a key (the repro). */
const KEY_MS = 250;


const FRONT = '---\ndate: 2022-06-29\n---\n';
const CARET_LINE = 'Austria hosted the meeting, and the [Intergovernmental Commission]{org:} met in Vienna on 28 June.';

describe('Typing with default suggestion settings, suggestions as hints, fixes at the caret (code-server) @e2e', function () {
  this.timeout(180_000);
  let s: CodeServerSession | undefined;
  let tmp: string | undefined;

  before(async function () {
    this.timeout(240_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-typing-'));
    const typing = path.join(tmp, 'typing.press');
    fs.writeFileSync(typing, `${FRONT}Typed lines follow.\n`);
    const caret = path.join(tmp, 'caret.press');
    fs.writeFileSync(caret, `${FRONT}${CARET_LINE}\n`);
    s = await CodeServerSession.start({
      vsix: requireFile(VSIX, 'run `npm run package` first.'),
      files: { 'typing.press': typing, 'caret.press': caret, 'unannotated.press': UNANNOTATED },
      settings: VSCODE_EDITING_DEFAULTS,
    });
  });

  afterEach(async function () {
    await saveArtifactsIfFailed(s, this.currentTest);
  });

  after(async function () {
    this.timeout(30_000);
    await s?.dispose();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const suggestRows = '.editor-widget.suggest-widget .monaco-list-row';

  /** Waits until the suggestion list shows with `label` as its selected row. */
  async function waitForSelected(label: string): Promise<void> {
    await s!.page
      .locator(`${suggestRows}.focused`)
      .filter({ has: s!.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) })
      .first()
      .waitFor({ state: 'visible', timeout: SERVER_MS });
  }

  /** Saves the active editor and returns the file's text on disk. */
  async function saved(name: string): Promise<string> {
    await s!.page.keyboard.press('Escape');
    await s!.page.keyboard.press('Control+s');
    await s!.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'hidden' });
    return fs.readFileSync(path.join(s!.workspace, name), 'utf8');
  }

  const COMMITS: Array<{ key: string; before: string; after: string; line: string }> = [
    { key: ':', before: '[Blue Marine Foundation]{org', after: ':BMF}', line: '[Blue Marine Foundation]{org:BMF}' },
    { key: '}', before: '[Blue Marine Foundation]{or', after: '}', line: '[Blue Marine Foundation]{org}' },
    { key: 'Enter', before: '[Blue Marine Foundation]{or', after: ':BMF}', line: '[Blue Marine Foundation]{org:BMF}' },
  ];
  for (const c of COMMITS) {
    it(`typing \`${c.before}\` at ${KEY_MS} ms a key and committing \`org\` with ${c.key} gives \`${c.line}\` @e2e`, async function () {
      const page = s!.page;
      await s!.openFile('typing.press');
      await s!.focusEditor();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(c.before, { delay: KEY_MS });
      // The server's type list is open with `org` selected: the key below commits it.
      await waitForSelected('org');
      if (c.key === 'Enter') await page.keyboard.press('Enter');
      await page.keyboard.type(c.key === 'Enter' ? c.after : c.key + c.after.slice(1), { delay: KEY_MS });
      const text = await saved('typing.press');
      const last = text.replace(/\n$/, '').split('\n').pop();
      assert.strictEqual(last, c.line, `the typed line; whole file:\n${text}`);
    });
  }

  it('the Problems panel of an unannotated release lists no suggestion; a typed error is listed @e2e', async function () {
    const page = s!.page;
    await page.mouse.move(1, 1);
    await page.keyboard.press('Escape');
    await s!.openFile('unannotated.press');
    // The suggestions are drawn (hints: faint dots under the words), so the server has answered...
    await s!.editor().locator('.squiggly-hint').first().waitFor({ state: 'attached', timeout: SERVER_MS });
    assert.strictEqual(await s!.editor().locator('.squiggly-info').count(), 0, 'suggestions drawn as information squiggles');
    try {
      // ...and a real error typed into the release is a problem.
      await s!.focusEditor();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' [x]{nosuchtype', { delay: 60 });
      await page.keyboard.press('Escape');
      await page.keyboard.press('End');
      const n = await s!.waitForProblems((t) => t >= 1, 'the typed error to be counted', SERVER_MS);
      const rows = (await s!.problemRows()).filter((r) => /\bpressmark\b/.test(r));
      const codes = rows.map((r) => /pressmark\s+([a-z-]+\.[a-z-]+)/.exec(r)?.[1]);
      // (the other rows are the real problems of typing.press, still open)
      const dump = `Problems panel rows (${n}):\n${rows.join('\n')}`;
      assert.ok(codes.includes('syntax.unknown-type'), dump);
      assert.ok(!codes.includes('mention.unannotated'), dump);
      assert.ok(!rows.some((r) => /is not annotated/.test(r)), dump);
    } finally {
      await s!.focusEditor();
      await page.keyboard.press('Escape');
      await s!.runCommand('File: Revert File');
    }
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'hidden' });
  });

  it('Ctrl+. inside `[Intergovernmental Commission]{org:}` offers that annotation\'s fix first @e2e', async function () {
    const page = s!.page;
    await page.mouse.move(1, 1);
    await page.keyboard.press('Escape');
    await s!.openFile('caret.press');
    // The server has the document: the warning on `org` and the hint on `Austria` are drawn.
    await s!.editor().locator('.squiggly-warning').first().waitFor({ state: 'attached', timeout: SERVER_MS });
    await s!.editor().locator('.squiggly-hint').first().waitFor({ state: 'attached', timeout: SERVER_MS });
    // Click into `Intergovernmental`, before its sixth letter.
    const offset = CARET_LINE.indexOf('Intergovernmental') + 5;
    const point = await s!.charPoint(CARET_LINE.slice(0, 20), offset);
    assert.ok(point, 'the caret line is not drawn');
    await page.mouse.click(point.x, point.y);
    await page.locator('#status\\.editor\\.selection').filter({ hasText: new RegExp(`Ln 4, Col ${offset + 1}\\b`) }).waitFor({ state: 'visible' });
    await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ state: 'visible' });
    const widget = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      const shown = await widget.waitFor({ state: 'visible', timeout: SERVER_MS / 4 }).then(
        () => undefined,
        (e: Error) => e,
      );
      if (!shown) break;
      if (attempt >= 4) throw shown;
    }
    const rowsSel = '.action-widget .monaco-list-row.action';
    await page.locator(rowsSel).first().waitFor({ state: 'visible', timeout: SERVER_MS });
    const rows = await page.locator(rowsSel).evaluateAll((els) =>
      els
        .map((e) => ({
          index: Number((e as any).getAttribute('data-index')),
          title: String((e as any).querySelector('.title')?.textContent ?? '').trim(),
          focused: String((e as any).className).split(/\s+/).includes('focused'),
        }))
        .sort((a, b) => a.index - b.index),
    );
    const dump = `code-action rows: ${JSON.stringify(rows)}`;
    assert.match(rows[0]?.title ?? '', /^Set the id to new org .intergovernmental-commission. \(Intergovernmental Commission\)/, dump);
    assert.ok(rows[0].focused, `the first row is not the selected one: ${dump}`);
    assert.ok(!rows.slice(0, 1).some((r) => /Austria/.test(r.title)), dump);
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
  });

  it('Show Statistics: the statistics are on screen (time printed) @e2e', async function () {
    const page = s!.page;
    await page.mouse.move(1, 1);
    await page.keyboard.press('Escape');
    await s!.openFile('unannotated.press');
    await s!.editor().locator('.squiggly-hint').first().waitFor({ state: 'attached', timeout: SERVER_MS });
    const t0 = Date.now();
    await s!.runCommand('Pressmark: Show Statistics');
    // The statistics tab, then its content: a webview (markdown preview) or a text editor.
    const tab = page.locator('.tabs-container .tab.active').filter({ hasText: /statistics/i }).first();
    await tab.waitFor({ state: 'visible', timeout: SERVER_MS });
    const tabMs = Date.now() - t0;
    const deadline = Date.now() + SERVER_MS;
    let shownMs: number | undefined;
    while (Date.now() < deadline && shownMs === undefined) {
      for (const f of page.frames()) {
        const found = await f
          .evaluate(() => !!document.body && /This document/.test(String(document.body.innerText)))
          .catch(() => false);
        if (found) {
          shownMs = Date.now() - t0;
          break;
        }
      }
      if (shownMs === undefined) await page.waitForEvent('framenavigated', { timeout: 500 }).catch(() => undefined);
    }
    console.log(`      Show Statistics: tab after ${tabMs} ms, statistics on screen after ${shownMs ?? 'never'} ms`);
    assert.ok(shownMs !== undefined, 'the statistics never showed');
  });
});
