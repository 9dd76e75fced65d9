/**
 * Finding and reading the rejection file (`pressmark.reject.yaml`) that applies to a document:
 * the nearest one in the document's folder or above it, up to a stop folder (a workspace root)
 * or the file system root, as `pressmark.yaml` is found (projectConfig.ts). Read through
 * readFileGuarded (a regular file, at most 1 MB, inside the workspace roots when given); an open
 * editor buffer wins over the disk. Shared by the LSP server and the CLI; the parsing is pure
 * (service/rejectFile.ts).
 */
import * as path from 'node:path';
import type { Rejection } from '../service/mentions/candidate';
import type { SyntaxProblem } from '../service/model';
import { parseRejectFile, REJECT_FILE } from '../service/rejectFile';
import { REJECT_LIMITS } from '../service/yaml';
import { isInside, readFileGuarded } from './files';

export interface LoadedRejections {
  /** Absolute path of the rejection file, or undefined when none applies. */
  file: string | undefined;
  /** Its text ('' when there is none or it was not read). */
  text: string;
  /** Whether the file exists (read or refused). */
  exists: boolean;
  /** What the pipeline takes: the version changes whenever the list does. */
  rejections: { version: string; list: readonly Rejection[] };
  /** `reject.*` problems, offsets into `text` (a refused file: one at its start). */
  problems: SyntaxProblem[];
}

const NONE: LoadedRejections = { file: undefined, text: '', exists: false, rejections: { version: 'none', list: [] }, problems: [] };

/** Versions by content: a file read again with the same entries keeps its version (the caches stay warm). */
let versions = 0;

export class RejectionFiles {
  private readonly byDir = new Map<string, LoadedRejections>();
  private readonly lastVersion = new Map<string, { key: string; version: string }>();

  /**
   * @param stopDirs folders above which no rejection file is looked for (workspace roots); a
   *   file inside them must stay inside them once its symbolic links are followed
   * @param readOverride the text of an open editor buffer of a rejection file
   */
  constructor(
    private readonly stopDirs: readonly string[] = [],
    private readonly readOverride?: (file: string) => string | undefined,
  ) {}

  /** The rejections that apply to a document (by its absolute path). */
  forFile(file: string): LoadedRejections {
    return this.forDir(path.dirname(path.resolve(file)));
  }

  /** The rejection file at exactly this path (for its own diagnostics). */
  at(file: string): LoadedRejections {
    const loaded = this.forDir(path.dirname(path.resolve(file)));
    return loaded.file === path.resolve(file) ? loaded : this.load(path.resolve(file)) ?? NONE;
  }

  /**
   * A document's path as an `in:` entry of `rejections` names it: relative to the folder of the
   * rejection file, with `/`. Undefined when the document is not under that folder.
   */
  static relativePath(rejectFile: string, document: string): string | undefined {
    const dir = path.dirname(rejectFile);
    if (!isInside(dir, path.resolve(document))) return undefined;
    return path.relative(dir, path.resolve(document)).split(path.sep).join('/');
  }

  private forDir(dir: string): LoadedRejections {
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    const parent = path.dirname(dir);
    const loaded = this.load(path.join(dir, REJECT_FILE)) ?? (parent === dir || this.stopDirs.includes(dir) ? NONE : this.forDir(parent));
    this.byDir.set(dir, loaded);
    return loaded;
  }

  /** The file read and parsed, or undefined when there is none (no such file, or a folder). */
  private load(file: string): LoadedRejections | undefined {
    let text = this.readOverride?.(file);
    if (text === undefined) {
      const roots = this.stopDirs.filter((r) => isInside(path.resolve(r), file));
      const r = readFileGuarded(file, { maxBytes: REJECT_LIMITS.maxLength, roots: roots.length ? roots : undefined });
      if (!r.ok) {
        if (r.reason === 'not-found' || (r.reason === 'not-a-file' && / a folder,/.test(r.message))) return undefined;
        const problem: SyntaxProblem = {
          code: r.reason === 'too-large' ? 'reject.too-large' : 'reject.unreadable',
          span: { start: 0, end: 0 },
          message: `This rejection file is not read: ${r.message}.`,
        };
        return { file, text: '', exists: true, rejections: this.versioned(file, []), problems: [problem] };
      }
      text = r.text.charCodeAt(0) === 0xfeff ? r.text.slice(1) : r.text;
    }
    const parsed = parseRejectFile(text);
    return { file, text, exists: true, rejections: this.versioned(file, parsed.list), problems: parsed.problems };
  }

  private versioned(file: string, list: Rejection[]): { version: string; list: readonly Rejection[] } {
    const key = JSON.stringify(list);
    const last = this.lastVersion.get(file);
    if (last && last.key === key) return { version: last.version, list };
    const version = `${file}#${++versions}`;
    this.lastVersion.set(file, { key, version });
    return { version, list };
  }

  /** Forget what was read (a rejection file changed, was created or deleted); versions of unchanged lists stay. */
  clear(): void {
    this.byDir.clear();
  }
}
