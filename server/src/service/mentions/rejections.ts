/**
 * The user's rejections (quick-fixes "Not an entity here" and "Never suggest ... as ..."), matched
 * against what the pipeline would propose. A rejection `{ text, as?, in? }` (candidate.ts) drops a
 * proposal whose words, folded as kb/normalize.ts folds names (case, white space, diacritics,
 * dots, a leading "the"), equal its folded `text`, whose reading matches `as` (`type:id`, or
 * `type` alone for any id of that type; absent: any reading) and, when `in` is set, only in the
 * document whose workspace-relative path equals it. For a new entity (id '') the reading's id is
 * the id proposed for it (`entity.id`).
 *
 * Compiled once per list (a map by folded text); a proposal costs one fold when the list is not
 * empty, nothing otherwise. Pure; never throws.
 */
import { foldName } from '../kb/normalize';
import type { Rejection } from './candidate';

export interface CompiledRejections {
  readonly byText: ReadonlyMap<string, readonly Rejection[]>;
  /** Some rejection is limited to one document (`in`): results then depend on the path. */
  readonly scoped: boolean;
}

const EMPTY: CompiledRejections = { byText: new Map(), scoped: false };
const compiled = new WeakMap<readonly Rejection[], CompiledRejections>();

/** The list, ready to match (kept per list). */
export function compileRejections(list: readonly Rejection[] | undefined): CompiledRejections {
  if (!Array.isArray(list) || list.length === 0) return EMPTY;
  const known = compiled.get(list);
  if (known) return known;
  const byText = new Map<string, Rejection[]>();
  let scoped = false;
  for (const r of list) {
    if (!r || typeof r.text !== 'string') continue;
    const key = foldName(r.text);
    if (!key) continue;
    let same = byText.get(key);
    if (!same) byText.set(key, (same = []));
    same.push(r);
    if (typeof r.in === 'string') scoped = true;
  }
  const out: CompiledRejections = { byText, scoped };
  compiled.set(list, out);
  return out;
}

/** `as` (`type:id` or `type`) covers the reading (type, id). */
function covers(as: string | undefined, type: string, id: string): boolean {
  if (typeof as !== 'string' || !as.trim()) return true;
  const spec = as.trim();
  const colon = spec.indexOf(':');
  if (colon < 0) return spec === type;
  return spec.slice(0, colon) === type && spec.slice(colon + 1) === id;
}

/**
 * The rejection that forbids proposing `text` as (type, id) in the document at `path`, or
 * undefined. `rejections`: a list or one compiled by `compileRejections`. For the quick-fix side
 * too ("is this reading rejected already?").
 */
export function rejectionOf(
  rejections: readonly Rejection[] | CompiledRejections | undefined,
  text: string,
  type: string,
  id: string,
  path?: string,
): Rejection | undefined {
  const c = Array.isArray(rejections) ? compileRejections(rejections) : ((rejections as CompiledRejections | undefined) ?? EMPTY);
  if (c.byText.size === 0 || typeof text !== 'string') return undefined;
  const same = c.byText.get(foldName(text));
  return same ? firstCovering(same, type, id, path) : undefined;
}

/** The first of the rejections of one folded text (CompiledRejections.byText) that forbids (type, id) at `path`. */
export function firstCovering(same: readonly Rejection[], type: string, id: string, path?: string): Rejection | undefined {
  for (const r of same) {
    if (typeof r.in === 'string' && r.in !== path) continue;
    if (covers(r.as, type, id)) return r;
  }
  return undefined;
}

/** `text` must not be proposed as (type, id) in the document at `path`. */
export function isRejected(
  rejections: readonly Rejection[] | CompiledRejections | undefined,
  text: string,
  type: string,
  id: string,
  path?: string,
): boolean {
  return rejectionOf(rejections, text, type, id, path) !== undefined;
}
