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
import { companyContextRecognizer } from './companyContext';
import { personRecognizer } from './shape/people';
import { placeRecognizer } from './shape/places';
import { orgRecognizer } from './shape/orgs';

export const RECOGNIZERS: readonly Recognizer[] = [
  builtinRecognizer,
  workspaceRecognizer,
  datesRecognizer,
  // country demonyms, where the project proposes them (pressmark.yaml mentions.demonyms)
  demonymRecognizer,
  // bare company names that are also a surname or a word, in a company context ("automaker Ford")
  companyContextRecognizer,
  // names by shape (mentions/shape/)
  personRecognizer,
  placeRecognizer,
  orgRecognizer,
];
