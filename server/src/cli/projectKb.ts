/**
 * The knowledge-base files that apply to documents named on the command line, found as
 * `pressmark check` finds them: `*.kb.yaml` in the folders given, the files the documents'
 * `pressmark.yaml` list (inside the folder of that file or the folders given), the `*.kb.yaml`
 * under the folder of the `pressmark.yaml` of a file given alone, or beside it when it has none.
 * (check.ts applies the same rules while it reports the problems of those files; standard
 * input under its --stdin-filename counts as a file given alone, as there.)
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listedKbFiles, ProjectConfigs } from '../node/projectConfig';
import { loadBuiltinKbWithInfo } from '../service/kb/builtin';
import { WorkspaceKnowledgeBase } from '../node/workspaceKb';
import { besideFiles, collectFiles, isFolder } from './common';
import { isProvided } from '../node/files';

export function projectKbFiles(positionals: readonly string[], documents: readonly string[], configs = new ProjectConfigs()): string[] {
  const kbFiles = collectFiles(positionals, ['.kb.yaml'], { onlyMatchingFiles: true }).inputs.filter((i) => !i.unreadable).map((i) => i.file);
  const folders = positionals.filter((p) => isFolder(p));
  const seen = new Set<string>();
  for (const file of documents) {
    const schema = configs.forFile(file);
    if (!schema.file || seen.has(schema.file)) continue;
    seen.add(schema.file);
    kbFiles.push(...listedKbFiles(schema, [path.dirname(schema.file), ...folders]).files);
  }
  const roots = new Set<string>();
  // (Standard input is such a file, whatever its name and whether or not it exists on disk.)
  for (const input of positionals) {
    if ((!input.endsWith('.press') && !isProvided(input)) || isFolder(input)) continue;
    const schema = configs.forFile(input);
    if (schema.file) roots.add(path.dirname(schema.file));
    else for (const f of besideFiles(path.dirname(path.resolve(input)))) if (f.endsWith('.kb.yaml') && !isProvided(path.join(path.dirname(path.resolve(input)), f))) kbFiles.push(path.join(path.dirname(path.resolve(input)), f));
  }
  const workspace = new WorkspaceKnowledgeBase(loadBuiltinKbWithInfo().kb, (f) => configs.forFile(f).config);
  workspace.scan([...roots]);
  for (const f of new Set(kbFiles.map((f) => path.resolve(f)))) if (!workspace.has(f)) workspace.read(f);
  return workspace.all().map((f) => fileURLToPath(f.uri));
}
