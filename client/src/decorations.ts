/**
 * Readability: the markup (`[`, `]{type:id}`) dimmed and the labels coloured per type, like
 * brat's spans, as editor decorations. The server says where they are (`pressmark/markup`, read
 * from the syntax tree, for the visible ranges only); the colours are theme colours contributed
 * in package.json (`pressmark.<type>Background`, `pressmark.<type>Border`) so a theme can
 * override them. Settings: `pressmark.markup.dim`, `pressmark.markup.opacity`,
 * `pressmark.labels.colorByType`.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** The types with a colour of their own; any other (schema) type is coloured as `other`. */
export const COLOURED_TYPES = ['country', 'org', 'person', 'place', 'date', 'time', 'duration', 'set'] as const;

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface MarkupAnswer {
  markup: LspRange[];
  labels: Array<{ type: string; range: LspRange }>;
}

/** Lines asked for above and below the visible ones, so that scrolling a little finds them painted. */
const MARGIN_LINES = 60;
const DELAY_MS = 120;

const toRange = (r: LspRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export function registerDecorations(context: vscode.ExtensionContext, client: LanguageClient): void {
  let markupType: vscode.TextEditorDecorationType | undefined;
  let labelTypes = new Map<string, vscode.TextEditorDecorationType>();

  function createTypes(): void {
    markupType?.dispose();
    for (const t of labelTypes.values()) t.dispose();
    labelTypes = new Map();
    markupType = undefined;
    const cfg = vscode.workspace.getConfiguration('pressmark');
    if (cfg.get<boolean>('markup.dim', true)) {
      const opacity = Math.min(1, Math.max(0.1, cfg.get<number>('markup.opacity', 0.45)));
      markupType = vscode.window.createTextEditorDecorationType({ opacity: String(opacity), rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed });
    }
    if (cfg.get<boolean>('labels.colorByType', true)) {
      for (const type of [...COLOURED_TYPES, 'other']) {
        labelTypes.set(
          type,
          vscode.window.createTextEditorDecorationType({
            backgroundColor: new vscode.ThemeColor(`pressmark.${type}Background`),
            borderColor: new vscode.ThemeColor(`pressmark.${type}Border`),
            borderStyle: 'solid',
            borderWidth: '0 0 2px 0',
            borderRadius: '2px',
            rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
          }),
        );
      }
    }
  }

  async function paint(editor: vscode.TextEditor): Promise<void> {
    const doc = editor.document;
    if (doc.languageId !== 'pressmark' || (!markupType && labelTypes.size === 0) || !client.isRunning()) return;
    const version = doc.version;
    const ranges = editor.visibleRanges.map((r) => {
      const start = Math.max(0, r.start.line - MARGIN_LINES);
      const end = Math.min(doc.lineCount - 1, r.end.line + MARGIN_LINES);
      return { start: { line: start, character: 0 }, end: { line: end, character: doc.lineAt(end).text.length } };
    });
    let answer: MarkupAnswer | null;
    try {
      answer = await client.sendRequest<MarkupAnswer | null>('pressmark/markup', { uri: doc.uri.toString(), ranges });
    } catch {
      return; // the server is restarting: the next change paints again
    }
    if (!answer || doc.version !== version || editor.document !== doc) return;
    if (markupType) editor.setDecorations(markupType, answer.markup.map(toRange));
    if (labelTypes.size) {
      const byType = new Map<string, vscode.Range[]>([...labelTypes.keys()].map((t) => [t, []]));
      for (const l of answer.labels) (byType.get(l.type) ?? byType.get('other')!).push(toRange(l.range));
      for (const [t, list] of byType) editor.setDecorations(labelTypes.get(t)!, list);
    }
  }

  const timers = new Map<vscode.TextEditor, ReturnType<typeof setTimeout>>();
  function schedule(editor: vscode.TextEditor | undefined, delay = DELAY_MS): void {
    if (!editor || editor.document.languageId !== 'pressmark') return;
    const prev = timers.get(editor);
    if (prev) clearTimeout(prev);
    timers.set(
      editor,
      setTimeout(() => {
        timers.delete(editor);
        void paint(editor);
      }, delay),
    );
  }
  const all = (delay?: number) => vscode.window.visibleTextEditors.forEach((e) => schedule(e, delay));

  createTypes();
  context.subscriptions.push(
    vscode.window.onDidChangeVisibleTextEditors(() => all(0)),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => schedule(e.textEditor)),
    vscode.workspace.onDidChangeTextDocument((e) => vscode.window.visibleTextEditors.filter((x) => x.document === e.document).forEach((x) => schedule(x))),
    vscode.workspace.onDidOpenTextDocument(() => all()), // a language switched to pressmark
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('pressmark.markup') || e.affectsConfiguration('pressmark.labels')) {
        createTypes();
        all(0);
      }
    }),
    client.onDidChangeState(() => all(0)),
    { dispose: () => [markupType, ...labelTypes.values()].forEach((t) => t?.dispose()) },
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  all(0);
}
