/** "Pressmark: Show Statistics" in a webview of its own (see statisticsHtml.ts for why). */
import * as vscode from 'vscode';
import { statisticsHtml } from './statisticsHtml';

let panel: vscode.WebviewPanel | undefined;

/** Shows the statistics' Markdown rendered, in one panel reused while it is open. */
export function showStatisticsView(markdown: string): void {
  if (panel) panel.reveal(undefined, false);
  else {
    panel = vscode.window.createWebviewPanel('pressmark.statistics', 'Pressmark statistics', vscode.ViewColumn.Active, { enableScripts: false, enableFindWidget: true });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.webview.html = statisticsHtml(markdown);
}
