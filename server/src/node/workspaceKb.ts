/**
 * The workspace knowledge base: every `*.kb.yaml` under the workspace roots plus the files
 * that `pressmark.yaml` lists, laid over the built-in knowledge base. Editor buffers win over
 * the disk. Shared by the LSP server and the CLI; the parsing itself is pure (service/kb/workspace.ts).
 */
import * as path from 'node:path';
import { findFiles, type SkippedFile } from './walk';
import { URI } from './uri';
import type { ProjectConfig } from '../service/config';
import type { KnowledgeBase } from '../service/kb/knowledgeBase';
import { crossFileProblems, KB_FILE_SUFFIX, parseKbFile, type KbFile } from '../service/kb/workspace';
import type { SyntaxProblem } from '../service/model';
import { readFileGuarded } from './files';

/** A workspace with more files than this is not walked further (the rest is reported in the log). */
const MAX_WALK_ENTRIES = 50_000;
/** Larger knowledge-base files are refused with a diagnostic instead of being parsed. */
export const MAX_KB_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The codes of a knowledge-base file that was not read or not parsed (its text is empty or not
 * YAML the writer can extend): never a target of the knowledge-base writer.
 */
export const UNREAD_KB_CODES: ReadonlySet<string> = new Set(['kb.too-large', 'kb.invalid-yaml', 'kb.unreadable', 'kb.too-deep', 'kb.too-many-entries']);

export function isKbFile(file: string): boolean {
  return file.endsWith(KB_FILE_SUFFIX);
}

export class WorkspaceKnowledgeBase {
  private readonly files = new Map<string, KbFile>();
  private merged: KnowledgeBase | undefined;
  private cross: Map<string, SyntaxProblem[]> | undefined;

  constructor(
    private readonly builtin: KnowledgeBase,
    private readonly configFor: (file: string) => ProjectConfig,
  ) {}

  /**
   * Finds the knowledge-base files under the roots and reads them (a walked file must stay inside
   * the roots), and the `extra` files. Returns how many. `onSkip` hears of each file the walk
   * passes over (a symbolic link leaving the roots, a FIFO...).
   */
  scan(roots: readonly string[], extra: readonly string[] = [], openText?: (file: string) => string | undefined, onSkip?: (skipped: SkippedFile) => void): number {
    const found = new Map<string, readonly string[] | undefined>(extra.map((f) => [path.resolve(f), undefined]));
    for (const f of findFiles(roots, KB_FILE_SUFFIX, MAX_WALK_ENTRIES, onSkip)) if (!found.has(f)) found.set(f, roots);
    for (const [f, within] of found) this.read(f, openText?.(f), within);
    return found.size;
  }

  /**
   * Reads (or re-reads) one file from disk, or takes the editor's text. From disk, through
   * readFileGuarded: a regular file only, at most MAX_KB_FILE_BYTES, inside `roots` when given.
   * A missing file is forgotten; one that cannot be read gets a diagnostic saying why.
   */
  read(file: string, text?: string, roots?: readonly string[]): void {
    let t = text;
    if (t === undefined) {
      const r = readFileGuarded(file, { maxBytes: MAX_KB_FILE_BYTES, roots });
      if (!r.ok) {
        if (r.reason === 'not-found') this.remove(file);
        else if (r.reason === 'too-large') this.setTooLarge(file, undefined);
        else this.setProblem(file, 'kb.unreadable', `This knowledge-base file is not read: ${r.message}.`);
        return;
      }
      t = r.text;
    }
    if (t.length > MAX_KB_FILE_BYTES) {
      this.setTooLarge(file, t.length);
      return;
    }
    const uri = URI.fromPath(file);
    this.files.set(file, parseKbFile(uri, t, this.configFor(file)));
    this.invalidate();
  }

  private setTooLarge(file: string, size: number | undefined): void {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    this.setProblem(
      file,
      'kb.too-large',
      size === undefined
        ? `This knowledge-base file is larger than ${mb(MAX_KB_FILE_BYTES)} MB: files over ${MAX_KB_FILE_BYTES / 1024 / 1024} MB are not read.`
        : `This knowledge-base file is ${mb(size)} MB; files over ${MAX_KB_FILE_BYTES / 1024 / 1024} MB are not read.`,
    );
  }

  /** The file stands, empty, with one problem at its start. */
  private setProblem(file: string, code: string, message: string): void {
    const uri = URI.fromPath(file);
    const kb = parseKbFile(uri, '', this.configFor(file));
    kb.problems.push({ code, span: { start: 0, end: 0 }, message });
    this.files.set(file, kb);
    this.invalidate();
  }

  remove(file: string): void {
    if (this.files.delete(file)) this.invalidate();
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  /** The built-in knowledge base with every workspace file laid over it. */
  knowledgeBase(): KnowledgeBase {
    if (!this.merged) {
      const entities = [...this.files.values()].flatMap((f) => f.entities);
      this.merged = entities.length ? this.builtin.withOverlay(entities) : this.builtin;
    }
    return this.merged;
  }

  /** A file's own problems and those across files. */
  problems(file: string): { kb: KbFile | undefined; problems: SyntaxProblem[] } {
    const kb = this.files.get(file);
    if (!kb) return { kb, problems: [] };
    if (!this.cross) this.cross = crossFileProblems([...this.files.values()], this.knowledgeBase());
    return { kb, problems: [...kb.problems, ...(this.cross.get(kb.uri) ?? [])].sort((a, b) => a.span.start - b.span.start) };
  }

  all(): KbFile[] {
    return [...this.files.values()];
  }

  fileOf(uri: string): KbFile | undefined {
    const file = URI.toPath(uri);
    return file === undefined ? undefined : this.files.get(file);
  }

  private invalidate(): void {
    this.merged = undefined;
    this.cross = undefined;
  }
}
