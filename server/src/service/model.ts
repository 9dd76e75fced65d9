/**
 * The syntax tree of a .press document. Produced by `parse` (parser.ts) for every input;
 * all offsets are UTF-16 offsets into `PressDocument.text`.
 */
import type { Span } from './text';
import type { LineIndex } from './text';

export interface Attribute {
  key: string;
  value: string;
  /** The whole `key=value`. */
  span: Span;
  keySpan: Span;
  /** The value as written (with quotes when quoted). */
  valueSpan: Span;
}

export interface Annotation {
  /** From `[` to the closing `}` (or the end of the spec when it is unclosed). */
  span: Span;
  /** Offset of `[`. */
  open: number;
  /** Between `[` and `]`, markup of nested annotations included. */
  labelSpan: Span;
  /** Offset of `]`. */
  close: number;
  /** Between `{` and `}`. */
  specSpan: Span;
  /** Whether the spec ends with `}`. */
  specClosed: boolean;
  /** The type as written ('' when missing). */
  type: string;
  typeSpan: Span;
  /** undefined when there is no `:`; '' for `{type:}`. May break the id syntax (ids.ts): `syntax.invalid-id` says so. */
  id: string | undefined;
  idSpan: Span | undefined;
  attributes: Attribute[];
  children: Annotation[];
  parent: Annotation | undefined;
  /** The label's text as a reader sees it: nested markup removed, escapes resolved. */
  text: string;
  /** Nesting depth, 0 for top level; below MAX_NESTING (parser.ts). */
  depth: number;
}

export interface FrontMatterEntry {
  key: string;
  keySpan: Span;
  /** The value's span in the document, when it has one. */
  valueSpan: Span | undefined;
  value: unknown;
}

export interface FrontMatter {
  /** From the opening `---` to the end of the closing line (or end of text when unclosed). */
  span: Span;
  /** The YAML between the delimiters. */
  contentSpan: Span;
  closed: boolean;
  /** The parsed mapping ({} when the YAML is not a mapping or has errors). */
  data: Record<string, unknown>;
  entries: FrontMatterEntry[];
}

export interface SyntaxProblem {
  code: string;
  span: Span;
  message: string;
  /** What a quick-fix needs. */
  data?: Record<string, unknown>;
}

export interface PressDocument {
  text: string;
  lines: LineIndex;
  frontMatter: FrontMatter | undefined;
  /** Where the body starts (after the front matter and a BOM). */
  bodyStart: number;
  /** Top-level annotations in document order. */
  annotations: Annotation[];
  /** Every annotation, in order of their `[` (pre-order). */
  all: Annotation[];
  /** Escape sequences `\[` etc. (each span covers the backslash and the character). */
  escapes: Span[];
  problems: SyntaxProblem[];
}

/** Pre-order walk (a loop: no recursion, no generator per level). */
export function* walk(annotations: readonly Annotation[]): Generator<Annotation> {
  const stack: Array<{ list: readonly Annotation[]; next: number }> = [{ list: annotations, next: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next >= top.list.length) {
      stack.pop();
      continue;
    }
    const a = top.list[top.next++];
    yield a;
    if (a.children.length) stack.push({ list: a.children, next: 0 });
  }
}

/** The innermost annotation whose span contains offset (inclusive ends). */
export function annotationAt(doc: PressDocument, offset: number): Annotation | undefined {
  let found: Annotation | undefined;
  let list = doc.annotations;
  for (;;) {
    const hit = list.find((a) => a.span.start <= offset && offset <= a.span.end);
    if (!hit) return found;
    found = hit;
    list = hit.children;
  }
}
