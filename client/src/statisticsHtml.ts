/**
 * The statistics' Markdown (server/src/service/assist/statistics.ts: headings, sentences, pipe
 * tables, inline code) as a self-contained HTML page for a webview. "Show Statistics" used the
 * Markdown preview, whose first use in a window activates the Markdown extension and its
 * language server and loads the preview's scripts (issue 14: "over 4 s"); a page without scripts
 * shows at once. Only the subset the statistics write is read; anything else is a paragraph of
 * escaped text. Pure (no `vscode`), so it is unit-tested.
 */

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline markup: `code`, **bold**, _emphasis_; everything else escaped. */
function inline(s: string): string {
  const out: string[] = [];
  const re = /`([^`]*)`|\*\*([^*]+)\*\*|(?<![\w\\])_([^_]+)_(?!\w)/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(escapeHtml(unescapeMd(s.slice(last, m.index))));
    if (m[1] !== undefined) out.push(`<code>${escapeHtml(m[1].replace(/\\\|/g, '|'))}</code>`);
    else if (m[2] !== undefined) out.push(`<strong>${escapeHtml(unescapeMd(m[2]))}</strong>`);
    else out.push(`<em>${escapeHtml(unescapeMd(m[3]))}</em>`);
    last = m.index + m[0].length;
  }
  out.push(escapeHtml(unescapeMd(s.slice(last))));
  return out.join('');
}

function unescapeMd(s: string): string {
  return s.replace(/\\([\\|`*_])/g, '$1');
}

/** The cells of a table row: split on `|` not escaped as `\|`, the outer pipes dropped. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cur = '';
  const t = row.trim().replace(/^\|/, '');
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\\' && i + 1 < t.length) {
      cur += t[i] + t[i + 1];
      i++;
    } else if (t[i] === '|') {
      out.push(cur.trim());
      cur = '';
    } else cur += t[i];
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function statisticsHtml(markdown: string, title = 'Pressmark statistics'): string {
  const body: string[] = [];
  const lines = markdown.split(/\r?\n/);
  let para: string[] = [];
  const flush = () => {
    if (para.length) body.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      body.push(`<h${h[1].length}>${inline(h[2])}</h${h[1].length}>`);
    } else if (/^\s*\|/.test(line) && i + 1 < lines.length && /^\s*\|(\s*:?-+:?\s*\|)+\s*$/.test(lines[i + 1])) {
      flush();
      const head = cells(line);
      const align = cells(lines[i + 1]).map((c) => (c.endsWith(':') ? ' class="num"' : ''));
      const rows: string[] = [];
      i += 2;
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(lines[i++]);
      i--;
      body.push(
        '<table>',
        `<thead><tr>${head.map((c, k) => `<th${align[k] ?? ''}>${inline(c)}</th>`).join('')}</tr></thead>`,
        '<tbody>',
        ...rows.map((r) => `<tr>${cells(r).map((c, k) => `<td${align[k] ?? ''}>${inline(c)}</td>`).join('')}</tr>`),
        '</tbody>',
        '</table>',
      );
    } else if (line.trim() === '') flush();
    else para.push(line.trim());
  }
  flush();
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // No scripts, no remote content: styles inline only.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">`,
    `<title>${escapeHtml(title)}</title>`,
    '<style>',
    'body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);padding:0 20px;line-height:1.5}',
    'table{border-collapse:collapse;margin:0.5em 0 1em}th,td{padding:2px 10px;border-bottom:1px solid var(--vscode-editorWidget-border,#8884);text-align:left}',
    '.num{text-align:right}code{font-family:var(--vscode-editor-font-family);background:var(--vscode-textCodeBlock-background,#8882);padding:0 3px;border-radius:3px}',
    '</style></head><body>',
    ...body,
    '</body></html>',
  ].join('\n');
}
