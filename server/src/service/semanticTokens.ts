/**
 * Semantic tokens: the label of an annotation gets a token type named after its annotation
 * type (`country`, `org`, ...; `annotation` for schema types), the markup punctuation gets
 * `markup` so themes can dim it, and the spec parts get standard types.
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { BUILTIN_TYPES } from './config';
import type { Annotation, PressDocument } from './model';
import type { Span } from './text';
import { sortInPlace } from './sort';

export const TOKEN_TYPES = [
  ...BUILTIN_TYPES.map((t) => t.name),
  'annotation',
  'markup',
  'type',
  'enumMember',
  'property',
  'string',
] as const;

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] };

const INDEX = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));

interface Tok {
  start: number;
  end: number;
  type: number;
}

function labelTokenType(a: Annotation): number {
  return INDEX.get(a.type) ?? INDEX.get('annotation')!;
}

function push(out: Tok[], span: Span, type: string): void {
  if (span.end > span.start) out.push({ start: span.start, end: span.end, type: INDEX.get(type)! });
}

function annotationTokens(a: Annotation, text: string, out: Tok[]): void {
  push(out, { start: a.open, end: a.open + 1 }, 'markup');
  const lt = labelTokenType(a);
  let pos = a.labelSpan.start;
  for (const c of a.children) {
    if (c.span.start > pos) out.push({ start: pos, end: c.span.start, type: lt });
    annotationTokens(c, text, out);
    pos = c.span.end;
  }
  if (a.labelSpan.end > pos) out.push({ start: pos, end: a.labelSpan.end, type: lt });
  push(out, { start: a.close, end: a.close + 2 }, 'markup'); // `]{`
  push(out, a.typeSpan, 'type');
  if (a.idSpan) {
    push(out, { start: a.idSpan.start - 1, end: a.idSpan.start }, 'markup'); // `:`
    push(out, a.idSpan, 'enumMember');
  }
  for (const attr of a.attributes) {
    push(out, attr.keySpan, 'property');
    push(out, { start: attr.keySpan.end, end: attr.valueSpan.start }, 'markup');
    push(out, attr.valueSpan, 'string');
  }
  if (a.specClosed) push(out, { start: a.span.end - 1, end: a.span.end }, 'markup');
}

/** Encodes the tokens of a document (full). Tokens never span lines nor overlap. */
export function semanticTokens(doc: PressDocument): SemanticTokens {
  const toks: Tok[] = [];
  for (const a of doc.annotations) annotationTokens(a, doc.text, toks);
  sortInPlace(toks, (x, y) => x.start - y.start);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = 0;
  const lines = doc.lines;
  // Tokens come in order: the line of each start is found by moving forward from the last one.
  let line = 0;
  let lineStart = lines.lineStart(0);
  let nextLineStart = lines.lineCount > 1 ? lines.lineStart(1) : Infinity;
  for (const t of toks) {
    let start = Math.max(t.start, lastEnd);
    while (start < t.end) {
      while (start >= nextLineStart) {
        line++;
        lineStart = nextLineStart;
        nextLineStart = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : Infinity;
      }
      const character = start - lineStart;
      const lineEnd = lines.lineEnd(line);
      const end = Math.min(t.end, lineEnd);
      if (end > start) {
        const deltaLine = line - prevLine;
        const deltaChar = deltaLine === 0 ? character - prevChar : character;
        data.push(deltaLine, deltaChar, end - start, t.type, 0);
        prevLine = line;
        prevChar = character;
      }
      if (t.end <= lineEnd) break;
      start = line + 1 < lines.lineCount ? nextLineStart : t.end;
    }
    lastEnd = Math.max(lastEnd, t.end);
  }
  return { data };
}
