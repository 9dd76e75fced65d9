/**
 * Workspace symbols: the entities annotated across the workspace's `.press` files, searched by
 * label or id. One symbol per entity and document, at its first annotation. Pure.
 */
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { IndexedDocument } from '../navigation';
import { DATE_TYPES } from '../mentions/suggestions';

const KIND: Record<string, SymbolKind> = {
  country: SymbolKind.Module,
  org: SymbolKind.Class,
  person: SymbolKind.Object,
  place: SymbolKind.Package,
};

export const MAX_WORKSPACE_SYMBOLS = 500;

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether every character of the query appears in order in the text (VS Code's own fuzzy rule), contiguous words first. */
function matches(query: string, text: string): number {
  if (!query) return 1;
  const t = fold(text);
  if (t.includes(query)) return t.startsWith(query) ? 3 : 2;
  let i = 0;
  for (const ch of t) if (ch === query[i]) i++;
  return i === query.length ? 1 : 0;
}

export function workspaceSymbols(query: string, docs: Iterable<IndexedDocument>, limit = MAX_WORKSPACE_SYMBOLS): SymbolInformation[] {
  const q = fold(query.replace(/\s+/g, ' ').trim());
  const scored: Array<{ s: SymbolInformation; score: number }> = [];
  for (const { uri, doc } of docs) {
    const seen = new Set<string>();
    for (const a of doc.all) {
      if (!a.type || DATE_TYPES.includes(a.type)) continue;
      const label = a.text.replace(/\s+/g, ' ').trim();
      if (!label) continue;
      const key = `${a.type}:${a.id ?? ''}:${a.id ? '' : label}`;
      if (seen.has(key)) continue;
      const score = Math.max(matches(q, label), a.id ? matches(q, a.id) : 0);
      if (!score) continue;
      seen.add(key);
      scored.push({
        score,
        s: {
          name: label,
          kind: KIND[a.type] ?? SymbolKind.Key,
          containerName: a.id ? `${a.type}:${a.id}` : a.type,
          location: { uri, range: doc.lines.range(a.labelSpan) },
        },
      });
      if (scored.length >= limit * 4) break;
    }
  }
  scored.sort((x, y) => y.score - x.score || x.s.name.localeCompare(y.s.name));
  return scored.slice(0, limit).map((x) => x.s);
}
