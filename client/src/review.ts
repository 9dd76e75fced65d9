/**
 * "Pressmark: Review Suggestions": the document's suggestions one at a time, in document order,
 * one key each (like Prodigy): a or Enter accepts, x or r rejects ("Not an entity here"), s or
 * Space skips, Shift+A accepts all like this, u or Backspace undoes the last decision, Escape
 * stops. The keys are keybindings under the context key `pressmark.reviewing`, which is true only
 * while the reviewed document is the active editor and the review runs.
 *
 * The server gives the suggestions (`pressmark/suggestions`) and the edit of each decision
 * (`pressmark/reviewEdit`: the quick-fix's own edit), each for one document version: an edit is
 * applied only to the version it was made for, and the list is asked again after every decision.
 * The state (cursor, counts, undo) is reviewCore.ts.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EditRecorder, ReviewState, revertEdits, summary, type Change, type DecisionKind } from './reviewCore';

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Item {
  range: LspRange;
  text: string;
  type: string;
  id: string;
  label: string;
  reason: string;
  entity?: { id: string };
  like: number;
}
type LspEdit = Parameters<LanguageClient['protocol2CodeConverter']['asWorkspaceEdit']>[0] & {
  changes?: Record<string, unknown>;
  documentChanges?: Array<{ textDocument?: { uri: string }; uri?: string; kind?: string }>;
};
/** An item with its offsets in the document version it came with. */
type Placed = Item & { start: number; end: number };

const CONTEXT = 'pressmark.reviewing';
const KEYS = 'a/Enter accept · x/r reject · Space/s skip · Shift+A all like this · u/Backspace undo · Esc stop';

class Review {
  readonly state: ReviewState;
  items: Placed[] = [];
  private version = -1;
  private recorder: EditRecorder | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  ended = false;

