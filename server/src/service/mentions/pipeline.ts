/**
 * The pipeline of one plain text: every recognizer of the registry (recognizers.ts) proposes,
 * the arbiter (arbiter.ts) decides, and the echoes of new entities are added. What
 * `findMentionsInText`, `findMentionsInDocument` and the editor's suggestions all run, so that
 * `pressmark annotate`, import and the editor give the same proposals. Pure; never throws.
 */
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { FindOptions, Mention } from './finder';
import type { Candidate, NewEntity, PipelineInputs, RecognizeContext, RecognizerName } from './candidate';
import { RECOGNIZERS } from './recognizers';
import { arbitrate, echoSources, findEchoes, mergeEchoes } from './arbiter';
import { compileRejections, isRejected } from './rejections';

/** A proposal: a mention with who proposed it and why. */
export interface Found extends Mention {
  recognizer: RecognizerName;
  /** Why, in a few words (candidate.ts `reason`). */
  reason: string;
  /** For id '': the entity the accepting fix adds to the workspace knowledge base. */
  entity?: NewEntity;
  /** An echo (arbiter.ts, step d): an alias of a new entity proposed before, standing again. */
  echo?: true;
  /** Forms of a knowledge-base entity that are its echoes later (candidate.ts `echoes`). */
  echoes?: string[];
}

export interface PipelineOptions extends FindOptions {
  /** Also find dates, times, durations and sets (default true; `types` can also select them). */
  dates?: boolean;
  /** The workspace's learned names, the user's rejections, the document's path. */
  inputs?: PipelineInputs;
  /** Add the echoes of new entities within this text (default true; the editor adds them per document). */
  echoes?: boolean;
}

/** The recognizers' candidates, not yet arbitrated (each recognizer guarded: one that throws proposes nothing). */
export function candidatesOf(text: string, kb: KnowledgeBase, dct: string | undefined, options: PipelineOptions = {}): Candidate[] {
  const types = Array.isArray(options.types) ? new Set(options.types) : undefined;
  const ctx: RecognizeContext = {
    kb,
    language: typeof options.language === 'string' && options.language ? options.language : 'en',
    dct,
    types,
    nested: options.nested === true,
    minPlacePopulation: options.minPlacePopulation,
    learned: options.inputs?.learned,
    demonyms: options.inputs?.demonyms === true,
  };
  const out: Candidate[] = [];
  for (const r of RECOGNIZERS) {
    if (options.dates === false && r.name === 'dates') continue;
    let list: Candidate[];
    try {
      list = r.recognize(text, ctx);
    } catch {
      continue;
    }
    if (!Array.isArray(list)) continue;
    // a loop, not push(...list): a spread of a very long list overflows the call stack
    for (const c of list) if (c && (!types || types.has(c.type) || (c.veto && c.type === '*'))) out.push(c);
  }
  return out;
}

function found(c: Candidate, text: string): Found {
  const f: Found = { start: c.start, end: c.end, text: c.text ?? text.slice(c.start, c.end), type: c.type, id: c.id, confidence: c.confidence, recognizer: c.recognizer, reason: c.reason };
  if (c.alternatives?.length) f.alternatives = c.alternatives;
  if (c.entity) f.entity = c.entity;
  if (c.echoes?.length) f.echoes = c.echoes;
  return f;
}

/**
 * The proposals of a plain text (no markup), UTF-16 offsets into it, sorted by start (an outer
 * one before the ones inside it, with `nested`). Dates are anchored at `dct` (YYYY-MM-DD).
 */
export function runPipeline(text: string, kb: KnowledgeBase, dct: string | undefined, options: PipelineOptions = {}): Found[] {
  try {
    if (typeof text !== 'string' || !text) return [];
    const rejections = compileRejections(options.inputs?.rejections?.list);
    const path = options.inputs?.path;
    const kept = arbitrate(candidatesOf(text, kb, dct, options), text, { nested: options.nested, rejections, path });
    // a candidate that carries its words is a proposal as it is (no copy per mention)
    let list = kept.map((c) => (typeof c.text === 'string' ? (c as Found) : found(c, text)));
    if (options.echoes !== false) {
      const sources = echoSources(list);
      if (sources.length) {
        const echoes = findEchoes(text, sources).map((e) => ({ ...found(e, text), echo: true as const, source: e.source }));
        list = mergeEchoes(list, echoes, sources, (e) => !isRejected(rejections, e.text, e.type, e.id || (e.entity?.id ?? ''), path));
      }
    }
    // sorted by start (arbitrate and mergeEchoes sort)
    return list;
  } catch {
    return [];
  }
}
