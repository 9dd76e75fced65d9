/**
 * Scraped releases (`.txt`) as a language of their own, `pressmark-release`, so that they open
 * with word wrap (configurationDefaults `[pressmark-release]`) and offer "Import Press Release"
 * without touching every plain-text file (`[plaintext]` would be far too broad). Files named
 * `*.release.txt` get it from package.json; a plain-text file whose first line starts with the
 * scraper's `date YYYY-MM-DD` prefix is switched to it here when it opens.
 */
import * as vscode from 'vscode';

export const RELEASE_LANGUAGE = 'pressmark-release';
/** The scraped form's first words (server/src/service/corpus/raw.ts): `date 2022-06-29 NUR-SULTAN. KAZINFORM - …`. */
export const RELEASE_FIRST_LINE = /^\s*date \d{4}-\d{2}-\d{2}\s/;

function adopt(doc: vscode.TextDocument): void {
  if (doc.languageId !== 'plaintext' || doc.uri.scheme !== 'file' || !/\.txt$/i.test(doc.uri.path)) return;
  if (doc.lineCount === 0 || !RELEASE_FIRST_LINE.test(doc.lineAt(0).text.slice(0, 200))) return;
  void vscode.languages.setTextDocumentLanguage(doc, RELEASE_LANGUAGE);
}

export function registerReleaseText(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(adopt));
  vscode.workspace.textDocuments.forEach(adopt);
}
