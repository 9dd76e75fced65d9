/**
 * The parser: text in, a syntax tree and problems out, for every input. It never throws.
 *
 * One pass over the body with a stack of open `[`. See docs/format.md for the grammar and
 * the decisions behind it (paragraph-bounded annotations, plain-text brackets, recovery).
 */
import type { Annotation, Attribute, PressDocument, SyntaxProblem } from './model';
import { parseFrontMatter } from './frontMatter';
import { LineIndex, type Span } from './text';

const BACKSLASH = 92;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const CR = 13;
const LF = 10;
const QUOTE = 34;

export const ESCAPABLE = '[]{}\\';

const TYPE_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
const KEY_RE = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** The characters parseBody acts on; everything between them is plain text. */
const SPECIAL = /[\n\r\\[\]{]/g;

interface Frame {
  open: number;
  children: Annotation[];
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function isEscapable(c: number): boolean {
  return c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE || c === BACKSLASH;
}

/** Resolves the escapes of a stretch of text: `\[` → `[`; other backslashes stay. */
export function unescapeText(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH && i + 1 < s.length && isEscapable(s.charCodeAt(i + 1))) {
      out += s[i + 1];
      i++;
    } else {
      out += s[i];
    }
  }
  return out;
}

/** Escapes text so that it reads as plain text in a .press body. */
export function escapeText(s: string): string {
  return s.replace(/[[\]{}\\]/g, (c) => '\\' + c);
}

interface SpecToken {
  text: string;
  span: Span;
  /** Offset of the first `=` outside quotes, or -1. */
  eq: number;
  /** A quoted part was not terminated. */
  unterminatedQuote: boolean;
}

interface SpecScan {
  tokens: SpecToken[];
  /** Offset of the closing `}`, or -1 when the spec is unclosed. */
  close: number;
  /** Where scanning stopped. */
  end: number;
}

/** Scans a spec from `from` (just after `{`) to `}`; it never crosses a line break. */
function scanSpec(text: string, from: number): SpecScan {
  const tokens: SpecToken[] = [];
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === RBRACE) return { tokens, close: i, end: i + 1 };
    if (c === CR || c === LF || c === LBRACE || c === LBRACKET) break;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    let eq = -1;
    let unterminatedQuote = false;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (isSpace(d) || d === RBRACE || d === CR || d === LF || d === LBRACE || d === LBRACKET) break;
      if (d === 61 /* = */ && eq < 0) eq = i;
      if (d === QUOTE) {
        i++;
        let closed = false;
        while (i < n) {
          const e = text.charCodeAt(i);
          if (e === CR || e === LF) break;
          if (e === BACKSLASH && i + 1 < n && text.charCodeAt(i + 1) !== CR && text.charCodeAt(i + 1) !== LF) {
            i += 2;
            continue;
          }
          i++;
          if (e === QUOTE) {
            closed = true;
            break;
          }
        }
        if (!closed) unterminatedQuote = true;
        continue;
      }
      i++;
    }
    tokens.push({ text: text.slice(start, i), span: { start, end: i }, eq, unterminatedQuote });
  }
  return { tokens, close: -1, end: i };
}

