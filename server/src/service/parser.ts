/**
 * The parser: text in, a syntax tree and problems out, for every input. It never throws.
 *
 * One pass over the body with a stack of at most MAX_NESTING open `[`. See docs/format.md for
 * the grammar and the decisions behind it (paragraph-bounded annotations, plain-text brackets,
 * the id syntax, bounded nesting, recovery). Linear in the text: no recursion, no spread of an
 * unbounded array, no scan retried from many starts (bench/shapes/parser.js measures the shapes
 * that once were not).
 */
import { walk, type Annotation, type Attribute, type PressDocument, type SyntaxProblem } from './model';
import { parseFrontMatter } from './frontMatter';
import { idProblem } from './ids';
import { LineIndex, type Span } from './text';

const BACKSLASH = 92;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const CR = 13;
const LF = 10;
const QUOTE = 34;
const COLON = 58;
const EQUALS = 61;

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
  /** Offset of the token's first `=`, or -1. */
  eq: number;
  /** Offset of the token's first `:` when it comes before any `=`, or -1. */
  colon: number;
  /** A quoted value was not terminated. */
  unterminatedQuote: boolean;
  /** Where the quoted value (`"` right after the first `=`) ends, just after its closing `"`; -1 when none. */
  quoteEnd: number;
}

interface SpecScan {
  tokens: SpecToken[];
  /** Offset of the closing `}`, or -1 when the spec is unclosed. */
  close: number;
  /** Where scanning stopped. */
  end: number;
}

/**
 * Whether a spec's first token is its `type` or `type:id` token: it starts right after `{` and
 * has no `=` before its first `:` (`{person:b=ob}` is the type `person` with the invalid id
 * `b=ob`; `{k=v}` is an attribute and no type).
 */
function isTypeToken(t: SpecToken, brace: number): boolean {
  return t.span.start === brace + 1 && (t.eq < 0 || t.colon >= 0);
}

/** A quoted value's text: the quotes removed, `\"` and `\\` (any escaped character) resolved. */
function unquote(v: string): string {
  return v.slice(1, -1).replace(/\\([\s\S])/g, '$1');
}

/** Whether `c` ends a spec token (and `{`, `[`, a line break or `}` the spec). */
function endsToken(c: number): boolean {
  return isSpace(c) || c === RBRACE || c === CR || c === LF || c === LBRACE || c === LBRACKET;
}

/** The maximum number of `[` open at once (docs/format.md, "Nesting"). */
export const MAX_NESTING = 16;

class Parser {
  readonly problems: SyntaxProblem[] = [];
  readonly escapes: Span[] = [];
  /** The last quoted value scanned: a spec can be scanned twice (`{` in a label, then as a spec). */
  private lastQuote = { open: -1, end: -1, closed: false };

  constructor(private readonly text: string) {}

  problem(code: string, span: Span, message: string, data?: Record<string, unknown>): void {
    this.problems.push(data ? { code, span, message, data } : { code, span, message });
  }

  /**
   * The end of a quoted value whose `"` is at `open`: just after its closing `"`, or the end of
   * the line when it has none. A backslash escapes the character after it. Quoted values start
   * only at `="`, which no quoted value can contain unescaped, so the quoted values of different
   * specs never overlap and every character is scanned a bounded number of times.
   */
  quoted(open: number): { end: number; closed: boolean } {
    const last = this.lastQuote;
    if (last.open === open) return last;
    const text = this.text;
    const n = text.length;
    let i = open + 1;
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
    this.lastQuote = { open, end: i, closed };
    return this.lastQuote;
  }

