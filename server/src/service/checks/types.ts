/** Annotation types against the schema: unknown types, id required or forbidden. */
import { article, capitalize, quote, closest } from '../strings';
import type { Check, Problem } from './check';

export const checkTypes: Check = ({ doc, config }) => {
  const out: Problem[] = [];
  for (const a of doc.all) {
    if (a.type === '' || !/^[A-Za-z]/.test(a.type)) continue; // the parser reported it
    const def = config.types.get(a.type);
    if (!def) {
      const suggestions = closest(a.type, config.types.keys(), Math.max(1, Math.min(3, Math.floor(a.type.length / 2))));
      const hint = suggestions.length ? ` Did you mean ${suggestions.map(quote).join(' or ')}?` : '';
      out.push({
        code: 'syntax.unknown-type',
        span: a.typeSpan,
        message: `Unknown annotation type ${quote(a.type)}.${hint} Types: ${[...config.types.keys()].join(', ')}.`,
        data: { type: a.type, suggestions },
      });
      continue;
    }
    const hasId = a.id !== undefined && a.id !== '';
    if (def.id === 'required' && !hasId) {
      out.push({
        code: 'annotation.missing-id',
        span: a.typeSpan,
        message: `${capitalize(article(def.name))} ${quote(def.name)} annotation needs an id: write {${def.name}:ID}.`,
        data: { type: def.name, annotation: { start: a.span.start, end: a.span.end } },
      });
    } else if (def.id === 'none' && hasId && a.idSpan) {
      out.push({
        code: 'annotation.unexpected-id',
        span: a.idSpan,
        message: `${capitalize(article(def.name))} ${quote(def.name)} annotation takes no id.`,
        data: { remove: { start: a.typeSpan.end, end: a.idSpan.end } },
      });
    }
  }
  return out;
};
