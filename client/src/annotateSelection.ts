/**
 * "Pressmark: Annotate Selection as..." (ctrl+alt+a / cmd+alt+a on a selection, and the code
 * action the server offers on one): pick the type, then the entity (the knowledge base searched
 * as you type, the label's best matches first), a new entity (added to the workspace knowledge
 * base) or, for a date, the value the dates engine reads; the selection becomes `[words]{type:id}`.
 * Keyboard only. The server checks the selection and builds the edit (server/src/service/annotateSelection.ts).
 */
import * as vscode from 'vscode';
import type { LanguageClient, StaticFeature } from 'vscode-languageclient/node';

export const ANNOTATE_SELECTION_COMMAND = 'pressmark.annotateSelection';

type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };
interface SelectionType {
  name: string;
  description: string;
  id: 'required' | 'optional' | 'none';
  timex: boolean;
}
type Check = { ok: true; label: string; types?: SelectionType[]; parent?: { type: string; label: string } } | { ok: false; reason: string };
interface Choice {
  type: string;
  id: string;
  name: string;
  description?: string;
  attributes?: Record<string, string>;
}
interface Choices {
  choices: Choice[];
  newEntity?: { type: string; id: string; name: string };
  idOptional: boolean;
  labelNamed?: boolean;
}
type Item = vscode.QuickPickItem & { choice?: Choice; kind2?: 'new' | 'none' };

/** Tells the server the client has the command, so that it offers it as a code action; registers the command. */
export function registerAnnotateSelection(context: vscode.ExtensionContext, client: LanguageClient): void {
  const feature: StaticFeature = {
    fillClientCapabilities: (caps) => {
      caps.experimental = { ...(caps.experimental as object | undefined), pressmark: { ...((caps.experimental as { pressmark?: object } | undefined)?.pressmark ?? {}), annotateSelection: true } };
    },
    initialize: () => undefined,
    getState: () => ({ kind: 'static' }),
    clear: () => undefined,
  };
  client.registerFeature(feature);
  context.subscriptions.push(vscode.commands.registerCommand(ANNOTATE_SELECTION_COMMAND, (uri?: unknown, range?: LspRange) => annotateSelection(client, uri, range)));
}

async function annotateSelection(client: LanguageClient, uriArg: unknown, rangeArg: LspRange | undefined): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const document = typeof uriArg === 'string' ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriArg) : editor?.document;
  if (!document || document.languageId !== 'pressmark') return void vscode.window.showInformationMessage('Open a .press document and select the words to annotate.');
  const sel = rangeArg ?? (editor && editor.document === document ? editor.selection : undefined);
  if (!sel) return;
  const range: LspRange = { start: { line: sel.start.line, character: sel.start.character }, end: { line: sel.end.line, character: sel.end.character } };
  const uri = document.uri.toString();
  const version = document.version;
  const check = await client.sendRequest<(Check & { types?: SelectionType[] }) | null>('pressmark/checkSelection', { uri, range });
  if (!check) return void vscode.window.showWarningMessage('Pressmark: the server did not answer; is it running?');
  if (!check.ok) return void vscode.window.showWarningMessage(`Cannot annotate the selection: ${check.reason}`);
  const label = check.label.length > 40 ? check.label.slice(0, 39) + '…' : check.label;
  const typePick = await vscode.window.showQuickPick(
    (check.types ?? []).map((t) => ({ label: t.name, description: t.description, type: t })),
    { title: `Annotate “${label}” as...`, placeHolder: check.parent ? `Nested inside the ${check.parent.type} “${check.parent.label}”. Type of the annotation` : 'Type of the annotation', matchOnDescription: false },
  );
  if (!typePick) return;
  const type = typePick.type;
  let request: { type: string; id?: string; attributes?: Record<string, string>; newEntity?: { name: string } } = { type: type.name };
  if (type.id !== 'none') {
    const picked = await pickEntity(client, uri, range, type, label);
    if (!picked) return;
    request = picked;
  }
  if (document.version !== version) return void vscode.window.showWarningMessage('Pressmark: the document changed meanwhile; select the words again.');
  const result = await client.sendRequest<{ edit: unknown } | { reason: string } | null>('pressmark/annotateSelection', { uri, range, request });
  if (!result) return;
  if ('reason' in result) return void vscode.window.showWarningMessage(`Cannot annotate the selection: ${result.reason}`);
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
  if (!edit) return;
  // Knowledge-base files the edit touches that were not being edited are saved, so the entity lasts.
  const others = edit.entries().map(([u]) => u).filter((u) => u.toString() !== uri);
  const clean = others.filter((u) => !vscode.workspace.textDocuments.some((d) => d.uri.toString() === u.toString() && d.isDirty));
  if (!(await vscode.workspace.applyEdit(edit))) return void vscode.window.showErrorMessage('Pressmark: the annotation could not be applied.');
  for (const u of clean) {
    const d = vscode.workspace.textDocuments.find((x) => x.uri.toString() === u.toString());
    if (d?.isDirty) await d.save();
  }
  if (request.newEntity && others.length) void vscode.window.setStatusBarMessage(`Pressmark: ${type.name} ${request.id} added to ${vscode.workspace.asRelativePath(others[0])}`, 6000);
}

