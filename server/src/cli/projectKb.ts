/**
 * The knowledge base of the documents named on a command line, one rule for every command
 * (`check`, `annotate`, `export`, `stats`): the built-in knowledge base with
 * - the `*.kb.yaml` files in the folders given and the ones given by name;
 * - for each document, the project of the `pressmark.yaml` that applies to it: every `*.kb.yaml`
 *   under that file's folder, and the files it lists (read inside that folder or the folders
 *   given; a refused entry is a problem of that `pressmark.yaml`);
 * - for a document no `pressmark.yaml` applies to, the `*.kb.yaml` files beside it.
 * A knowledge-base file given by name brings the files its project's `pressmark.yaml` lists.
 * Standard input under its --stdin-filename is a document at that path, whether or not the path
 * exists on disk. Which files are read does not depend on how the documents were named (a folder
 * or its files one by one), so `check` and `annotate` see the knowledge base the editor sees.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listedKbFiles, ProjectConfigs, type LoadedSchema } from '../node/projectConfig';
import { loadBuiltinKbWithInfo } from '../service/kb/builtin';
import { WorkspaceKnowledgeBase } from '../node/workspaceKb';
import { besideFiles, collectFiles, isFolder, UsageError } from './common';
import { isProvided } from '../node/files';
import type { SyntaxProblem } from '../service/model';

export interface ProjectKnowledgeBase {
  /** The built-in knowledge base with the files below laid over it (their problems: `workspace.problems(file)`). */
  workspace: WorkspaceKnowledgeBase;
  /** The knowledge-base files read (absolute paths). */
  files: string[];
  /** The project folders: those of the pressmark.yaml files that apply to the documents. */
  roots: string[];
  /** Each pressmark.yaml that applies (to a document or a knowledge-base file given), once, with its problems and those of the files it lists. */
  schemas: Array<{ schema: LoadedSchema & { file: string }; problems: SyntaxProblem[] }>;
}

/**
 * The knowledge base of `documents` (the .press inputs, from `given`: the command line's
 * files and folders). `kbFiles`: the `*.kb.yaml` inputs when the caller has listed them already
 * (to print the listing's notes); else they are listed here. Throws UsageError when the built-in
 * knowledge base is missing.
 */
export function projectKnowledgeBase(
  given: readonly string[],
  documents: readonly string[],
  options: { configs?: ProjectConfigs; kbFiles?: readonly string[] } = {},
): ProjectKnowledgeBase {
  const configs = options.configs ?? new ProjectConfigs();
  const builtin = loadBuiltinKbWithInfo();
  if (builtin.loadError) throw new UsageError(`the built-in knowledge base is missing: ${builtin.loadError}`);
  const givenKbFiles = options.kbFiles ?? collectFiles(given, ['.kb.yaml'], { onlyMatchingFiles: true }).inputs.filter((i) => !i.unreadable).map((i) => i.file);
  const kbFiles = [...givenKbFiles];
  const folders = given.filter((p) => isFolder(p)); // one that cannot be read is reported as an unreadable input
  const schemas: ProjectKnowledgeBase['schemas'] = [];
  const roots = new Set<string>();
  const seen = new Set<string>();
  const lone = new Set<string>();
  const project = (file: string, isDocument: boolean): void => {
    const schema = configs.forFile(file);
    if (!schema.file) {
      if (isDocument) lone.add(path.dirname(path.resolve(file)));
      return;
    }
    if (isDocument) roots.add(path.dirname(schema.file));
    if (seen.has(schema.file)) return;
    seen.add(schema.file);
    const listed = listedKbFiles(schema, [path.dirname(schema.file), ...folders]);
    schemas.push({ schema: schema as LoadedSchema & { file: string }, problems: [...schema.problems, ...listed.problems].sort((a, b) => a.span.start - b.span.start) });
    kbFiles.push(...listed.files);
  };
  for (const file of documents) project(file, true);
  for (const file of givenKbFiles) project(file, false);
  // Beside a document no pressmark.yaml applies to (standard input's name is not a knowledge-base file on disk).
  for (const dir of lone) for (const f of besideFiles(dir)) if (f.endsWith('.kb.yaml') && !isProvided(path.join(dir, f))) kbFiles.push(path.join(dir, f));
  const workspace = new WorkspaceKnowledgeBase(builtin.kb, (f) => configs.forFile(f).config);
  workspace.scan([...roots]);
  for (const f of new Set(kbFiles.map((f) => path.resolve(f)))) if (!workspace.has(f)) workspace.read(f);
  return { workspace, files: workspace.all().map((f) => fileURLToPath(f.uri)), roots: [...roots], schemas };
}
