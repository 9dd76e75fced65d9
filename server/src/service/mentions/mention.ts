/** What the mention finder (finder.ts) returns and takes: mentions, readings, options. */

export interface MentionReading {
  type: string;
  id: string;
}

export interface Mention {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
  type: string;
  id: string;
  /** Other readings of an ambiguous name, most likely first (absent when context settled it). */
  alternatives?: MentionReading[];
  /** 0..1; see `find` for the scale. */
  confidence: number;
}

export interface FindOptions {
  /** Entity types to report (default: all). */
  types?: readonly string[];
  /** Also report the mentions inside a longer one ("Benelux" and "Kazakhstan" inside "Benelux Chamber of Commerce in Kazakhstan"). */
  nested?: boolean;
  /** Language of the text (default `en`): its names and acronyms count as native (see `find`). */
  language?: string;
  /** Places smaller than this (and not a capital or seat of government) are not reported (default 100 000). */
  minPlacePopulation?: number;
}

export const DEFAULT_MIN_PLACE_POPULATION = 100_000;
