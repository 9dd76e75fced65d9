/**
 * Pre-annotation: every suggestion of the chosen types as one list of edits (one undoable
 * workspace edit in the editor). Markup only; the words stay as they are.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { PressDocument } from '../model';
import type { ProjectConfig } from '../config';
import { annotateAllEdits } from './edits';
import { suggestions, withProjectSettings } from '../mentions/suggestions';
import type { PipelineInputs } from '../mentions/candidate';

export interface Preannotation {
  edits: TextEdit[];
  /** How many annotations each type gets. */
  counts: Record<string, number>;
  /** Suggestions per type over the whole document, chosen or not (for the type picker). */
  available: Record<string, number>;
}

/** `inputs`: the workspace's learned names and rejections (a rejected suggestion is not applied). */
export function preannotate(doc: PressDocument, kb: KnowledgeBase, config: ProjectConfig, types?: readonly string[], inputs?: PipelineInputs): Preannotation {
  const all = suggestions(doc, kb, withProjectSettings(inputs, config)).filter((s) => config.types.has(s.type));
  const available: Record<string, number> = {};
  for (const s of all) available[s.type] = (available[s.type] ?? 0) + 1;
  const want = types ? new Set(types) : undefined;
  const chosen = want ? all.filter((s) => want.has(s.type)) : all;
  const counts: Record<string, number> = {};
  for (const s of chosen) counts[s.type] = (counts[s.type] ?? 0) + 1;
  return { edits: annotateAllEdits(doc, chosen), counts, available };
}
