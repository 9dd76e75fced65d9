/**
 * Normalization of English (and some Russian) temporal expressions of press releases to
 * TIMEX3 values, anchored on the publication date (DCT). Pure functions; never throw.
 *
 * The grammar is shared with recognize.ts: the rules of rules/*.ts (one file per family, listed
 * in matching order by rules/index.ts), each a regular expression with named groups plus a
 * builder that turns a match into a TIMEX3 value, run by the engine (engine.ts). This file is
 * the public API: normalize() and normalizeTracked() of a whole expression. README.md in this
 * folder maps the files.
 */
import { parseDct, type Ymd } from './timex';
import type { Ctx, Normalized } from './ctx';
import type { Tense } from './tense';
import { normalizeCore } from './engine';

export type { TimexKind, Normalized } from './ctx';
export { guessTense, type Tense } from './tense';

export interface NormalizeContext {
  /** Text before the expression (the end of it is used: same sentence). */
  before?: string;
  /** Text after the expression. */
  after?: string;
}

const LEADING = /^(?:on|in|at|by|since|until|till|from|during|for|of|to|as of|starting|beginning|around|circa|c\.|the|в|во|с|до|на|к)\s+/i;

/**
 * Normalizes one temporal expression to a TIMEX3 type and value, anchored on the publication
 * date dct (YYYY-MM-DD). context.before/after (the surrounding text) decide the tense of
 * ambiguous weekdays and months. Returns undefined if the expression is not understood.
 */
export function normalize(expression: string, dct: string | undefined, context?: NormalizeContext): Normalized | undefined {
  return normalizeTracked(expression, dct, context).value;
}

/** The rule context, noting whether a rule read the text around the expression. */
class TrackedCtx implements Ctx {
  read = false;
  tense: Tense | null | undefined = null;
  constructor(
    readonly dct: Ymd | undefined,
    private b: string,
    private a: string,
  ) {}
  get before(): string {
    this.read = true;
    return this.b;
  }
  set before(v: string) {
    this.b = v;
  }
  get after(): string {
    this.read = true;
    return this.a;
  }
  set after(v: string) {
    this.a = v;
  }
}

/**
 * normalize(), and whether the value depended on the context: `usedContext` is false when no
 * rule read the text around the expression, so that the same expression and publication date
 * give the same value in any context (the path up to a first read depends on them alone).
 */
export function normalizeTracked(expression: string, dct: string | undefined, context?: NormalizeContext): { value: Normalized | undefined; usedContext: boolean } {
  let c: TrackedCtx | undefined;
  try {
    if (typeof expression !== 'string') return { value: undefined, usedContext: false };
    let expr = expression.trim().replace(/\s+/g, ' ').replace(/[.,;:!?]+$/, (m) => (/\.$/.test(m) && /(?:a\.m|p\.m|\b[A-Z][a-z]{2,3})\.$/.test(expression.trim()) ? '.' : ''));
    if (!expr) return { value: undefined, usedContext: false };
    const before = typeof context?.before === 'string' ? context.before : '';
    const after = typeof context?.after === 'string' ? context.after : '';
    c = new TrackedCtx(parseDct(dct), before, after);
    let v = normalizeCore(expr, c);
    while (!v && LEADING.test(expr)) {
      const m = LEADING.exec(expr)!;
      c.before = (c.before ? c.before + ' ' : '') + m[0];
      c.tense = null;
      expr = expr.slice(m[0].length);
      v = normalizeCore(expr, c);
    }
    if (!v && /['’]s$/.test(expr)) v = normalizeCore(expr.replace(/['’]s$/, ''), c);
    return { value: v, usedContext: c.read };
  } catch {
    return { value: undefined, usedContext: c?.read ?? true };
  }
}
