/** What a check sees and returns. Checks are pure functions over the parsed document. */
import type { ProjectConfig } from '../config';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { PressDocument, SyntaxProblem } from '../model';
import type { PipelineInputs } from '../mentions/candidate';

export interface CheckContext {
  doc: PressDocument;
  config: ProjectConfig;
  kb: KnowledgeBase;
  /** The workspace's learned names, the user's rejections and the document's path, for the mention suggestions. */
  mentionInputs?: PipelineInputs;
}

/** A problem has the same shape as a parser problem: code, span, message, fix data. */
export type Problem = SyntaxProblem;

export type Check = (ctx: CheckContext) => Problem[];

/** Approximate bytes of problems (the objects, their messages, their fix data), for the bounds of the caches that keep them. */
export function problemsBytes(problems: readonly Problem[]): number {
  let n = 0;
  for (const p of problems) n += 240 + 2 * p.message.length + (p.data ? 160 : 0);
  return n;
}
