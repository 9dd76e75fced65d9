/**
 * The registry: the recognizers the pipeline runs, in this order (the order only matters for
 * ties the arbiter leaves, which it has none of: see arbiter.ts). Adding a recognizer is one line
 * here; each lives in its own file and keeps the contract of candidate.ts.
 */
import type { Recognizer } from './candidate';
import { builtinRecognizer } from './builtin';
import { workspaceRecognizer } from './workspace';
import { datesRecognizer } from './dates';
import { demonymRecognizer } from './demonyms';
import { personRecognizer } from './shape/people';
import { placeRecognizer } from './shape/places';
import { orgRecognizer } from './shape/orgs';

export const RECOGNIZERS: readonly Recognizer[] = [
  builtinRecognizer,
  workspaceRecognizer,
  datesRecognizer,
  // country demonyms, where the project proposes them (pressmark.yaml mentions.demonyms)
  demonymRecognizer,
  // names by shape (mentions/shape/)
  personRecognizer,
  placeRecognizer,
  orgRecognizer,
];
