/**
 * Inlay hints after date annotations:
 * - an annotation with no value (`[Today]{date}`, `{date:}`) gets the value its label resolves
 *   to: `→ 2022-06-29` (`?` after a guess);
 * - a relative expression with a value (`[last Friday]{date:2022-06-24}`) gets the value in
 *   words: `= Friday, 24 June 2022`, so a reader sees which day it is without counting.
 * Only annotations in the requested range are normalized (the labels, never the whole text).
 */
import type { InlayHint } from 'vscode-languageserver-types';
import type { ProjectConfig } from './config';
import type { PressDocument } from './model';
import type { Span } from './text';
import { describeTimex, validateTimexValue } from './dates/timex';
import { annotationType, isRelative, labelText, normalizeLabel, timexTypeOf } from './checks/dates';
import { publicationDate } from './checks/frontMatter';

export function inlayHints(doc: PressDocument, span: Span, config: ProjectConfig): InlayHint[] {
  const out: InlayHint[] = [];
  const dct = publicationDate(doc);
  for (const a of doc.all) {
    if (a.span.end < span.start || a.span.start > span.end) continue;
    const type = timexTypeOf(a, config);
    const label = type ? labelText(a) : '';
    if (!type || !label) continue;
    const position = doc.lines.positionAt(a.span.end);
    if (!a.id) {
      if (!dct && isRelative(label)) continue; // nothing to resolve it against
      const n = normalizeLabel(doc, a, dct);
      if (!n) continue;
      const t = annotationType(n);
      const extra = [n.mod && `mod=${n.mod}`, n.quant && `quant=${n.quant}`, n.freq && `freq=${n.freq}`].filter(Boolean).join(' ');
      const d = describeTimex(t, n.value, n.mod, dct, { quant: n.quant, freq: n.freq });
      out.push({
        position,
        label: `→ ${t === type ? '' : t + ':'}${n.value}${extra ? ' ' + extra : ''}${n.confident ? '' : '?'}`,
        paddingLeft: true,
        tooltip: `${n.confident ? 'The label resolves to' : 'A guess: the label may resolve to'} ${d.text}.`,
      });
    } else if (validateTimexValue(type, a.id).ok && isRelative(label)) {
      const attr = (k: string) => a.attributes.find((x) => x.key === k)?.value;
      const d = describeTimex(type, a.id, attr('mod'), dct, { quant: attr('quant'), freq: attr('freq') });
      if (d.words !== a.id) out.push({ position, label: `= ${d.words}`, paddingLeft: true, tooltip: d.text });
    }
  }
  return out;
}
