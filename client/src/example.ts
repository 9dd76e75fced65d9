/**
 * Getting started: "Pressmark: Open Example" opens the annotated seed shipped inside the
 * extension (examples/kazinform-2022-06-29.press). The installed file is never edited: with no
 * workspace folder, the example opens as an untitled copy; with one, the user picks that or a copy
 * into the workspace (`pressmark-example/`, with the example's knowledge base
 * `kazinform.kb.yaml`, so that every id resolves and the fixes that write files work). Files
 * already there are opened, not replaced.
 */
import * as vscode from 'vscode';

export const EXAMPLE_FILE = 'kazinform-2022-06-29.press';
export const EXAMPLE_KB = 'kazinform.kb.yaml';
const EXAMPLE_FOLDER = 'pressmark-example';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function openExample(context: vscode.ExtensionContext): Promise<void> {
  const examples = vscode.Uri.joinPath(context.extensionUri, 'examples');
  const press = vscode.Uri.joinPath(examples, EXAMPLE_FILE);
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(press));
  } catch {
    void vscode.window.showErrorMessage(`Pressmark: the example ${EXAMPLE_FILE} is missing from the extension.`);
    return;
  }
  const root = vscode.workspace.workspaceFolders?.[0];
  let intoWorkspace = false;
  if (root) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: 'Open an untitled copy', description: 'nothing is written', into: false },
        { label: `Copy into the workspace`, description: `${EXAMPLE_FOLDER}/ with its knowledge base (${EXAMPLE_KB})`, into: true },
      ],
      { title: 'Pressmark: Open Example', placeHolder: `The annotated release ${EXAMPLE_FILE}` },
    );
    if (!choice) return;
    intoWorkspace = choice.into;
  }
  if (!intoWorkspace || !root) {
    const doc = await vscode.workspace.openTextDocument({ language: 'pressmark', content: text });
    await vscode.window.showTextDocument(doc);
    return;
  }
  const folder = vscode.Uri.joinPath(root.uri, EXAMPLE_FOLDER);
  const target = vscode.Uri.joinPath(folder, EXAMPLE_FILE);
  for (const name of [EXAMPLE_KB, EXAMPLE_FILE]) {
    const to = vscode.Uri.joinPath(folder, name);
    if (!(await exists(to))) await vscode.workspace.fs.writeFile(to, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(examples, name)));
  }
  await vscode.window.showTextDocument(target);
}
