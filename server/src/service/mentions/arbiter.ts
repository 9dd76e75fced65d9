/**
 * The arbiter: the one place that decides what the recognizers' candidates become. Recognizers
 * only propose (candidate.ts); the arbiter applies, in this order (README.md, "The arbiter"):
 *
 * a. Vetoes. A candidate with `veto` drops every other candidate of its type ('*': of any type)
 *    whose span is inside or equal to the veto's; the veto itself is never suggested.
 * b. Rejections (rejections.ts). A candidate the user rejected is dropped; when only its first
 *    reading is rejected its first other reading takes its place, and rejected other readings are
 *    left out.
 * c. Overlaps: a date expression that holds a name does not compete with it: the name is
 *    resolved with the others, and the date stays around it, the name nested ("[in recent
 *    [U.S.]{country} history]{date}"), where everything kept that it overlaps lies strictly
 *    inside it (a date and a name of the same words: the name); a country or place inside a longer candidate is never
 *    proposed alone ("Ministry of Foreign Affairs of Turkmenistan"), even where that longer one
 *    loses to another; then the longer span wins; on equal spans, a candidate whose context
 *    `overrides` the others first, then by recognizer: workspace > builtin > shape > dates, then
 *    the higher confidence, then the earlier start. With `nested` only this: of the candidates
 *    of one span, those first by `overrides` and recognizer (the workspace person, not also a
 *    new one of the same words). The parts of a candidate (`partOf`: the years of a year
 *    range) stay nested in it where it is kept, and go where it goes.
 * d. Echoes (a document-level step: `echoSources`, `findEchoes`, `mergeEchoes`). A new entity
 *    (id '' with `entity.aliases`: a surname, a defined acronym) is also proposed where an alias
 *    stands again after it, in any paragraph, with the same type and entity, reason
 *    `same as "<name>" above`, unless something else is proposed or annotated there.
 *
 * Linear in the candidates and their lengths: vetoes and names are looked up by start (binary
 * search over a sorted list with a running maximum of ends), overlaps are resolved per cluster of
 * overlapping candidates, and the kept candidates of a cluster mark the code units they occupy. Pure; never throws (the pipeline guards it).
 */
import { foldName } from '../kb/normalize';
import { sortInPlace } from '../sort';
import { DATE_TYPES, type Candidate, type NewEntity, type RecognizerName } from './candidate';
import { compileRejections, firstCovering, type CompiledRejections } from './rejections';
import { PhraseMatcher } from './phrases';
import { ECHO_COMPANY_NOUNS, ECHO_COMPANY_WORDS } from './shortForms';
import { PREMODIFIED_PRODUCTS } from './shape/orgWords';
import { HONORIFICS, ROLE_HEADS } from './shape/personWords';

export interface ArbiterOptions {
  /** Keep the candidates nested in others (step c is skipped). */
  nested?: boolean;
  rejections?: CompiledRejections;
  /** The document's workspace-relative path (rejections with `in`). */
  path?: string;
}

/** Equal spans: the lower rank wins. */
const RANK: Record<RecognizerName, number> = { workspace: 0, builtin: 1, shape: 2, dates: 3 };

function rankOf(c: Candidate): number {
  return RANK[c.recognizer] ?? 2;
}

/** Equal spans with `nested`: the lower wins (`overrides` first, then the recognizer). */
function spanRank(c: Candidate): number {
  return (c.overrides ? 0 : 10) + rankOf(c);
}

/** Equal spans: which of two candidates comes first (negative: a). */
function precedence(a: Candidate, b: Candidate): number {
  return (b.overrides ? 1 : 0) - (a.overrides ? 1 : 0) || rankOf(a) - rankOf(b) || b.confidence - a.confidence;
}


function isDate(c: Candidate): boolean {
  return DATE_TYPES.includes(c.type);
}

/** Start ascending, the longer first. */
export function byStart(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || b.end - a.end;
}