  constructor(
    private readonly client: LanguageClient,
    readonly document: vscode.TextDocument,
    private readonly types: readonly string[] | undefined,
    private readonly status: vscode.StatusBarItem,
    private readonly keys: vscode.StatusBarItem,
    private readonly decoration: vscode.TextEditorDecorationType,
    private readonly onEnd: () => void,
  ) {
    this.state = new ReviewState(document.uri.toString());
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const uri = e.document.uri.toString();
        const changes: Change[] = e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text }));
        this.recorder?.onChanges(uri, changes);
        this.state.onChanges(uri, changes);
        if (e.document === this.document && changes.length) this.followChanges();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => void this.syncContext()),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.document) this.end(true);
      }),
    );
  }

  editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    return active?.document === this.document ? active : vscode.window.visibleTextEditors.find((e) => e.document === this.document);
  }

  /** The keys are live only while the reviewed document is the active editor. */
  async syncContext(): Promise<void> {
    const here = !this.ended && vscode.window.activeTextEditor?.document === this.document;
    await vscode.commands.executeCommand('setContext', CONTEXT, here);
    if (here) this.show();
  }

  private followTimer: ReturnType<typeof setTimeout> | undefined;
  /** The document changed (by the user, or by a decision): the list of its new version, once per burst of changes. */
  private followChanges(): void {
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => {
      this.followTimer = undefined;
      if (this.version !== this.document.version) {
        void this.enqueue(async () => {
          if (this.version === this.document.version) return;
          await this.refresh();
          this.show();
        });
      }
    }, 300);
  }

  /** Runs one key's work after the previous one's (keys pressed quickly are taken in order). */
  enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(() => (this.ended ? undefined : work())).catch((e: unknown) => {
      void vscode.window.showErrorMessage(`Pressmark review: ${e instanceof Error ? e.message : String(e)}`);
    });
    return this.queue;
  }

  /** Asks the server for the suggestions of the document's current version (again while the document changes under it). */
  async refresh(): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const version = this.document.version;
      const r = await this.client.sendRequest<{ version: number; stale?: boolean; items: Item[] } | null>('pressmark/suggestions', {
        uri: this.document.uri.toString(),
        version,
        types: this.types,
      });
      if (!r) throw new Error('the server has no suggestions for this document');
      if (r.stale || r.version !== this.document.version) continue;
      this.version = r.version;
      this.items = r.items.map((it) => ({
        ...it,
        start: this.document.offsetAt(new vscode.Position(it.range.start.line, it.range.start.character)),
        end: this.document.offsetAt(new vscode.Position(it.range.end.line, it.range.end.character)),
      }));
      return;
    }
    throw new Error('the document keeps changing; try again');
  }

  current(): Placed | undefined {
    return this.version === this.document.version ? this.state.current(this.items) : undefined;
  }

  /** Highlights the current suggestion, scrolls to it, shows the count; ends the review when none is left. */
  show(): void {
    if (this.ended || this.version !== this.document.version) return; // the list of the new version is on its way
    const item = this.current();
    if (!item) {
      this.end(false);
      return;
    }
    const { index, total } = this.state.progress(this.items);
    this.status.text = `$(checklist) Review ${index} of ${total}`;
    this.status.tooltip = `Pressmark review: ${item.text} → ${item.label}\n${KEYS}`;
    this.status.show();
    // What the key does to this one, and the keys (a text after the words would not wrap with the line).
    const like = item.like > 1 ? ` · Shift+A all ${item.like}` : '';
    this.keys.text = `${item.label} — a accept · x reject · Space skip${like} · u undo · Esc stop`;
    this.keys.tooltip = `${item.reason}\n${KEYS}`;
    this.keys.show();
    const editor = this.editor();
    if (!editor) return;
    const range = new vscode.Range(this.document.positionAt(item.start), this.document.positionAt(item.end));
    editor.setDecorations(this.decoration, [{ range, hoverMessage: `${item.label}: ${item.reason}\n\n${KEYS}` }]);
    // The caret at the suggestion's start, nothing selected: a key that reaches the text replaces nothing.
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** accept / reject / acceptLike: the server's edit for this version, applied only to it. */
  async decide(action: 'accept' | 'reject' | 'acceptLike'): Promise<void> {
    if (this.version !== this.document.version) await this.refresh();
    const item = this.current();
    if (!item) return this.show();
    const r = await this.client.sendRequest<{ version: number; stale?: boolean; title?: string; edit?: LspEdit; count?: number } | null>('pressmark/reviewEdit', {
      uri: this.document.uri.toString(),
      version: this.version,
      range: item.range,
      action,
    });
    if (!r || r.stale || r.version !== this.document.version || this.version !== this.document.version) {
      // The document changed meanwhile: nothing is applied; the current suggestion is found again.
      await this.refresh();
      return this.show();
    }
    if (!r.edit) {
      void vscode.window.showWarningMessage(
        action === 'reject' ? `Pressmark: “${item.text}” cannot be rejected (see the problems of pressmark.reject.yaml); skipped.` : `Pressmark: “${item.text}” cannot be annotated; skipped.`,
      );
      return this.skip();
    }
    const before = await this.snapshot(r.edit);
    const cursorBefore = this.state.cursor;
    const kind: DecisionKind = action === 'reject' ? 'reject' : 'accept';
    this.state.cursor = item.end;
    const recorder = new EditRecorder(before);
    this.recorder = recorder;
    let applied = false;
    try {
      const edit = await this.client.protocol2CodeConverter.asWorkspaceEdit(r.edit);
      applied = await vscode.workspace.applyEdit(edit);
    } finally {
      this.recorder = undefined;
    }
    if (!applied) {
      this.state.cursor = cursorBefore;
      void vscode.window.showErrorMessage('Pressmark: the edit could not be applied.');
      return this.show();
    }
    this.state.decide(kind, r.count ?? 1, cursorBefore, recorder.pieces);
    await this.saveSideFiles(recorder.pieces);
    await this.refresh();
    this.show();
  }

  async skip(): Promise<void> {
    if (this.version !== this.document.version) await this.refresh();
    const item = this.current();
    if (!item) return this.show();
    const before = this.state.cursor;
    this.state.cursor = item.end;
    this.state.decide('skip', 1, before);
    this.show();
  }

  /** Takes back the last decision: its edit and its rejection entry, when their text is still as written. */
  async undo(): Promise<void> {
    const last = this.state.history[this.state.history.length - 1];
    if (!last) return void vscode.window.setStatusBarMessage('Pressmark review: nothing to undo', 3000);
    const docs = new Map<string, vscode.TextDocument>();
    for (const p of last.pieces) if (!docs.has(p.uri)) docs.set(p.uri, await vscode.workspace.openTextDocument(vscode.Uri.parse(p.uri)));
    const check = revertEdits(last.pieces, (uri, start, end) => {
      const d = docs.get(uri);
      return d ? d.getText(new vscode.Range(d.positionAt(start), d.positionAt(end))) : undefined;
    });
    if ('changed' in check) {
      void vscode.window.showWarningMessage('Pressmark review: the text of the last decision changed since; it is not undone.');
      return;
    }
    if (check.edits.length) {
      const edit = new vscode.WorkspaceEdit();
      for (const p of check.edits) {
        const d = docs.get(p.uri)!;
        edit.replace(d.uri, new vscode.Range(d.positionAt(p.start), d.positionAt(p.end)), p.old);
      }
      if (!(await vscode.workspace.applyEdit(edit))) {
        void vscode.window.showErrorMessage('Pressmark review: the last decision could not be undone.');
        return;
      }
    }
    this.state.undo();
    await this.saveSideFiles(last.pieces);
    await this.refresh();
    this.show();
  }

  /** The rejection file and knowledge-base files a decision wrote are saved (the reviewed document is the user's to save). */
  private async saveSideFiles(pieces: ReadonlyArray<{ uri: string }>): Promise<void> {
    for (const uri of new Set(pieces.map((p) => p.uri))) {
      if (uri === this.state.uri) continue;
      const d = vscode.workspace.textDocuments.find((x) => x.uri.toString() === uri);
      if (d?.isDirty) await d.save();
    }
  }

  /** The text of every document an edit touches, before it (a file that does not exist yet: ''). */
  private async snapshot(edit: LspEdit): Promise<Map<string, string>> {
    const uris = new Set<string>(Object.keys(edit.changes ?? {}));
    for (const c of edit.documentChanges ?? []) {
      const u = c.textDocument?.uri ?? c.uri;
      if (u) uris.add(u);
    }
    const out = new Map<string, string>();
    for (const u of uris) {
      const uri = vscode.Uri.parse(u);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      let text = open?.getText();
      if (text === undefined) {
        try {
          text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        } catch {
          text = '';
        }
      }
      out.set(uri.toString(), text);
    }
    return out;
  }

  /** Stops the review: the summary, the keys off, the highlight gone. */
  end(closed: boolean): void {
    if (this.ended) return;
    this.ended = true;
    if (this.followTimer) clearTimeout(this.followTimer);
    for (const d of this.disposables) d.dispose();
    void vscode.commands.executeCommand('setContext', CONTEXT, false);
    this.status.hide();
    this.keys.hide();
    this.editor()?.setDecorations(this.decoration, []);
    const left = closed || this.version !== this.document.version ? 0 : this.state.progress(this.items).total - this.state.decided();
    void vscode.window.showInformationMessage(`Pressmark: ${summary(this.state.counts, left)}`);
    this.onEnd();
  }
}