function unquote(v: string): string {
  if (v.length >= 2 && v.charCodeAt(0) === QUOTE && v.charCodeAt(v.length - 1) === QUOTE) {
    return v.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return v;
}

/** Whether `{` at offset starts something that reads as an annotation spec (`{type...}`). */
function looksLikeSpec(text: string, brace: number): SpecScan | undefined {
  const scan = scanSpec(text, brace + 1);
  if (scan.close < 0 || scan.tokens.length === 0) return undefined;
  const first = scan.tokens[0];
  if (first.span.start !== brace + 1) return undefined; // `{ x}` is prose, not markup
  const colon = first.text.indexOf(':');
  const type = colon < 0 ? first.text : first.text.slice(0, colon);
  if (!TYPE_RE.test(type) || first.eq >= 0) return undefined;
  return scan;
}

class Parser {
  readonly problems: SyntaxProblem[] = [];
  readonly escapes: Span[] = [];
  readonly all: Annotation[] = [];

  constructor(private readonly text: string) {}

  problem(code: string, span: Span, message: string, data?: Record<string, unknown>): void {
    this.problems.push(data ? { code, span, message, data } : { code, span, message });
  }

  parseBody(start: number): Annotation[] {
    const text = this.text;
    const n = text.length;
    const stack: Frame[] = [{ open: -1, children: [] }];
    let lineHasText = false;
    let i = start;
    const dropOpenFrames = (): void => {
      // Unmatched `[` are plain text; what was annotated inside them belongs to the parent.
      while (stack.length > 1) {
        const f = stack.pop()!;
        stack[stack.length - 1].children.push(...f.children);
      }
    };
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (c) {
        case LF:
        case CR: {
          if (c === CR && text.charCodeAt(i + 1) === LF) i++;
          if (!lineHasText) dropOpenFrames(); // a blank line ends the paragraph
          lineHasText = false;
          i++;
          continue;
        }
        case BACKSLASH:
          lineHasText = true;
          if (i + 1 < n && isEscapable(text.charCodeAt(i + 1))) {
            this.escapes.push({ start: i, end: i + 2 });
            i += 2;
          } else {
            i++;
          }
          continue;
        case LBRACKET:
          lineHasText = true;
          stack.push({ open: i, children: [] });
          i++;
          continue;
        case RBRACKET: {
          lineHasText = true;
          if (stack.length > 1) {
            const frame = stack.pop()!;
            const parent = stack[stack.length - 1];
            if (text.charCodeAt(i + 1) === LBRACE) {
              const ann = this.annotation(frame, i, stack.length - 1);
              parent.children.push(ann);
              i = ann.span.end;
            } else {
              parent.children.push(...frame.children); // `[sic]`: plain brackets
              i++;
            }
            continue;
          }
          if (text.charCodeAt(i + 1) === LBRACE) {
            const spec = looksLikeSpec(text, i + 1);
            if (spec) {
              this.problem(
                'syntax.unopened-label',
                { start: i, end: spec.end },
                'This `]` closes no label: put `[` where the annotated words start.',
                { close: i },
              );
              i = spec.end;
              continue;
            }
          }
          i++;
          continue;
        }
        case LBRACE: {
          lineHasText = true;
          if (stack.length > 1) {
            const spec = looksLikeSpec(text, i);
            if (spec) {
              const frame = stack.pop()!;
              stack[stack.length - 1].children.push(...frame.children);
              // `[label{type}` or `[label {type}`: the `]` is missing.
              let insertAt = i;
              while (insertAt > frame.open + 1 && isSpace(text.charCodeAt(insertAt - 1))) insertAt--;
              this.problem(
                'syntax.unclosed-label',
                { start: frame.open, end: spec.end },
                'The label is not closed: add `]` before `{`.',
                { insertAt, brace: i },
              );
              i = spec.end;
              continue;
            }
          }
          i++;
          continue;
        }
        default: {
          // plain text: jump to the next character that matters (a regex search is far faster
          // than this loop), noting whether the line has text
          SPECIAL.lastIndex = i + 1;
          const j = SPECIAL.test(text) ? SPECIAL.lastIndex - 1 : n;
          if (!lineHasText) {
            for (let k = i; k < j; k++) {
              if (!isSpace(text.charCodeAt(k))) {
                lineHasText = true;
                break;
              }
            }
          }
          i = j;
        }
      }
    }
    dropOpenFrames();
    return stack[0].children;
  }

  /** Builds the annotation closed by `]` at `close`, whose spec starts at close + 1. */
  annotation(frame: Frame, close: number, depth: number): Annotation {
    const text = this.text;
    const brace = close + 1;
    const scan = scanSpec(text, brace + 1);
    const specClosed = scan.close >= 0;
    let tokens = scan.tokens;
    if (!specClosed) {
      // An unclosed spec takes the type token and what reads as attributes; the rest is text.
      const kept: SpecToken[] = [];
      for (const [k, t] of tokens.entries()) {
        if (k > 0 && (t.eq <= t.span.start || t.unterminatedQuote)) break;
        kept.push(t);
      }
      tokens = kept;
    }
    const specEnd = specClosed ? scan.close : tokens.length ? tokens[tokens.length - 1].span.end : brace + 1;
    const end = specClosed ? scan.close + 1 : specEnd;
    const specSpan = { start: brace + 1, end: specEnd };
    const span = { start: frame.open, end };

    let type = '';
    let typeSpan: Span = { start: brace + 1, end: brace + 1 };
    let id: string | undefined;
    let idSpan: Span | undefined;
    const attributes: Attribute[] = [];
    const first = tokens[0];
    let rest = tokens;
    if (first && first.span.start === brace + 1 && first.eq < 0) {
      rest = tokens.slice(1);
      const colon = first.text.indexOf(':');
      type = colon < 0 ? first.text : first.text.slice(0, colon);
      typeSpan = { start: first.span.start, end: first.span.start + type.length };
      if (colon >= 0) {
        id = first.text.slice(colon + 1);
        idSpan = { start: first.span.start + colon + 1, end: first.span.end };
      }
    } else if (first && first.span.start === brace + 1 && first.text.startsWith(':')) {
      rest = tokens.slice(1);
    }

    if (!specClosed) {
      this.problem(
        'syntax.unclosed-spec',
        { start: brace, end: specEnd },
        'The annotation is not closed: add `}` after its type and attributes.',
        { insertAt: specEnd },
      );
    }
    if (type === '') {
      const leading = first && first.text.startsWith(':') ? first : undefined;
      if (leading) {
        id = leading.text.slice(1);
        idSpan = { start: leading.span.start + 1, end: leading.span.end };
      }
      this.problem(
        'syntax.missing-type',
        { start: brace, end },
        id ? 'The annotation has an id but no type: write `{type:id}`.' : 'The annotation has no type: write `{type}` or `{type:id}`.',
        { annotation: span },
      );
    } else if (!TYPE_RE.test(type)) {
      this.problem(
        'syntax.invalid-type',
        typeSpan,
        `\`${type}\` is not a valid type name: a type starts with a letter and has letters, digits, \`-\` or \`_\`.`,
      );
    }

    const seen = new Map<string, Attribute>();
    for (const t of rest) {
      if (t.eq <= t.span.start || t.unterminatedQuote) {
        this.problem(
          'syntax.invalid-attribute',
          t.span,
          t.unterminatedQuote
            ? `The quoted value in \`${t.text}\` is not closed.`
            : `\`${t.text}\` is not an attribute: write \`key=value\` (quote values with spaces).`,
        );
        continue;
      }
      const key = text.slice(t.span.start, t.eq);
      const raw = text.slice(t.eq + 1, t.span.end);
      if (!KEY_RE.test(key)) {
        this.problem('syntax.invalid-attribute', t.span, `\`${key}\` is not a valid attribute name.`);
        continue;
      }
      const attr: Attribute = {
        key,
        value: unquote(raw),
        span: t.span,
        keySpan: { start: t.span.start, end: t.eq },
        valueSpan: { start: t.eq + 1, end: t.span.end },
      };
      if (seen.has(key)) {
        this.problem('syntax.duplicate-attribute', t.span, `The attribute \`${key}\` is given twice; the first one counts.`, {
          remove: t.span,
        });
        continue;
      }
      seen.set(key, attr);
      attributes.push(attr);
    }

    const labelSpan = { start: frame.open + 1, end: close };
    const ann: Annotation = {
      span,
      open: frame.open,
      labelSpan,
      close,
      specSpan,
      specClosed,
      type,
      typeSpan,
      id,
      idSpan,
      attributes,
      children: frame.children,
      parent: undefined,
      text: '',
      depth,
    };
    ann.text = labelText(text, ann);
    if (ann.text.trim() === '') {
      this.problem('syntax.empty-label', span, 'The annotation has an empty label: it annotates no words.', {
        annotation: span,
      });
    }
    return ann;
  }
}

