/** Document symbols: the front matter with its keys, then the annotations grouped by type. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Annotation, PressDocument } from './model';

/**
 * The symbol kind of an annotation, per type. LSP has only programming kinds, and clients show
 * them by name (VS Code's Outline and `@:` quick outline: "(class)", "classes (3)") and icon, so
 * each type gets the kind whose name and icon mislead least, and the types stay apart:
 * a country is a `Module` (a self-contained unit among peers), a place a `Package` (a box on the
 * map), an organization a `Struct` (its icon a structure of units, its name "struct"; `Class`
 * said "class" and filed organizations with code classes, issue 14), a person an `Object` (an
 * individual), a date or a duration an `Event` (a lightning bolt: when). Other types: `Field`.
 */
const KIND: Record<string, SymbolKind> = {
  country: SymbolKind.Module,
  org: SymbolKind.Struct,
  person: SymbolKind.Object,
  place: SymbolKind.Package,
  date: SymbolKind.Event,
  time: SymbolKind.Event,
  duration: SymbolKind.Event,
  set: SymbolKind.Event,
};

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' ? '(empty label)' : t;
}

export function documentSymbols(doc: PressDocument): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const lines = doc.lines;
  const fm = doc.frontMatter;
  if (fm) {
    out.push({
      name: 'front matter',
      kind: SymbolKind.Namespace,
      range: lines.range(fm.span),
      selectionRange: lines.range({ start: fm.span.start, end: fm.span.start + 3 }),
      children: fm.entries.map((e) => ({
        name: e.key,
        detail: e.value === null || e.value === undefined ? '' : typeof e.value === 'object' ? JSON.stringify(e.value) : String(e.value),
        kind: SymbolKind.Property,
        range: lines.range({ start: e.keySpan.start, end: e.valueSpan?.end ?? e.keySpan.end }),
        selectionRange: lines.range(e.keySpan),
      })),
    });
  }
  const groups = new Map<string, Annotation[]>();
  for (const a of doc.all) {
    const key = a.type || '(no type)';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(a);
  }
  for (const [type, anns] of groups) {
    // loops, not Math.min(...spread): a document may hold 200,000 annotations of one type
    let start = anns[0].span.start;
    let end = anns[0].span.end;
    for (const a of anns) {
      if (a.span.start < start) start = a.span.start;
      if (a.span.end > end) end = a.span.end;
    }
    out.push({
      name: type,
      detail: `${anns.length} annotation${anns.length === 1 ? '' : 's'}`,
      kind: SymbolKind.Namespace,
      range: lines.range({ start, end }),
      selectionRange: lines.range(anns[0].labelSpan),
      children: anns.map((a) => ({
        name: oneLine(a.text),
        detail: a.id ?? '',
        kind: KIND[a.type] ?? SymbolKind.Field,
        range: lines.range(a.span),
        selectionRange: lines.range(a.labelSpan),
      })),
    });
  }
  return out;
}