  /**
   * Scans a spec from `from` (just after `{`) to `}`; it never crosses a line break. Tokens are
   * separated by spaces and tabs. A `"` opens a quoted value only right after the first `=` of
   * an attribute token; anywhere else (in the `type:id` token above all) it is a character.
   */
  scanSpec(from: number): SpecScan {
    const text = this.text;
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
      const first = start === from;
      let eq = -1;
      let colon = -1;
      let unterminatedQuote = false;
      let quoteEnd = -1;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (endsToken(d)) break;
        if (d === COLON && colon < 0 && eq < 0) colon = i;
        if (d === EQUALS && eq < 0) {
          eq = i;
          // In the first token, a `:` before the `=` makes it `type:id`: the `=` is part of the id.
          if (!(first && colon >= 0) && text.charCodeAt(i + 1) === QUOTE) {
            const q = this.quoted(i + 1);
            if (!q.closed) unterminatedQuote = true;
            i = quoteEnd = q.end;
            continue;
          }
        }
        i++;
      }
      tokens.push({ text: text.slice(start, i), span: { start, end: i }, eq, colon, unterminatedQuote, quoteEnd });
    }
    return { tokens, close: -1, end: i };
  }

  /** Whether `{` at offset starts something that reads as an annotation spec (`{type...}`). */
  looksLikeSpec(brace: number): SpecScan | undefined {
    const scan = this.scanSpec(brace + 1);
    if (scan.close < 0 || scan.tokens.length === 0) return undefined;
    const first = scan.tokens[0];
    if (!isTypeToken(first, brace)) return undefined; // `{ x}` is prose, `{k=v}` no type
    const type = first.colon < 0 ? first.text : first.text.slice(0, first.colon - first.span.start);
    return TYPE_RE.test(type) ? scan : undefined;
  }

  /**
   * The tokens of the spec whose `{` is at `brace`, and where the annotation ends. An unclosed
   * spec takes the type token and what reads as attributes; the rest is text.
   */
  specAt(brace: number): { tokens: SpecToken[]; specClosed: boolean; specEnd: number; end: number } {
    const scan = this.scanSpec(brace + 1);
    const specClosed = scan.close >= 0;
    let tokens = scan.tokens;
    if (!specClosed) {
      const kept: SpecToken[] = [];
      for (const [k, t] of tokens.entries()) {
        if (k > 0 && (t.eq <= t.span.start || t.unterminatedQuote)) break;
        kept.push(t);
      }
      tokens = kept;
    }
    const specEnd = specClosed ? scan.close : tokens.length ? tokens[tokens.length - 1].span.end : brace + 1;
    return { tokens, specClosed, specEnd, end: specClosed ? scan.close + 1 : specEnd };
  }

  parseBody(start: number): Annotation[] {
    const text = this.text;
    const n = text.length;
    const stack: Frame[] = [{ open: -1, children: [] }];
    // `[` dropped from the bottom of the stack when more than MAX_NESTING were open (their
    // offsets, the latest last); a `]` with no open `[` closes the latest of them.
    const dropped: number[] = [];
    let deepReported = false;
    let lineHasText = false;
    let i = start;
    const dropOpenFrames = (): void => {
      // Unmatched `[` are plain text; what was annotated inside them belongs to the parent.
      while (stack.length > 1) {
        const f = stack.pop()!;
        appendAll(stack[stack.length - 1].children, f.children);
      }
      dropped.length = 0;
      deepReported = false;
    };
    const tooDeep = (open: number, end: number): void => {
      // Once per paragraph: one is enough to say what is wrong, and a hostile text gets one.
      if (deepReported) return;
      deepReported = true;
      this.problem(
        'syntax.too-deep',
        { start: open, end },
        `Annotations nest at most ${MAX_NESTING} deep: this one is inside ${MAX_NESTING} other brackets, so its brackets and spec are read as text.`,
      );
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
          if (stack.length > MAX_NESTING) {
            // The oldest open `[` becomes text: it matters only if it is closed after the
            // MAX_NESTING brackets inside it are, which no real annotation does.
            const oldest = stack.splice(1, 1)[0];
            appendAll(stack[0].children, oldest.children);
            dropped.push(oldest.open);
          }
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
              appendAll(parent.children, frame.children); // `[sic]`: plain brackets
              i++;
            }
            continue;
          }
          if (dropped.length) {
            const open = dropped.pop()!;
            if (text.charCodeAt(i + 1) === LBRACE) {
              const end = this.specAt(i + 1).end;
              tooDeep(open, end);
              i = end;
            } else {
              i++;
            }
            continue;
          }
          if (text.charCodeAt(i + 1) === LBRACE) {
            const spec = this.looksLikeSpec(i + 1);
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
          if (stack.length > 1 || dropped.length) {
            const spec = this.looksLikeSpec(i);
            if (spec) {
              if (stack.length > 1) {
                const frame = stack.pop()!;
                appendAll(stack[stack.length - 1].children, frame.children);
                // `[label{type}` or `[label {type}`: the `]` is missing.
                let insertAt = i;
                while (insertAt > frame.open + 1 && isSpace(text.charCodeAt(insertAt - 1))) insertAt--;
                this.problem(
                  'syntax.unclosed-label',
                  { start: frame.open, end: spec.end },
                  'The label is not closed: add `]` before `{`.',
                  { insertAt, brace: i },
                );
              } else {
                tooDeep(dropped.pop()!, spec.end);
              }
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
    const { tokens, specClosed, specEnd, end } = this.specAt(brace);
    const specSpan = { start: brace + 1, end: specEnd };
    const span = { start: frame.open, end };

    let type = '';
    let typeSpan: Span = { start: brace + 1, end: brace + 1 };
    let id: string | undefined;
    let idSpan: Span | undefined;
    const attributes: Attribute[] = [];
    const first = tokens[0];
    // the attribute tokens: tokens[from..] (no copy of the list)
    let from = 0;
    if (first && isTypeToken(first, brace)) {
      from = 1;
      const colon = first.colon < 0 ? -1 : first.colon - first.span.start;
      type = colon < 0 ? first.text : first.text.slice(0, colon);
      typeSpan = { start: first.span.start, end: first.span.start + type.length };
      if (colon >= 0) {
        id = first.text.slice(colon + 1);
        idSpan = { start: first.span.start + colon + 1, end: first.span.end };
      }
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
    if (id && idSpan) {
      const why = idProblem(id);
      if (why) this.problem('syntax.invalid-id', idSpan, `\`${id}\` is not a valid id. ${why}`);
    }

    // made for the second attribute only (most annotations have none)
    let seen: Map<string, Attribute> | undefined;
    for (let k = from; k < tokens.length; k++) {
      const t = tokens[k];
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
      if (t.quoteEnd >= 0 && t.quoteEnd < t.span.end) {
        this.problem(
          'syntax.invalid-attribute',
          t.span,
          `The quoted value of \`${key}\` ends at its closing \`"\`: put a space after it, or write \`\\"\` for a quote inside the value.`,
        );
        continue;
      }
      const attr: Attribute = {
        key,
        value: t.quoteEnd >= 0 ? unquote(raw) : raw,
        span: t.span,
        keySpan: { start: t.span.start, end: t.eq },
        valueSpan: { start: t.eq + 1, end: t.span.end },
      };
      if (attributes.length && (seen ??= new Map(attributes.map((a) => [a.key, a]))).has(key)) {
        this.problem('syntax.duplicate-attribute', t.span, `The attribute \`${key}\` is given twice; the first one counts.`, {
          remove: t.span,
        });
        continue;
      }
      seen?.set(key, attr);
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

/** Appends `src` to `dst` one by one: `push(...src)` throws on arrays of a few hundred thousand. */
function appendAll<T>(dst: T[], src: readonly T[]): void {
  for (const x of src) dst.push(x);
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

/** Sets parent and depth, and lists every annotation in pre-order (model.ts `walk`: a loop, no recursion). */
function setParents(roots: Annotation[]): Annotation[] {
  for (const r of roots) {
    r.parent = undefined;
    r.depth = 0;
  }
  const all: Annotation[] = [];
  for (const a of walk(roots)) {
    all.push(a);
    for (const c of a.children) {
      c.parent = a;
      c.depth = a.depth + 1;
    }
  }
  return all;
}

/** Parses a .press document. Never throws. */
export function parse(text: string): PressDocument {
  const lines = new LineIndex(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const problems: SyntaxProblem[] = [];
  let frontMatter: PressDocument['frontMatter'];
  let bodyStart = bom;
  try {
    frontMatter = parseFrontMatter(text, bom, lines, problems);
    bodyStart = frontMatter ? frontMatter.span.end : bom;
    const parser = new Parser(text);
    const annotations = parser.parseBody(bodyStart);
    const all = setParents(annotations);
    appendAll(problems, parser.problems);
    problems.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    return { text, lines, frontMatter, bodyStart, annotations, all, escapes: parser.escapes, problems };
  } catch (e) {
    // Defensive: everything above is total, but a bug must cost diagnostics, never the server.
    // The tree is dropped (a half-built one could break the features that walk it).
    const internal: SyntaxProblem = { code: 'internal.error', span: { start: 0, end: 0 }, message: `Internal parser error: ${String(e)}` };
    return { text, lines, frontMatter, bodyStart, annotations: [], all: [], escapes: [], problems: [internal] };
  }
}