/** The label as a reader sees it: nested markup removed, escapes resolved. */
function labelText(text: string, ann: Annotation): string {
  let out = '';
  let pos = ann.labelSpan.start;
  for (const child of ann.children) {
    out += unescapeText(text.slice(pos, child.span.start));
    out += child.text;
    pos = child.span.end;
  }
  out += unescapeText(text.slice(pos, ann.labelSpan.end));
  return out;
}

function setParents(list: Annotation[], parent: Annotation | undefined, all: Annotation[], depth: number): void {
  for (const a of list) {
    a.parent = parent;
    a.depth = depth;
    all.push(a);
    setParents(a.children, a, all, depth + 1);
  }
}

/** Parses a .press document. Never throws. */
export function parse(text: string): PressDocument {
  const lines = new LineIndex(text);
  const problems: SyntaxProblem[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fm = parseFrontMatter(text, bom, lines, problems);
  const bodyStart = fm ? fm.span.end : bom;
  const parser = new Parser(text);
  let annotations: Annotation[] = [];
  try {
    annotations = parser.parseBody(bodyStart);
  } catch (e) {
    // Defensive: the scanner is total, but a bug must cost diagnostics, never the server.
    problems.push({ code: 'internal.error', span: { start: 0, end: 0 }, message: `Internal parser error: ${String(e)}` });
  }
  const all: Annotation[] = [];
  setParents(annotations, undefined, all, 0);
  problems.push(...parser.problems);
  problems.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { text, lines, frontMatter: fm, bodyStart, annotations, all, escapes: parser.escapes, problems };
}
