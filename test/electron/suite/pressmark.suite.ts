/**
 * In-editor tests: run inside VS Code's extension host with the real `vscode` API (desktop VS Code
 * via test/electron/run.ts, or VS Code's web build via the code-server e2e test).
 * Waits are on vscode.languages.onDidChangeDiagnostics with deadlines, never sleeps.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { BROKEN, brokenExpectation, EXAMPLE } from '../../e2e/fixtures';

const EXTENSION_ID = 'pressmark.pressmark';
const WAIT_MS = 45_000;

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder && folder.uri.scheme === 'file') return folder.uri.fsPath;
  const env = process.env.PRESSMARK_TEST_WORKSPACE;
  if (env) return env;
  throw new Error('no workspace folder is open and PRESSMARK_TEST_WORKSPACE is not set');
}

/** Copies `src` into the workspace under `name` and returns its URI. */
function copyIntoWorkspace(src: string, name: string): vscode.Uri {
  const dest = path.join(workspaceDir(), name);
  fs.copyFileSync(src, dest);
  return vscode.Uri.file(dest);
}

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return String(typeof c === 'object' && c !== null ? c.value : c);
}

function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(ds.map((d) => ({ code: codeOf(d), line: d.range.start.line, message: d.message })), null, 1);
}

/**
 * Resolves with the diagnostics of `uri` at the first onDidChangeDiagnostics event for it after
 * which `pred` holds, once `trigger` has also finished. Subscribes before running `trigger`, so an
 * event it causes is never missed (diagnostics can arrive before showTextDocument resolves).
 */
function waitForDiagnostics(
  uri: vscode.Uri,
  pred: (ds: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  trigger?: () => Thenable<unknown>,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let triggered: Thenable<unknown> = Promise.resolve();
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === key)) return;
      const ds = vscode.languages.getDiagnostics(uri);
      if (pred(ds)) {
        sub.dispose();
        triggered.then(
          () => {
            done();
            resolve(ds);
          },
          () => undefined, // the trigger's own rejection handler reports it
        );
      }
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; diagnostics now: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`));
    }, WAIT_MS);
    function done(): void {
      sub.dispose();
      clearTimeout(timer);
    }
    if (trigger) {
      triggered = trigger();
      triggered.then(undefined, (e: unknown) => {
        done();
        reject(e);
      });
    }
  });
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

describe('Pressmark in VS Code', function () {
  this.timeout(2 * WAIT_MS + 30_000);
  const expected = brokenExpectation();

  afterEach(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates on a .press file as language `pressmark`', async function () {
    const uri = copyIntoWorkspace(EXAMPLE, 'suite-activation.press');
    const editor = await open(uri);
    assert.strictEqual(editor.document.languageId, 'pressmark');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    await ext.activate();
    assert.ok(ext.isActive, 'the extension did not activate');
  });

  it('reports no diagnostics on the clean example, and recomputes them after an edit', async function () {
    const uri = copyIntoWorkspace(EXAMPLE, 'suite-example.press');
    // The first diagnostics event for the file is the server's answer (an empty list here).
    let editor: vscode.TextEditor | undefined;
    const first = await waitForDiagnostics(uri, () => true, 'the server to publish diagnostics for the example', async () => {
      editor = await open(uri);
    });
    assert.deepStrictEqual(first.map(codeOf), [], `diagnostics on the clean example: ${describeDiagnostics(first)}`);

    // Break it, see the error, then repair it and see the list go back to empty: this proves the
    // empty list above was the server's verdict on this text, not silence.
    const doc = editor!.document;
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const added = '\n\nThe [test]{} sentence.';
    const broken = await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'syntax.missing-type'), 'syntax.missing-type after inserting `[test]{}`', () =>
      editor!.edit((b) => b.insert(end, added)),
    );
    assert.ok(broken.length >= 1);
    const insertedEnd = doc.positionAt(doc.offsetAt(end) + added.length);
    const repaired = await waitForDiagnostics(uri, (ds) => !ds.some((d) => codeOf(d) === 'syntax.missing-type'), 'the error to go after removing the insertion', () =>
      editor!.edit((b) => b.delete(new vscode.Range(end, insertedEnd))),
    );
    assert.deepStrictEqual(repaired.map(codeOf), [], `diagnostics after the repair: ${describeDiagnostics(repaired)}`);
  });

  it('reports one diagnostic per error on a broken copy, with codes, source and sentences', async function () {
    const uri = copyIntoWorkspace(BROKEN, 'suite-broken.press');
    const ds = await waitForDiagnostics(
      uri,
      (d) => expected.codes.every((c) => d.some((x) => codeOf(x) === c)),
      `the codes ${expected.codes.join(', ')}`,
      () => open(uri),
    );
    const sorted = [...ds].sort((a, b) => a.range.start.compareTo(b.range.start));
    assert.deepStrictEqual(sorted.map(codeOf), expected.codes, describeDiagnostics(sorted));
    for (const d of sorted) {
      assert.strictEqual(d.source, 'pressmark', `source of ${codeOf(d)}`);
      assert.ok(/^[A-Z`].*[.!?)]$/s.test(d.message.trim()), `message of ${codeOf(d)} is not a sentence: ${d.message}`);
    }
  });

  it('answers a hover on an annotation', async function () {
    const uri = copyIntoWorkspace(BROKEN, 'suite-hover.press');
    // Diagnostics first: once they arrive, the server is up and its providers are registered.
    let editor: vscode.TextEditor | undefined;
    await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics on the hover file', async () => {
      editor = await open(uri);
    });
    const text = editor!.document.getText();
    const at = text.indexOf(expected.hover.label);
    assert.ok(at >= 0, `${expected.hover.label} not in the fixture`);
    const pos = editor!.document.positionAt(at + 1);
    const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos)) as vscode.Hover[];
    const shown = (hovers ?? [])
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.ok(shown.includes(expected.hover.contains), `hover at ${expected.hover.label}: ${JSON.stringify(shown)}`);
  });
});
