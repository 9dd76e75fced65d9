/** Folding ranges: the front matter, and annotations that span several lines. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { PressDocument } from './model';

export function foldingRanges(doc: PressDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const fm = doc.frontMatter;
  if (fm && fm.closed) {
    const startLine = doc.lines.positionAt(fm.span.start).line;
    const endLine = doc.lines.positionAt(Math.max(fm.span.start, fm.span.end - 1)).line;
    if (endLine > startLine) out.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  }
  for (const a of doc.all) {
    const s = doc.lines.positionAt(a.span.start).line;
    const e = doc.lines.positionAt(a.span.end).line;
    if (e > s) out.push({ startLine: s, endLine: e });
  }
  return out;
}
