/** Values of the known front-matter keys. */
import { publicationDateProblem } from '../calendar';
import type { FrontMatterEntry, PressDocument } from '../model';
import type { Check, Problem } from './check';

const TEXT_KEYS = new Set(['dateline', 'source', 'title', 'id']);
const LANGUAGE_RE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

function valueSpan(e: FrontMatterEntry) {
  return e.valueSpan ?? e.keySpan;
}

export const checkFrontMatter: Check = ({ doc }) => {
  const out: Problem[] = [];
  const fm = doc.frontMatter;
  if (!fm) return out;
  const seen = new Set<string>();
  for (const e of fm.entries) {
    if (seen.has(e.key)) continue; // duplicate keys are reported by the YAML parser
    seen.add(e.key);
    const v = e.value;
    if (e.key === 'date') {
      const why =
        typeof v === 'string'
          ? publicationDateProblem(v.trim())
          : v === null || v === undefined
            ? '`date` is empty.'
            : `${JSON.stringify(v)} is not a date of the form YYYY-MM-DD.`;
      if (why) {
        out.push({
          code: 'frontmatter.invalid-date',
          span: valueSpan(e),
          message: `The publication date is invalid: ${why} Relative dates are resolved against it.`,
        });
      }
    } else if (e.key === 'url') {
      let ok = false;
      if (typeof v === 'string') {
        try {
          ok = /^https?:$/.test(new URL(v).protocol);
        } catch {
          ok = false;
        }
      }
      if (!ok) out.push({ code: 'frontmatter.invalid-value', span: valueSpan(e), message: '`url` must be an http or https address.' });
    } else if (e.key === 'language') {
      if (typeof v !== 'string' || !LANGUAGE_RE.test(v)) {
        out.push({
          code: 'frontmatter.invalid-value',
          span: valueSpan(e),
          message: '`language` must be a language tag such as `en`, `ru` or `kk`.',
        });
      }
    } else if (TEXT_KEYS.has(e.key)) {
      if (v !== null && typeof v === 'object') {
        out.push({ code: 'frontmatter.invalid-value', span: valueSpan(e), message: `\`${e.key}\` must be a single line of text.` });
      }
    }
  }
  return out;
};

/** The publication date `YYYY-MM-DD` of a document, when its front matter has a valid one. */
export function publicationDate(doc: PressDocument): string | undefined {
  const v = doc.frontMatter?.data.date;
  if (typeof v !== 'string' || publicationDateProblem(v.trim())) return undefined;
  return v.trim().slice(0, 10);
}
