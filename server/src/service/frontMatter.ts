/**
 * YAML front matter: `---` on the first line (after an optional BOM) to a line `---` or `...`.
 * Parsed through the YAML guard (`yaml.ts`: size, nesting and entries bounded), which keeps
 * source ranges for every node.
 */
import { isMap, isScalar, type Node as YamlNode } from 'yaml';
import type { FrontMatter, FrontMatterEntry, SyntaxProblem } from './model';
import { snapSpan, type LineIndex, type Span } from './text';
import { FRONT_MATTER_LIMITS, parseYaml } from './yaml';

const OPEN_RE = /^---[ \t]*$/;
const CLOSE_RE = /^(---|\.\.\.)[ \t]*$/;

function nodeSpan(node: YamlNode | null | undefined, base: number): Span | undefined {
  const r = node?.range;
  if (!r) return undefined;
  return { start: base + r[0], end: base + r[1] };
}

/** A key of the fast path: what YAML reads as the same plain string. */
const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/**
 * A value of the fast path: a plain scalar that YAML's core schema reads as this very string —
 * no indicator or quote, no `:` or `#` (mappings, comments), no tab or control character, no
 * surrogate, starting with a letter or digit — and not a boolean, null or number (below).
 */
const SIMPLE_VALUE = /^[\p{L}\p{N}][^:#'"{}[\],&*!|>%@`\\\t\r\n\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]*$/u;
const YAML_NOT_STRING = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * Front matter of `key: value` lines only (what a release has: date, dateline, source, title),
 * read without the YAML parser, which costs a quarter of a millisecond per document: parsing
 * happens on every keystroke and for every file of a corpus. Anything else (quotes, lists,
 * comments, numbers, duplicate keys, blank or indented lines...) returns undefined and goes to
 * the YAML parser. The result equals the parser's (a property test holds them together).
 */
function simpleEntries(content: string, base: number): FrontMatterEntry[] | undefined {
  const entries: FrontMatterEntry[] = [];
  const seen = new Set<string>();
  let pos = 0;
  while (pos < content.length) {
    let eol = content.indexOf('\n', pos);
    if (eol < 0) eol = content.length;
    let line = content.slice(pos, eol);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const colon = line.indexOf(': ');
    if (colon <= 0) return undefined;
    const key = line.slice(0, colon);
    let vStart = colon + 2;
    while (line.charCodeAt(vStart) === 32) vStart++;
    let vEnd = line.length;
    while (vEnd > vStart && line.charCodeAt(vEnd - 1) === 32) vEnd--;
    const value = line.slice(vStart, vEnd);
    if (!SIMPLE_KEY.test(key) || seen.has(key) || !SIMPLE_VALUE.test(value) || YAML_NOT_STRING.test(value)) return undefined;
    seen.add(key);
    entries.push({
      key,
      keySpan: { start: base + pos, end: base + pos + colon },
      valueSpan: { start: base + pos + vStart, end: base + pos + vEnd },
      value,
    });
    pos = eol + 1;
  }
  return entries;
}

/** `yamlOnly`: skip the fast path (tests compare the two). */
export function parseFrontMatter(text: string, bom: number, lines: LineIndex, problems: SyntaxProblem[], yamlOnly = false): FrontMatter | undefined {
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
  // Past the guard's limits the YAML path refuses it, with the same problem for both paths.
  const simple = yamlOnly || content.length > FRONT_MATTER_LIMITS.maxLength ? undefined : simpleEntries(content, contentStart);
  if (simple && simple.length <= FRONT_MATTER_LIMITS.maxEntries) {
    fm.entries = simple;
    for (const e of simple) fm.data[e.key] = e.value;
    return fm;
  }
  try {
    const parsed = parseYaml(content, FRONT_MATTER_LIMITS);
    if (!parsed.ok) {
      const at = contentStart + parsed.span.start;
      problems.push({
        code: `frontmatter.${parsed.refusal}`,
        span: snapSpan(text, { start: at, end: Math.max(Math.min(contentStart + parsed.span.end, contentEnd), at) }),
        message: `The front matter ${parsed.message}: it is not read.`,
      });
      return fm;
    }
    const doc = parsed.doc;
    for (const err of parsed.errors) {
      const dup = err.code === 'DUPLICATE_KEY';
      // Keep the range inside the front matter (an unclosed flow collection is reported at its end).
      let s = Math.min(contentStart + err.pos[0], contentEnd - 1);
      let e = Math.max(Math.min(contentStart + err.pos[1], contentEnd), s + 1);
      if (dup) while (e < contentEnd && !/[:\s]/.test(text[e])) e++; // the whole key
      if (text[s] === '\n' && s > contentStart) s--, e = s + 1;
      problems.push({
        code: dup ? 'frontmatter.duplicate-key' : 'frontmatter.invalid-yaml',
        span: snapSpan(text, { start: s, end: e }),
        message: `Front matter: ${err.message}`,
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