/** The entity (or value) quick pick: the server's ranking for what is typed, "New entity…", "(no id)". */
async function pickEntity(client: LanguageClient, uri: string, range: LspRange, type: SelectionType, label: string): Promise<{ type: string; id?: string; attributes?: Record<string, string>; newEntity?: { name: string } } | undefined> {
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = `Annotate “${label}” as ${type.name}`;
  qp.placeholder = type.timex ? 'The value (Enter takes the one read in the words)' : 'Search the knowledge base (the best matches of the words first)';
  qp.matchOnDescription = true;
  let latest = 0;
  let newEntity: Choices['newEntity'];
  const refresh = async (query: string): Promise<void> => {
    const mine = ++latest;
    qp.busy = true;
    const r = await client.sendRequest<Choices | null>('pressmark/selectionChoices', { uri, range, type: type.name, query }).catch(() => null);
    if (mine !== latest) return;
    qp.busy = false;
    newEntity = r?.newEntity;
    const items: Item[] = (r?.choices ?? []).map((c) => ({
      label: type.timex ? c.id : c.name,
      description: type.timex ? `${c.name}${c.type !== type.name ? ` (${c.type})` : ''}` : c.id,
      detail: c.description,
      alwaysShow: true,
      choice: c,
    }));
    if (!type.timex && newEntity) {
      const item: Item = { label: '$(add) New entity…', description: `${type.name} ${newEntity.id}: add “${newEntity.name}” to the workspace knowledge base`, alwaysShow: true, kind2: 'new' };
      // A name the knowledge base does not know: the new entity first; else after the matches.
      if (!r?.labelNamed && query.trim() === '') items.unshift(item);
      else items.push(item);
    }
    if (r?.idOptional) items.push({ label: type.timex ? '(no value)' : '(no id)', description: `{${type.name}}`, alwaysShow: true, kind2: 'none' });
    qp.items = items;
  };
  const done = new Promise<Item | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0] ?? qp.activeItems[0]));
    qp.onDidHide(() => resolve(undefined));
  });
  qp.onDidChangeValue((v) => void refresh(v));
  qp.show();
  await refresh('');
  const item = await done;
  qp.dispose();
  if (!item) return undefined;
  if (item.choice) return { type: item.choice.type, id: item.choice.id, attributes: item.choice.attributes };
  if (item.kind2 === 'none') return { type: type.name };
  if (item.kind2 !== 'new' || !newEntity) return undefined;
  const id = await vscode.window.showInputBox({
    title: `New ${type.name} “${newEntity.name}”`,
    prompt: 'Its id in the workspace knowledge base (Enter keeps the proposed one)',
    value: newEntity.id,
    validateInput: (v) => (/^\S+$/.test(v) && !/[[\]{}"=\\]/.test(v) ? undefined : 'An id has no spaces and none of [ ] { } " = \\'),
  });
  if (!id) return undefined;
  return { type: type.name, id, newEntity: { name: newEntity.name } };
}