/** Registers "Pressmark: Review Suggestions" and the review keys' commands. */
export function registerReview(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const status = vscode.window.createStatusBarItem('pressmark.review', vscode.StatusBarAlignment.Left, 1000);
  status.name = 'Pressmark Review';
  const keys = vscode.window.createStatusBarItem('pressmark.review.keys', vscode.StatusBarAlignment.Left, 999);
  keys.name = 'Pressmark Review Keys';
  const decoration = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    border: '1px solid',
    borderColor: new vscode.ThemeColor('focusBorder'),
    borderRadius: '2px',
    overviewRulerColor: new vscode.ThemeColor('focusBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  let review: Review | undefined;
  const withReview = (work: (r: Review) => Promise<void>) => () => (review ? review.enqueue(() => work(review!)) : undefined);

  async function start(args?: { types?: string[] }): Promise<void> {
    const c = client();
    const editor = vscode.window.activeTextEditor;
    if (!c || !editor || editor.document.languageId !== 'pressmark') {
      void vscode.window.showInformationMessage('Open a .press document to review its suggestions.');
      return;
    }
    review?.end(false);
    // The keys go to the editor at once, wherever the command was run from (palette, menu, explorer focus).
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    const r = new Review(c, editor.document, Array.isArray(args?.types) ? args.types : undefined, status, keys, decoration, () => {
      if (review === r) review = undefined;
    });
    review = r;
    await r.enqueue(async () => {
      await r.refresh();
      if (!r.current()) {
        r.ended = true;
        void vscode.commands.executeCommand('setContext', CONTEXT, false);
        void vscode.window.showInformationMessage('Pressmark: no suggestions to review in this document.');
        if (review === r) review = undefined;
        return;
      }
      await r.syncContext();
    });
  }

  context.subscriptions.push(
    status,
    keys,
    decoration,
    vscode.commands.registerCommand('pressmark.review', (args?: { types?: string[] }) => start(args)),
    vscode.commands.registerCommand('pressmark.review.accept', withReview((r) => r.decide('accept'))),
    vscode.commands.registerCommand('pressmark.review.acceptLike', withReview((r) => r.decide('acceptLike'))),
    vscode.commands.registerCommand('pressmark.review.reject', withReview((r) => r.decide('reject'))),
    vscode.commands.registerCommand('pressmark.review.skip', withReview((r) => r.skip())),
    vscode.commands.registerCommand('pressmark.review.undo', withReview((r) => r.undo())),
    vscode.commands.registerCommand('pressmark.review.stop', () => review?.end(false)),
    { dispose: () => review?.end(true) },
  );
}
