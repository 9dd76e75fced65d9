/**
 * What a recognizer proposes, and the contract every recognizer keeps (issue 13, item 4).
 *
 * The mention finder is a pipeline: each recognizer (built-in names, generated bodies, workspace
 * names, names by shape, dates) reads one paragraph's plain text and only *proposes* candidates;
 * one arbiter (arbiter.ts) resolves overlaps and nesting, applies vetoes and the user's
 * rejections, and decides what is suggested. A recognizer never looks at another's output.
 * Pure; a recognizer never throws (the pipeline also guards each call).
 */
import type { KnowledgeBase } from '../kb/knowledgeBase';

/** The recognizers, in the order the arbiter lists them (README.md, "The arbiter"). */
export type RecognizerName = 'builtin' | 'workspace' | 'shape' | 'dates';

/** The types of temporal expressions (their id is the TIMEX3 value). */
export const DATE_TYPES: readonly string[] = ['date', 'time', 'duration', 'set'];

/** An entity a candidate would create: it is in no knowledge base yet (candidate id ''). */
export interface NewEntity {
  /** The id proposed for it: a slug of the name (`xavier-bettel`), or a defined acronym (`ODIHR`). */
  id: string;
  type: string;
  /** The name as written in the text, one line, trimmed. */
  name: string;
  /** Other forms seen in the text: a defined acronym, a surname. */
  aliases?: string[];
  /** People: a role read from the text ("Prime Minister of Luxembourg", "poet"). */
  role?: string;
  /** Anything else read from the text: `country: LU`, `kind: ministry`. */
  facts?: Record<string, string>;
}

export interface Candidate {
  /** UTF-16 offsets into the text the recognizer was given; end exclusive. */
  start: number;
  end: number;
  /** `country`, `org`, `place`, `person`, any workspace type; `date`, `time`, `duration`, `set`. */
  type: string;
  /** The knowledge-base id; the TIMEX3 value for a date; '' for a new entity (see `entity`). */
  id: string;
  /** 0..1. */
  confidence: number;
  recognizer: RecognizerName;
  /**
   * Why, in a few words a user reads in the diagnostic message: `head word "Ministry"`,
   * `title "President" before the name`, `annotated 4 times in this workspace`. Short, lower case.
   */
  reason: string;
  /**
   * The words, text.slice(start, end), when the recognizer has them already (the finder shares one
   * string among the mentions of a name written alike); the pipeline slices them otherwise.
   */
  text?: string;
  /** Other readings context did not rule out (built-in names). */
  alternatives?: Array<{ type: string; id: string }>;
  /** For id '': the entity the accepting fix adds to the workspace knowledge base. */
  entity?: NewEntity;
  /**
   * For a knowledge-base id: forms that stand for the same entity later in the document, the
   * arbiter's echoes (step d): the short form of a company's full name ("Ford" after "Ford Motor
   * Company", shortForms.ts). A new entity has them in `entity.aliases`.
   */
  echoes?: string[];
  /**
   * Not an entity: this span is not a name of any type (a product "Airbus A380" over the
   * company "Airbus", "22-year-old"). The arbiter drops every candidate inside or equal to a
   * veto span, and never suggests the veto itself. `type` then says which types it vetoes
   * ('*' for all).
   */
  veto?: true;
  /**
   * Context rules out the other readings of these very words ("Atlanta, [Georgia]": the state,
   * not the country): on equal spans this candidate outranks every recognizer's.
   */
  overrides?: true;
  /**
   * A part of another candidate of the same recognizer, proposed nested in it: the two years of
   * a year range ("between [2014] and [2016]", dates of their own inside the DURATION). The
   * arbiter keeps it where it keeps that candidate, and drops it with it.
   */
  partOf?: Candidate;
}

export interface RecognizeContext {
  kb: KnowledgeBase;
  /** Language of the document (default `en`). */
  language: string;
  /** Publication date YYYY-MM-DD, when known (dates are anchored at it). */
  dct?: string;
  /**
   * The types wanted (undefined: all). A recognizer may ignore it (the pipeline filters), but the
   * built-in names pass it to the finder, where a longer name of another type then does not hide
   * the wanted names inside it.
   */
  types?: ReadonlySet<string>;
  /** Also propose the candidates nested in a longer one (the arbiter then resolves no overlaps). */
  nested?: boolean;
  /** Places smaller than this are not proposed by the built-in names (finder.ts; default 100 000). */
  minPlacePopulation?: number;
  /** The workspace's learned names (PipelineInputs.learned), for the workspace recognizer. */
  learned?: { version: string; names: readonly Learned[] };
  /** Propose country demonyms as the country (PipelineInputs.demonyms; demonyms.ts). */
  demonyms?: boolean;
}

export interface Recognizer {
  readonly name: RecognizerName;
  /** The candidates of one paragraph's plain text (no markup), in any order. Never throws. */
  recognize(text: string, ctx: RecognizeContext): Candidate[];
}

/**
 * A user's decision that something is not to be suggested (quick-fixes "Not an entity here" and
 * "Never suggest ... as ..."): read from the workspace's rejection file (see docs/format.md).
 */
export interface Rejection {
  /** The words as a reader sees them, compared after folding case and white space. */
  text: string;
  /** `type:id` (or `type` alone: any id of that type) it must never be suggested as; absent: any reading. */
  as?: string;
  /** Only in this document (a workspace-relative path with `/`); absent: everywhere. */
  in?: string;
}

/** A name annotated in the workspace's `.press` files (workspace learning, issue 13 item 2). */
export interface Learned {
  /** The label as a reader sees it. */
  text: string;
  type: string;
  id: string;
  /** How many times it is annotated so in the workspace. */
  count: number;
}

/**
 * What the pipeline takes besides the paragraph and the knowledge base: the workspace's learned
 * names and the user's rejections, each with a version that changes when its content does (the
 * paragraph cache is keyed by both), and the document's workspace-relative path (for rejections
 * with `in`).
 */
export interface PipelineInputs {
  learned?: { version: string; names: readonly Learned[] };
  rejections?: { version: string; list: readonly Rejection[] };
  /** Workspace-relative path of the document, with `/`. */
  path?: string;
  /**
   * Propose a country's demonym ("German magazine") as the country: the project's convention,
   * `pressmark.yaml` `mentions: {demonyms: true}` (docs/format.md); default false.
   */
  demonyms?: boolean;
}