/** The index of the first item (sorted by start) that starts at or after `x`. */
function lowerBound(sorted: ReadonlyArray<{ start: number }>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Spans sorted by start with the running maximum of their ends: `covers(s, e)` says whether one of
 * them holds [s, e) (starts at or before s and ends at or after e), in O(log n).
 */
class Cover {
  private readonly starts: number[] = [];
  private readonly maxEnd: number[] = [];
  constructor(spans: Array<{ start: number; end: number }>) {
    spans.sort(byStart);
    let max = -1;
    for (const s of spans) {
      this.starts.push(s.start);
      this.maxEnd.push((max = Math.max(max, s.end)));
    }
  }
  covers(s: number, e: number): boolean {
    // last index with start <= s
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= s) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.maxEnd[lo - 1] >= e;
  }
}

/** Step a: the candidates no veto covers, without the vetoes (the list itself when it has none). */
export function applyVetoes(list: readonly Candidate[]): Candidate[] {
  const byType = new Map<string, Array<{ start: number; end: number }>>();
  for (const c of list) {
    if (!c.veto) continue;
    let spans = byType.get(c.type);
    if (!spans) byType.set(c.type, (spans = []));
    spans.push({ start: c.start, end: c.end });
  }
  if (byType.size === 0) return list as Candidate[];
  const covers = new Map<string, Cover>();
  for (const [type, spans] of byType) covers.set(type, new Cover(spans));
  const all = covers.get('*');
  return list.filter((c) => !c.veto && !all?.covers(c.start, c.end) && !covers.get(c.type)?.covers(c.start, c.end));
}

/** Step b: the candidates the user did not reject (a rejected first reading replaced by the first other one left; the list itself when there are no rejections). */
export function applyRejections(list: readonly Candidate[], text: string, rejections: CompiledRejections | undefined, path?: string): Candidate[] {
  if (!rejections || rejections.byText.size === 0) return list as Candidate[];
  const out: Candidate[] = [];
  for (const c of list) {
    const same = rejections.byText.get(foldName(text.slice(c.start, c.end)));
    if (!same) {
      out.push(c);
      continue;
    }
    const readings = [{ type: c.type, id: c.id || c.entity?.id || '' }, ...(c.alternatives ?? [])];
    const left = readings.filter((r) => !firstCovering(same, r.type, r.id, path));
    if (left.length === readings.length) {
      out.push(c);
      continue;
    }
    if (!left.length) continue;
    const alternatives = left.slice(1);
    if (left[0] === readings[0]) {
      const kept: Candidate = { ...c };
      if (alternatives.length) kept.alternatives = alternatives;
      else delete kept.alternatives;
      out.push(kept);
    } else {
      // another reading of the same words: not the new entity, not the first reading's reason
      const kept: Candidate = { ...c, type: left[0].type, id: left[0].id };
      delete kept.entity;
      if (alternatives.length) kept.alternatives = alternatives;
      else delete kept.alternatives;
      out.push(kept);
    }
  }
  return out;
}

/**
 * Step c: non-overlapping candidates (see the file comment), sorted by start. The rules only ever
 * compare candidates that overlap, so each cluster of overlapping candidates is resolved alone and
 * a candidate that overlaps nothing (most of them) passes as it is.
 */
export function resolveOverlaps(list: readonly Candidate[]): Candidate[] {
  const sorted = sortInPlace(list.slice(), byStart);
  const out: Candidate[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    let reach = sorted[i].end;
    while (j < sorted.length && sorted[j].start < reach) {
      if (sorted[j].end > reach) reach = sorted[j].end;
      j++;
    }
    if (j === i + 1) out.push(sorted[i]);
    else for (const c of resolveCluster(sorted.slice(i, j), sorted[i].start, reach)) out.push(c);
    i = j;
  }
  return out;
}

