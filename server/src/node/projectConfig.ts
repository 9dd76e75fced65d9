/**
 * Finding and reading a document's `pressmark.yaml` on disk: the nearest one in the
 * document's folder or above it, up to a stop folder (the workspace root) or the file
 * system root; and resolving the knowledge-base files it lists. Shared by the LSP server and
 * the CLI; not part of the pure core.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, parseSchema, SCHEMA_FILE, type ProjectConfig } from '../service/config';
import type { SyntaxProblem } from '../service/model';
import type { Span } from '../service/text';
import { isInside, isInsideRoots, readFileGuarded } from './files';

/**
 * A larger `pressmark.yaml` is not read (the YAML guard's limit for it, in bytes; a schema of
 * thousands of types is a few hundred KB).
 */
export const MAX_SCHEMA_FILE_BYTES = 1024 * 1024;

export interface LoadedSchema {
  /** Absolute path of the schema file, or undefined when none applies. */
  file: string | undefined;
  text: string;
  config: ProjectConfig;
  problems: SyntaxProblem[];
}

export class ProjectConfigs {
  private readonly byDir = new Map<string, LoadedSchema>();

  /**
   * @param stopDirs folders above which no schema file is looked for (workspace roots); a schema
   *   file inside them must stay inside them once its symbolic links are followed
   * @param readOverride text of an open, unsaved schema file, when the editor has one
   */
  constructor(
    private readonly stopDirs: readonly string[] = [],
    private readonly readOverride?: (file: string) => string | undefined,
  ) {}

  /** The schema that applies to a file. */
  forFile(file: string): LoadedSchema {
    return this.forDir(path.dirname(path.resolve(file)));
  }

  private forDir(dir: string): LoadedSchema {
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    let loaded: LoadedSchema;
    const candidate = path.join(dir, SCHEMA_FILE);
    const read = this.read(candidate);
    const parent = path.dirname(dir);
    if (read.text !== undefined) {
      const { config, problems } = parseSchema(read.text, candidate);
      loaded = { file: candidate, text: read.text, config, problems };
    } else if (read.refused !== undefined) {
      // There is a schema file here, but it cannot be read: it applies (a file above would not),
      // and every document under it says why it is not read.
      const problem: SyntaxProblem = { code: 'schema.unreadable', span: { start: 0, end: 0 }, message: `${read.refused}: it is not read.` };
      loaded = { file: candidate, text: '', config: { ...defaultConfig(), unreadable: `${read.refused}: it is not read.` }, problems: [problem] };
    } else if (parent === dir || this.stopDirs.includes(dir)) {
      loaded = { file: undefined, text: '', config: defaultConfig(), problems: [] };
    } else {
      loaded = this.forDir(parent);
    }
    this.byDir.set(dir, loaded);
    return loaded;
  }

  /**
   * The text of a schema file, or why it is refused, or neither when there is none (no such
   * file, or a folder of that name). Read through readFileGuarded: a regular file only (a FIFO or
   * a device is refused without blocking), at most MAX_SCHEMA_FILE_BYTES, and, inside the
   * workspace roots, no symbolic link leaving them.
   */
  private read(file: string): { text?: string; refused?: string } {
    const open = this.readOverride?.(file);
    if (open !== undefined) return { text: open };
    const roots = this.stopDirs.filter((r) => isInside(path.resolve(r), file));
    const r = readFileGuarded(file, { maxBytes: MAX_SCHEMA_FILE_BYTES, roots: roots.length ? roots : undefined });
    if (r.ok) return { text: r.text };
    if (r.reason === 'not-found' || (r.reason === 'not-a-file' && isFolder(file))) return {};
    if (r.reason === 'too-large') return { refused: `${file} is larger than ${MAX_SCHEMA_FILE_BYTES / 1024 / 1024} MB` };
    if (r.reason === 'outside') return { refused: `${file} is a symbolic link to ${realpathOrSelf(file)}, outside the workspace` };
    return { refused: r.message };
  }

  /** Forget everything (a schema file changed, was created or deleted). */
  clear(): void {
    this.byDir.clear();
  }
}

function realpathOrSelf(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return file;
  }
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The knowledge-base files a schema lists that may be read, and a problem for each that may not. */
export interface ListedKbFiles {
  /** Absolute paths, in the order listed. */
  files: string[];
  /** `schema.kb-file-refused` at the entry in the schema file (offsets into its text). */
  problems: SyntaxProblem[];
}

/**
 * Resolves the `knowledgeBase:` entries of a schema against its folder. An entry is read only if
 * it is a regular file inside one of `roots` once every symbolic link is followed; a path
 * leaving them, a device, a FIFO, a folder or a missing file is a problem at the entry (the file
 * is not opened, so nothing of it is echoed). `roots`: the workspace folders in the editor; for
 * the CLI, the folder of the schema file and the folders given on the command line. The one place
 * this rule lives, for the server and for `pressmark check`.
 */
export function listedKbFiles(schema: LoadedSchema, roots: readonly string[]): ListedKbFiles {
  const out: ListedKbFiles = { files: [], problems: [] };
  if (!schema.file) return out;
  const dir = path.dirname(schema.file);
  const spans = schema.config.knowledgeBaseSpans ?? [];
  const seen = new Set<string>();
  schema.config.knowledgeBase.forEach((entry, i): void => {
    const span: Span = spans[i] ?? { start: 0, end: 0 };
    const file = path.resolve(dir, entry);
    const refuse = (why: string): void => void out.problems.push({ code: 'schema.kb-file-refused', span, message: `\`${entry}\` is not read: ${why}.` });
    if (!isInsideRoots(file, roots)) {
      const through = roots.some((r) => isInside(path.resolve(r), file)) ? ' once its symbolic links are followed' : '';
      return refuse(`${file} is outside the workspace${through} (a file outside it is read only when the setting pressmark.knowledgeBase.additionalFiles lists it)`);
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return refuse(code === 'ENOENT' ? `there is no file ${file}` : `${file} cannot be read (${code ?? String(e)})`);
    }
    if (!st.isFile()) {
      const kind = st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
      return refuse(`${file} is ${kind}, not a regular file`);
    }
    if (!seen.has(file)) {
      seen.add(file);
      out.files.push(file);
    }
  });
  return out;
}
