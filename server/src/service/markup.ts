/**
 * Where the markup and the labels of a document are, for the client's decorations (markup
 * dimmed, labels coloured per type): `[`, `]{type:id attrs}` as markup, and each annotation's
 * label with its type. Read from the syntax tree only (so it works on a document above its size
 * limit too), and only for the annotations that meet the requested spans (the visible ranges).
 */
import type { PressDocument } from './model';
import type { Span } from './text';

export interface MarkupSpans {
  /** `[` and `]{...}` of every annotation met, in document order. */
  markup: Span[];
  /** Each label met (nested markup included), with its annotation type. */
  labels: Array<{ type: string; span: Span }>;
}

/** The markup and labels of the annotations that meet one of `within` (all when omitted). */
export function markupSpans(doc: PressDocument, within?: readonly Span[]): MarkupSpans {
  const out: MarkupSpans = { markup: [], labels: [] };
  const meets = (s: Span) => !within || within.some((w) => s.start <= w.end && s.end >= w.start);
  for (const a of doc.all) {
    if (!meets(a.span)) continue;
    out.markup.push({ start: a.open, end: a.open + 1 });
    if (a.span.end > a.close) out.markup.push({ start: a.close, end: a.span.end });
    if (a.labelSpan.end > a.labelSpan.start) out.labels.push({ type: a.type, span: a.labelSpan });
  }
  out.markup.sort((x, y) => x.start - y.start);
  return out;
}
