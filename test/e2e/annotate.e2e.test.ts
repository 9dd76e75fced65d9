/**
 * Issue 14 items 2 and 4 in a real VS Code (code-server + Playwright), keyboard only:
 * "Annotate Selection as..." by its keybinding on a selection made with keys (the words stay as
 * they are: Cyrillic, an emoji before them, CRLF lines), the "New entity…" path that writes the
 * workspace knowledge base, and a suggestion rejected with "Not an entity here" that stays gone
 * after "Developer: Reload Window". Needs `npm run package` and `bash scripts/setup-e2e.sh`.
 *
 *   npx mocha --no-config --timeout 240000 out/test/e2e/annotate.e2e.test.js
 *
 * Keys are typed at human speed; every wait is on a DOM state with a deadline.
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
const KEY_DELAY = 120;
/** A release with CRLF line ends, an emoji and Cyrillic words. */
const SELECT_TEXT = [
  '---',
  'date: 2022-06-29',
  '---',
  'The Blue Marine Foundation met delegates in Vienna.',
  '',
  '🇰🇿🎉 Делегация Казахстана прибыла в Вену.',
  '',
].join('\r\n');

describe('Annotate Selection as... and Reject in VS Code (code-server) @e2e', function () {
  this.timeout(180_000);
  let s: CodeServerSession | undefined;
  let dir: string;

  before(async function () {
    this.timeout(240_000);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-annotate-'));
    fs.writeFileSync(path.join(dir, 'select.press'), SELECT_TEXT);
    s = await CodeServerSession.start({
      vsix: requireFile(VSIX, 'run `npm run package` first.'),
      files: { 'select.press': path.join(dir, 'select.press'), 'unannotated.press': UNANNOTATED },
      // The defaults a user has for suggestions (the harness turns them off for exact typing).
      settings: VSCODE_EDITING_DEFAULTS,
    });
  });

  afterEach(async function () {
    if (await saveArtifactsIfFailed(s, this.currentTest)) {
      // Close what the failed test left open (a quick pick, a menu) for the next one.
      for (let i = 0; i < 3; i++) await s!.page.keyboard.press('Escape');
    }
  });

  after(async function () {
    this.timeout(30_000);
    await s?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const quickInput = () => s!.page.locator('.quick-input-widget');
  const activeRow = () => s!.page.locator('.quick-input-widget .monaco-list-row.focused').first();
  const disk = (name: string) => fs.readFileSync(path.join(s!.workspace, name), 'utf8');

  /** Puts the selection on the first match of `text` with the find widget (Ctrl+F, type, Escape). */
  async function findAndSelect(text: string): Promise<void> {
    const page = s!.page;
    await s!.focusEditor();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+f');
    const input = page.locator('.editor-group-container.active .find-widget textarea, .editor-group-container.active .find-widget input').first();
    await input.waitFor({ state: 'visible' });
    await page.keyboard.press('Control+a');
    await page.keyboard.type(text, { delay: KEY_DELAY });
    await page.locator('.editor-group-container.active .find-widget .matchesCount').filter({ hasText: /^1 of \d+$/ }).waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.locator('.editor-group-container.active .find-widget.visible').waitFor({ state: 'hidden' });
    await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ state: 'visible' });
  }

  /** The status bar's selection item says `n selected` (or the caret only when n is 0). */
  async function waitSelected(n: number): Promise<void> {
    await s!.page.locator('#status\\.editor\\.selection').filter({ hasText: new RegExp(`\\(${n} selected\\)`) }).waitFor({ state: 'visible' });
  }

  /** Types into the open quick input and waits until the focused row reads `row`; then Enter. */
  async function pick(typed: string, row: RegExp): Promise<void> {
    const page = s!.page;
    await quickInput().waitFor({ state: 'visible' });
    if (typed) await page.keyboard.type(typed, { delay: KEY_DELAY });
    await activeRow().filter({ hasText: row }).waitFor({ state: 'visible', timeout: SERVER_MS });
    await page.keyboard.press('Enter');
  }

  it('annotates a Cyrillic phrase after an emoji in a CRLF file as country KZ, by keys only; the words are unchanged @e2e', async function () {
    const page = s!.page;
    await s!.openFile('select.press');
    await page.locator('#status\\.editor\\.mode').filter({ hasText: 'Pressmark' }).waitFor({ state: 'visible' });
    await page.locator('#status\\.editor\\.eol').filter({ hasText: 'CRLF' }).waitFor({ state: 'visible' });
    // The caret at the end of "Делегация" (find, then Right), then one word to the right selected.
    await findAndSelect('Делегация');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await waitSelected(' Казахстана'.length);
    await page.keyboard.press('Control+Alt+a');
    await quickInput().locator('.quick-input-title').filter({ hasText: 'Annotate “Казахстана” as...' }).waitFor({ state: 'visible', timeout: SERVER_MS });
    await pick('country', /^country/);
    await quickInput().locator('.quick-input-title').filter({ hasText: 'as country' }).waitFor({ state: 'visible' });
    await pick('Kazakh', /Kazakhstan.*KZ/);
    await quickInput().waitFor({ state: 'hidden' });
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'visible' });
    await page.keyboard.press('Control+s');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'hidden' });
    assert.strictEqual(disk('select.press'), SELECT_TEXT.replace(' Казахстана ', ' [Казахстана]{country:KZ} '));
  });

  it('annotates "Blue Marine Foundation" as a new org: the entity goes into pressmark.kb.yaml @e2e', async function () {
    const page = s!.page;
    const before = disk('select.press');
    await findAndSelect('Blue');
    // Back to the start of "Blue", then three words selected with Shift+Ctrl+Right.
    await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight', { delay: KEY_DELAY });
    await waitSelected('Blue Marine Foundation'.length);
    await page.keyboard.press('Control+Alt+a');
    await pick('org', /^org/);
    // Down the list to "New entity…" (after the knowledge base's matches).
    await activeRow().waitFor({ state: 'visible', timeout: SERVER_MS });
    const newRow = quickInput().locator('.monaco-list-row').filter({ hasText: 'New entity…' }).first();
    await newRow.waitFor({ state: 'visible', timeout: SERVER_MS });
    for (let i = 0; i < 60 && !/New entity…/.test(await activeRow().innerText()); i++) await page.keyboard.press('ArrowDown', { delay: KEY_DELAY });
    assert.match(await activeRow().innerText(), /New entity…/);
    await page.keyboard.press('Enter');
    // The id input box, with the proposed id: Enter keeps it.
    await quickInput().locator('.quick-input-title').filter({ hasText: 'New org “Blue Marine Foundation”' }).waitFor({ state: 'visible' });
    assert.strictEqual(await quickInput().locator('input').first().inputValue(), 'blue-marine-foundation');
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item').filter({ hasText: 'org blue-marine-foundation added to pressmark.kb.yaml' }).waitFor({ state: 'visible', timeout: SERVER_MS });
    await page.keyboard.press('Control+s');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'hidden' });
    assert.strictEqual(disk('select.press'), before.replace('The Blue Marine Foundation met', 'The [Blue Marine Foundation]{org:blue-marine-foundation} met'));
    assert.match(disk('pressmark.kb.yaml'), /- id: blue-marine-foundation\n\s+type: org\n\s+name: Blue Marine Foundation\n/);
  });

  it('refuses a selection across an annotation’s edge and says why @e2e', async function () {
    const page = s!.page;
    const before = disk('select.press');
    // From the caret before "Foundation]" ... select two words: past the annotation's end.
    await findAndSelect('Foundation]');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Shift+ArrowRight', { delay: KEY_DELAY });
    await page.keyboard.press('Control+Shift+ArrowRight', { delay: KEY_DELAY });
    await page.keyboard.press('Control+Alt+a');
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: /Cannot annotate the selection: .*crosses the edge of the annotation/ }).first();
    await toast.waitFor({ state: 'visible', timeout: SERVER_MS });
    await page.keyboard.press('Escape');
    await s!.runCommand('Notifications: Clear All Notifications');
    assert.strictEqual(disk('select.press'), before);
    assert.strictEqual(await page.locator('.tabs-container .tab.active.dirty').count(), 0);
  });

  /**
   * The titles of the code-action menu on the first match of `text` (selected with the find
   * widget, so that the menu holds the fixes of that range only), or [] when VS Code says "No
   * code actions available". The menu is left open (Escape closes it).
   */
  async function codeActionsOn(text: string): Promise<string[]> {
    const page = s!.page;
    await findAndSelect(text);
    await waitSelected(text.length);
    const widget = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
    const none = page.locator('.monaco-editor-overlaymessage').filter({ hasText: /No code actions/ }).first();
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      const which = await Promise.race([
        widget.waitFor({ state: 'visible', timeout: SERVER_MS / 4 }).then(() => 'menu'),
        none.waitFor({ state: 'visible', timeout: SERVER_MS / 4 }).then(() => 'none'),
      ]).catch(() => 'nothing');
      if (which === 'none') return [];
      if (which === 'menu') break;
      if (attempt >= 4) throw new Error('Ctrl+. showed neither a menu nor "No code actions" (4 presses)');
    }
    const rowsSel = '.action-widget .monaco-list-row.action';
    await page.locator(rowsSel).first().waitFor({ state: 'visible', timeout: SERVER_MS });
    return page.locator(rowsSel).evaluateAll((els) =>
      els
        .map((e) => ({ index: Number((e as any).getAttribute('data-index')), title: String((e as any).querySelector('.title')?.textContent ?? '').trim() }))
        .sort((a, b) => a.index - b.index)
        .map((r) => r.title),
    );
  }

  /** Asks Ctrl+. on `text` until `pred` holds of the titles (the server may be starting); the menu is closed after. */
  async function waitActions(text: string, pred: (titles: string[]) => boolean, what: string, keepOpen = false): Promise<string[]> {
    const until = Date.now() + SERVER_MS;
    for (;;) {
      const t = await codeActionsOn(text);
      if (pred(t)) {
        if (!keepOpen) await s!.page.keyboard.press('Escape');
        return t;
      }
      await s!.page.keyboard.press('Escape');
      if (Date.now() > until) throw new Error(`${what}: Ctrl+. on ${JSON.stringify(text)} offered ${JSON.stringify(t)}`);
    }
  }

  it('Ctrl+. on a selection offers "Annotate Selection as..."; Enter, the type, then the label’s best match @e2e', async function () {
    const page = s!.page;
    await s!.openFile('select.press');
    const before = disk('select.press');
    const titles = await waitActions('Vienna', (t) => t.includes('Annotate Selection as...'), 'the code action on a selection', true);
    const focused = () => page.locator('.action-widget .monaco-list-row.action.focused .title').first();
    for (let i = 0; i < titles.length && (await focused().innerText()).trim() !== 'Annotate Selection as...'; i++) await page.keyboard.press('ArrowDown', { delay: KEY_DELAY });
    assert.strictEqual((await focused().innerText()).trim(), 'Annotate Selection as...', JSON.stringify(titles));
    await page.keyboard.press('Enter');
    await quickInput().locator('.quick-input-title').filter({ hasText: 'Annotate “Vienna” as...' }).waitFor({ state: 'visible', timeout: SERVER_MS });
    await pick('place', /^place/);
    // Nothing typed: the first row is what the label names.
    await pick('', /Vienna.*G2761369/);
    await quickInput().waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+s');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'hidden' });
    assert.strictEqual(disk('select.press'), before.replace(' in Vienna.', ' in [Vienna]{place:G2761369}.'));
  });

  it('"Not an entity here" on a suggestion: it is gone, and still gone after Developer: Reload Window @e2e', async function () {
    const page = s!.page;
    const name = 'unannotated.press';
    const text = disk(name);
    await s!.openFile(name);
    await page.locator('#status\\.editor\\.mode').filter({ hasText: 'Pressmark' }).waitFor({ state: 'visible' });
    const luxembourg = (t: string[]) => t.some((x) => /Luxembourg/.test(x));
    // The server is up when Ctrl+. on Luxembourg offers to annotate it; the menu stays open.
    const titles = await waitActions('Luxembourg', (t) => t.includes('Annotate as country LU (Luxembourg)'), 'the suggestion at Luxembourg', true);
    assert.ok(titles.includes('Not an entity here'), JSON.stringify(titles));
    assert.ok(titles.includes('Never suggest “Luxembourg” as country LU'), JSON.stringify(titles));
    // Down to "Not an entity here", Enter.
    const focused = () => page.locator('.action-widget .monaco-list-row.action.focused .title').first();
    for (let i = 0; i < titles.length && (await focused().innerText()).trim() !== 'Not an entity here'; i++) await page.keyboard.press('ArrowDown', { delay: KEY_DELAY });
    assert.strictEqual((await focused().innerText()).trim(), 'Not an entity here');
    await page.keyboard.press('Enter');
    await page.locator('.action-widget:not(.action-list-submenu-panel)').first().waitFor({ state: 'hidden' });
    const rejectFile = path.join(s!.workspace, 'pressmark.reject.yaml');
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label="pressmark.reject.yaml"]').waitFor({ state: 'visible', timeout: SERVER_MS });
    await waitActions('Luxembourg', (t) => !luxembourg(t), 'Luxembourg after the rejection');
    assert.strictEqual(disk(name), text, `${name} changed`);

    await s!.runCommand('Developer: Reload Window');
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label="pressmark.reject.yaml"]').waitFor({ state: 'visible', timeout: SERVER_MS });
    await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).first().waitFor({ state: 'visible', timeout: SERVER_MS });
    await page.locator('#status\\.editor\\.mode').filter({ hasText: 'Pressmark' }).waitFor({ state: 'visible', timeout: SERVER_MS });
    // The rejection lasted: it is on disk (not only in an editor buffer).
    assert.match(fs.readFileSync(rejectFile, 'utf8'), /text: Luxembourg, in: unannotated\.press/);
    // The server is back: Kazakhstan is still suggested...
    await waitActions('Kazakhstan', (t) => t.includes('Annotate as country KZ (Kazakhstan)'), 'Kazakhstan after the reload');
    // ...and Luxembourg is not.
    const after = await waitActions('Luxembourg', () => true, 'Luxembourg after the reload');
    assert.ok(!luxembourg(after), JSON.stringify(after));
  });
});
