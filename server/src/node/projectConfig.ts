/**
 * Finding and reading a document's `pressmark.yaml` on disk: the nearest one in the
 * document's folder or above it, up to a stop folder (the workspace root) or the file
 * system root. Shared by the LSP server and the CLI; not part of the pure core.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, parseSchema, SCHEMA_FILE, type ProjectConfig } from '../service/config';
import type { SyntaxProblem } from '../service/model';

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
   * @param stopDirs folders above which no schema file is looked for (workspace roots)
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
    const text = this.readOverride?.(candidate) ?? readIfFile(candidate);
    const parent = path.dirname(dir);
    if (text !== undefined) {
      const { config, problems } = parseSchema(text);
      loaded = { file: candidate, text, config, problems };
    } else if (parent === dir || this.stopDirs.includes(dir)) {
      loaded = { file: undefined, text: '', config: defaultConfig(), problems: [] };
    } else {
      loaded = this.forDir(parent);
    }
    this.byDir.set(dir, loaded);
    return loaded;
  }

  /** Forget everything (a schema file changed, was created or deleted). */
  clear(): void {
    this.byDir.clear();
  }
}

function readIfFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