/** The rules of step c over candidates (sorted by start) that all lie in [from, to). */
function resolveCluster(cluster: Candidate[], from: number, to: number): Candidate[] {
  const names = cluster.filter((c) => !isDate(c));
  const holdsName = (d: Candidate): boolean => {
    for (let i = lowerBound(names, d.start); i < names.length && names[i].start < d.end; i++) {
      if (names[i].end <= d.end) return true;
    }
    return false;
  };
  // a country or place strictly inside a longer name (names is sorted by start, the longer first:
  // the names before a group of equal spans are the ones that start earlier or end later)
  const inside = new Set<Candidate>();
  let maxEnd = -1;
  for (let i = 0; i < names.length; ) {
    let j = i;
    while (j < names.length && names[j].start === names[i].start && names[j].end === names[i].end) j++;
    if (maxEnd >= names[i].end) {
      for (let k = i; k < j; k++) if (names[k].type === 'country' || names[k].type === 'place') inside.add(names[k]);
    }
    maxEnd = Math.max(maxEnd, names[i].end);
    i = j;
  }
  const ordered = cluster
    .filter((c) => (isDate(c) ? !holdsName(c) : !inside.has(c)))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || precedence(a, b) || a.start - b.start);
  const taken = new Uint8Array(to - from);
  const kept: Candidate[] = [];
  next: for (const c of ordered) {
    for (let i = c.start - from; i < c.end - from; i++) if (taken[i]) continue next;
    taken.fill(1, c.start - from, c.end - from);
    kept.push(c);
  }
  // a date that holds a name stays around it, the name nested ("[in recent [U.S.]{country}
  // history]{date}"): where everything kept that it overlaps lies strictly inside it
  const holders = cluster.filter((c) => isDate(c) && holdsName(c)).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const d of holders) {
    const len = d.end - d.start;
    if (kept.some((k) => k.start < d.end && d.start < k.end && !(k.start >= d.start && k.end <= d.end && k.end - k.start < len && !isDate(k)))) continue;
    if (!kept.some((k) => k.start >= d.start && k.end <= d.end)) continue;
    kept.push(d);
  }
  return sortInPlace(kept, byStart);
}

/**
 * With `nested`: of the candidates of one span, only those of the first recognizer by rank
 * (workspace > builtin > shape > dates), so that two recognizers never propose the same words
 * twice. `sorted`: by start, the longer first.
 */
function equalSpansOnce(sorted: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    let best = spanRank(sorted[i]);
    while (j < sorted.length && sorted[j].start === sorted[i].start && sorted[j].end === sorted[i].end) {
      best = Math.min(best, spanRank(sorted[j]));
      j++;
    }
    for (let k = i; k < j; k++) if (j === i + 1 || spanRank(sorted[k]) === best) out.push(sorted[k]);
    i = j;
  }
  return out;
}

/** Steps a to c over the candidates of one text: what is proposed, sorted by start (an outer candidate before the ones inside it). */
export function arbitrate(candidates: readonly Candidate[], text: string, options: ArbiterOptions = {}): Candidate[] {
  const n = text.length;
  const valid = candidates.every((c) => c && c.start >= 0 && c.end > c.start && c.end <= n && Number.isInteger(c.start) && Number.isInteger(c.end) && typeof c.type === 'string')
    ? candidates.slice()
    : candidates.filter((c) => c && c.start >= 0 && c.end > c.start && c.end <= n && Number.isInteger(c.start) && Number.isInteger(c.end) && typeof c.type === 'string');
  let list = applyVetoes(valid);
  list = applyRejections(list, text, options.rejections, options.path);
  if (!options.nested) return withParts(resolveOverlaps(list.filter((c) => !c.partOf)), list);
  return equalSpansOnce(sortInPlace(list, byStart));
}

/**
 * The parts (`partOf`) of the kept candidates, nested in them (an outer candidate before the ones
 * inside it); the parts of a dropped candidate go with it. `kept` sorted by start.
 */
function withParts(kept: Candidate[], list: readonly Candidate[]): Candidate[] {
  const parts = list.filter((c) => c.partOf);
  if (!parts.length) return kept;
  const keptSet = new Set(kept);
  const inside = parts.filter((p) => keptSet.has(p.partOf!)).map((p) => {
    // proposed as it is: without the reference to its range
    const c = { ...p };
    delete c.partOf;
    return c;
  });
  return inside.length ? sortInPlace(kept.concat(inside), byStart) : kept;
}

