/**
 * YAML front matter: `---` on the first line (after an optional BOM) to a line `---` or `...`.
 * Parsed with the `yaml` package, which keeps source ranges for every node.
 */
import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import type { FrontMatter, FrontMatterEntry, SyntaxProblem } from './model';
import { snapSpan, type LineIndex, type Span } from './text';

const OPEN_RE = /^---[ \t]*$/;
const CLOSE_RE = /^(---|\.\.\.)[ \t]*$/;

/** Options that keep hostile YAML bounded (alias bombs) and strict (duplicate keys). */
export const SAFE_YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, maxAliasCount: 100 } as const;

function nodeSpan(node: YamlNode | null | undefined, base: number): Span | undefined {
  const r = node?.range;
  if (!r) return undefined;
  return { start: base + r[0], end: base + r[1] };
}

export function parseFrontMatter(text: string, bom: number, lines: LineIndex, problems: SyntaxProblem[]): FrontMatter | undefined {
  const firstLine = lines.positionAt(bom).line;
  if (!OPEN_RE.test(text.slice(bom, lines.lineEnd(firstLine)))) return undefined;
  let closeLine = -1;
  for (let l = firstLine + 1; l < lines.lineCount; l++) {
    if (CLOSE_RE.test(text.slice(lines.lineStart(l), lines.lineEnd(l)))) {
      closeLine = l;
      break;
    }
  }
  const contentStart = lines.lineStart(firstLine + 1);
  if (closeLine < 0) {
    const openSpan = { start: bom, end: lines.lineEnd(firstLine) };
    problems.push({
      code: 'frontmatter.unclosed',
      span: openSpan,
      message: 'The front matter is not closed: add a line `---` after it. Until then the text is read as body.',
      data: { insertAt: lines.lineEnd(firstLine) },
    });
    return {
      span: { start: bom, end: Math.min(text.length, contentStart) },
      contentSpan: { start: contentStart, end: contentStart },
      closed: false,
      data: {},
      entries: [],
    };
  }
  const contentEnd = lines.lineStart(closeLine);
  const end = closeLine + 1 < lines.lineCount ? lines.lineStart(closeLine + 1) : text.length;
  const fm: FrontMatter = {
    span: { start: bom, end },
    contentSpan: { start: contentStart, end: contentEnd },
    closed: true,
    data: {},
    entries: [],
  };
  const content = text.slice(contentStart, contentEnd);
  if (content.trim() === '') return fm;
  try {
    const doc = parseDocument(content, SAFE_YAML_OPTIONS);
    for (const err of doc.errors) {
      const dup = err.code === 'DUPLICATE_KEY';
      // Keep the range inside the front matter (an unclosed flow collection is reported at its end).
      let s = Math.min(contentStart + err.pos[0], contentEnd - 1);
      let e = Math.max(Math.min(contentStart + err.pos[1], contentEnd), s + 1);
      if (dup) while (e < contentEnd && !/[:\s]/.test(text[e])) e++; // the whole key
      if (text[s] === '\n' && s > contentStart) s--, e = s + 1;
      problems.push({
        code: dup ? 'frontmatter.duplicate-key' : 'frontmatter.invalid-yaml',
        span: snapSpan(text, { start: s, end: e }),
        message: `Front matter: ${err.message.split('\n')[0]}`,
      });
    }
    const root = doc.contents;
    if (root && !isMap(root)) {
      problems.push({
        code: 'frontmatter.not-a-mapping',
        span: nodeSpan(root as YamlNode, contentStart) ?? fm.contentSpan,
        message: 'The front matter must be a mapping of `key: value` lines.',
      });
      return fm;
    }
    if (isMap(root)) {
      const entries: FrontMatterEntry[] = [];
      const data: Record<string, unknown> = {};
      for (const pair of root.items) {
        const keyNode = pair.key as YamlNode | null;
        if (!isScalar(keyNode)) continue;
        const key = String(keyNode.value);
        let value: unknown;
        try {
          value = isScalar(pair.value) ? pair.value.value : (pair.value as YamlNode | null)?.toJSON?.() ?? null;
        } catch {
          value = undefined; // e.g. an alias past maxAliasCount: reported in doc.errors already
        }
        const keySpan = nodeSpan(keyNode, contentStart) ?? fm.contentSpan;
        entries.push({ key, keySpan, valueSpan: nodeSpan(pair.value as YamlNode | null, contentStart), value });
        if (!(key in data)) data[key] = value;
      }
      fm.entries = entries;
      fm.data = data; // what parsed; errors are reported above
    }
  } catch (e) {
    problems.push({ code: 'frontmatter.invalid-yaml', span: fm.contentSpan, message: `Front matter: ${String(e)}` });
  }
  return fm;
}
