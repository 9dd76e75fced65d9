/**
 * The language status item (the `{}` in the status bar for a .press document): the server's
 * state with a link to restart it, the knowledge base (entities per type, those from the
 * workspace) with a link to the output channel, and the document's state: suggestions left, or
 * "syntax only" when it is above `pressmark.analysis.maxDocumentSize`. The server answers
 * `pressmark/status` {uri}.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

interface StatusAnswer {
  kb: { byType: Record<string, number>; workspace: number; total: number };
  suggestions: number | undefined;
  suggestionsByType: Record<string, number>;
  syntaxOnly: boolean;
  characters: number;
  maxDocumentSize: number | undefined;
}

const SELECTOR: vscode.DocumentSelector = { language: 'pressmark' };
/** Type → how the knowledge-base line names it (plural). */
const NOUNS: Record<string, [string, string]> = {
  country: ['country', 'countries'],
  org: ['org', 'orgs'],
  place: ['place', 'places'],
  person: ['person', 'people'],
};
const n = (x: number) => x.toLocaleString('en');
const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

/** "250 countries · 3,512 orgs · 13,404 places · 4 people" (the types the knowledge base has, built-in ones first). */
export function kbLine(byType: Record<string, number>): string {
  const types = [...Object.keys(NOUNS), ...Object.keys(byType).filter((t) => !NOUNS[t]).sort()];
  return types
    .filter((t) => NOUNS[t] || byType[t])
    .map((t) => plural(byType[t] ?? 0, NOUNS[t]?.[0] ?? t, NOUNS[t]?.[1] ?? t))
    .join(' · ');
}

export function registerStatus(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.OutputChannel): void {
  const server = vscode.languages.createLanguageStatusItem('pressmark.server', SELECTOR);
  server.name = 'Pressmark server';
  server.command = { title: 'Restart', command: 'pressmark.restartServer', tooltip: 'Pressmark: Restart Server' };
  const kb = vscode.languages.createLanguageStatusItem('pressmark.knowledgeBase', SELECTOR);
  kb.name = 'Pressmark knowledge base';
  kb.command = { title: 'Show Output', command: 'pressmark.showOutput', tooltip: 'The Pressmark output channel (what was read, and why not)' };
  const document = vscode.languages.createLanguageStatusItem('pressmark.document', SELECTOR);
  document.name = 'Pressmark document';

  function showState(state: State): void {
    server.busy = state === State.Starting;
    server.severity = state === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    server.text = state === State.Running ? '$(check) Pressmark: ready' : state === State.Starting ? 'Pressmark: starting' : '$(error) Pressmark: stopped';
    server.detail = state === State.Stopped ? 'run Restart' : undefined;
    if (state !== State.Running) {
      kb.text = 'Knowledge base: not loaded';
      kb.detail = undefined;
      document.text = '';
    }
  }

  let seq = 0;
  async function refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'pressmark' || !client.isRunning()) return;
    const mine = ++seq;
    let s: StatusAnswer | null;
    try {
      s = await client.sendRequest<StatusAnswer | null>('pressmark/status', { uri: editor.document.uri.toString() });
    } catch {
      return;
    }
    if (!s || mine !== seq) return;
    kb.text = kbLine(s.kb.byType);
    kb.detail = `knowledge base: ${plural(s.kb.total, 'entity', 'entities')}, ${n(s.kb.workspace)} from the workspace`;
    if (s.syntaxOnly) {
      document.severity = vscode.LanguageStatusSeverity.Warning;
      document.text = '$(warning) Syntax only';
      document.detail = `${n(s.characters)} characters, more than pressmark.analysis.maxDocumentSize (${n(s.maxDocumentSize ?? 0)})`;
      document.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['pressmark.analysis.maxDocumentSize'] };
    } else {
      document.severity = vscode.LanguageStatusSeverity.Information;
      document.text = s.suggestions ? `${plural(s.suggestions, 'suggestion', 'suggestions')} left` : 'No suggestions left';
      document.detail = Object.entries(s.suggestionsByType)
        .map(([t, k]) => `${k} ${t}`)
        .join(', ');
      document.command = undefined;
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  function schedule(delay = 300): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, delay);
  }

  showState(client.state === State.Running ? State.Running : State.Starting); // registered just before client.start()
  context.subscriptions.push(
    server,
    kb,
    document,
    vscode.commands.registerCommand('pressmark.showOutput', () => output.show(true)),
    client.onDidChangeState((e) => {
      showState(e.newState);
      if (e.newState === State.Running) schedule(0);
    }),
    vscode.window.onDidChangeActiveTextEditor(() => schedule(0)),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) schedule();
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
}