export { compileRejections };

// ------------------------------------------------------------------ d. echoes

/** A new entity whose aliases (or a knowledge-base entity whose short forms) are proposed again where they stand. */
export interface EchoSource {
  type: string;
  /** The knowledge-base id; '' for a new entity. */
  id: string;
  /** The new entity (id ''). */
  entity?: NewEntity;
  /** The name as first proposed (the reason quotes it). */
  name: string;
  /** The forms looked for: the new entity's aliases, the known entity's short forms. */
  aliases: readonly string[];
  recognizer: RecognizerName;
  confidence: number;
  /** Where it is first proposed (offsets of the text the echoes are looked for in). */
  start: number;
}

/** The new entities with aliases among the proposals (sorted by start), the first proposal of each. */
export function echoSources(list: ReadonlyArray<Pick<Candidate, 'type' | 'id' | 'entity' | 'recognizer' | 'confidence' | 'start' | 'echoes'> & { text?: string }>): EchoSource[] {
  const out: EchoSource[] = [];
  const seen = new Set<string>();
  for (const c of list) {
    const e = c.entity;
    if (c.id === '' && e && ((Array.isArray(e.aliases) && e.aliases.length) || (Array.isArray(c.echoes) && c.echoes.length))) {
      const key = `${c.type}\u0000\u0000${e.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ type: c.type, id: '', entity: e, name: e.name, aliases: [...(e.aliases ?? []), ...(c.echoes ?? [])], recognizer: c.recognizer, confidence: c.confidence, start: c.start });
    } else if (c.id !== '' && Array.isArray(c.echoes) && c.echoes.length) {
      const key = `${c.type}\u0000${c.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ type: c.type, id: c.id, name: (c.text ?? '').replace(/\s+/g, ' ').trim(), aliases: c.echoes, recognizer: c.recognizer, confidence: c.confidence, start: c.start });
    }
  }
  return out;
}

/** What the echoes of these sources depend on (their positions apart): a cache key. */
export function echoSignature(sources: readonly EchoSource[]): string {
  return JSON.stringify(sources.map((s) => [s.type, s.id, s.name, s.aliases, s.recognizer, s.confidence, s.entity]));
}

let lastMatcher: { signature: string; matcher: PhraseMatcher<number>; claims: number[][] } | undefined;

/**
 * The occurrences of the sources' aliases in `text`, as candidates (payload: the index of the
 * source), sorted by start; the caller keeps the ones after their source that nothing else holds
 * (`mergeEchoes`).
 */
export function findEchoes(text: string, sources: readonly EchoSource[], signature = echoSignature(sources)): Array<Candidate & { source: number }> {
  if (!sources.length) return [];
  if (!lastMatcher || lastMatcher.signature !== signature) {
    // one phrase per alias text; the sources that claim it, in order
    const phrases: Array<{ text: string; payload: number }> = [];
    const claims: number[][] = [];
    const byText = new Map<string, number>();
    sources.forEach((s, i) => {
      for (const a of s.aliases ?? []) {
        if (typeof a !== 'string' || !a.trim()) continue;
        const k = a.trim().replace(/\s+/g, ' ').toLowerCase();
        let p = byText.get(k);
        if (p === undefined) {
          byText.set(k, (p = claims.length));
          claims.push([]);
          phrases.push({ text: a, payload: p });
        }
        if (!claims[p].includes(i)) claims[p].push(i);
      }
    });
    lastMatcher = { signature, matcher: new PhraseMatcher(phrases), claims };
  }
  const claims = lastMatcher.claims;
  const out: Array<Candidate & { source: number }> = [];
  for (const h of lastMatcher.matcher.match(text)) {
    const i = echoSourceAt(text, h.start, h.end, claims[h.payload], sources);
    if (i < 0) continue;
    const s = sources[i];
    const c: Candidate & { source: number } = {
      start: h.start,
      end: h.end,
      type: s.type,
      id: s.id,
      confidence: s.confidence,
      recognizer: s.recognizer,
      reason: `same as ${JSON.stringify(s.name)} above`,
      source: i,
    };
    if (s.entity) c.entity = s.entity;
    out.push(c);
  }
  return out;
}

/**
 * Which of the sources claiming an alias the words at [start, end) are, or -1 (echo rules,
 * README "The arbiter", d):
 * - an organization's short form (not an acronym) followed by a capitalized word is part of a longer name or a
 *   product ("Chrysler Aspen", "Ford Taurus"), and before a product noun a modifier ("Ford cars",
 *   shape/orgWords.ts PREMODIFIED_PRODUCTS): no echo;
 * - an alias claimed by a person and an organization ("Ford": William Clay Ford Jr. and Ford
 *   Motor Company) is decided by context: an honorific or a title before it makes it the
 *   person; a company word before it ("automaker Ford") or a business noun after its possessive
 *   ("Ford's production capacity", "Ford's North American losses"; data ECHO_COMPANY_NOUNS)
 *   the organization; otherwise neither;
 * - else the first source that claims it.
 */
function echoSourceAt(text: string, start: number, end: number, claimants: readonly number[], sources: readonly EchoSource[]): number {
  if (!claimants.length) return -1;
  const after = text.slice(end, end + 60);
  const orgs = claimants.filter((i) => sources[i].type === 'org');
  const others = claimants.filter((i) => sources[i].type !== 'org');
  let orgOk = orgs.length > 0;
  // (acronyms stand before titles and names of units: "OSCE Secretary General", "ODIHR Director")
  if (orgOk && /\p{Ll}/u.test(text.slice(start, end))) {
    const next = /^[ \u00a0]+(\S+)/u.exec(after);
    if (next && (/^\p{Lu}/u.test(next[1]) || PREMODIFIED_PRODUCTS.has(next[1].toLowerCase()))) orgOk = false;
  }
  if (!others.length) return orgOk ? orgs[0] : -1;
  if (!orgs.length) return others[0];
  // a person and an organization claim it
  const before = /(\S+)[ \u00a0]+$/u.exec(text.slice(Math.max(0, start - 40), start))?.[1]?.toLowerCase().replace(/\.$/, '') ?? '';
  if (HONORIFICS.has(before) || ROLE_HEADS.has(before)) return others[0];
  if (!orgOk) return -1;
  if (ECHO_COMPANY_WORDS.has(before)) return orgs[0];
  const poss = /^['’]s?((?:[ \u00a0]+[\p{L}-]+){1,3})/u.exec(after);
  if (poss && poss[1].trim().split(/\s+/).some((w) => ECHO_COMPANY_NOUNS.has(w.toLowerCase()))) return orgs[0];
  return -1;
}

/**
 * The proposals with the echoes added where they stand after their source and overlap no
 * proposal, sorted by start. Both lists sorted by start, in the same offsets; `keep` filters the
 * echoes further (rejections, annotations). Linear.
 */
export function mergeEchoes<T extends { start: number; end: number }, E extends T & { source: number }>(
  list: readonly T[],
  echoes: readonly E[],
  sources: readonly EchoSource[],
  keep: (e: E) => boolean = () => true,
): T[] {
  if (!echoes.length) return list.slice();
  const out: T[] = [];
  let i = 0;
  // the end of the furthest-reaching proposal so far
  let reach = -1;
  for (const e of echoes) {
    while (i < list.length && list[i].start < e.end) {
      out.push(list[i]);
      reach = Math.max(reach, list[i].end);
      i++;
    }
    // overlaps a proposal that starts before its end: one that ends after its start
    if (reach > e.start) continue;
    if (e.start <= sources[e.source].start) continue;
    if (!keep(e)) continue;
    const { source: _source, ...echo } = e;
    out.push(echo as unknown as T);
  }
  while (i < list.length) out.push(list[i++]);
  return out.sort(byStart);
}
