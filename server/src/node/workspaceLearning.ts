/**
 * Workspace learning on the node side: the names annotated in the workspace's `.press` files
 * (pressIndex.ts: the files on disk, the editor's open buffers winning) kept in a LearnedIndex
 * (service/assist/learned.ts). The whole workspace is read once, on first use; after that a
 * document that changed (an edit in the editor, a save, a file created or deleted on disk, a
 * buffer closed) is marked, and only the marked documents are read again, on the next use.
 */
import { URI } from './uri';
import type { Learned } from '../service/mentions/candidate';
import type { PressDocument } from '../service/model';
import { LearnedIndex } from '../service/assist/learned';
import type { PressIndex } from './pressIndex';
import * as path from 'node:path';
import { parse } from '../service/parser';
import { readFileGuarded } from './files';
import { findFiles } from './walk';

export interface OpenDocuments {
  /** The parsed buffer of an open `.press` document, or undefined when it is not open. */
  parsed(uri: string): PressDocument | undefined;
  /** The URIs of the open documents. */
  uris(): Iterable<string>;
}

export class WorkspaceLearning {
  private readonly index = new LearnedIndex();
  private started = false;
  private readonly dirty = new Set<string>();
  /** Whether the names changed since `takeChanged` was last asked. */
  private changed = false;

  constructor(
    private readonly press: PressIndex,
    private readonly open: OpenDocuments,
    private readonly log?: (message: string) => void,
  ) {}

  /** A document changed (its buffer, or the file on disk: `touch` the press index first), closed or deleted. */
  mark(uri: string): void {
    if (this.started) this.dirty.add(uri);
  }

  /** Read everything again on next use (the workspace roots changed). */
  reset(): void {
    this.started = false;
    this.dirty.clear();
    for (const uri of this.known) this.index.update(uri, undefined);
    this.known.clear();
    this.changed = true;
  }

  private readonly known = new Set<string>();

  /**
   * The learned names, with the marked documents read again first. Never throws: a document that
   * cannot be read or parsed (a broken buffer, a file gone) teaches nothing.
   */
  names(): { version: string; names: readonly Learned[] } {
    try {
      if (!this.started) {
        this.started = true;
        const t0 = Date.now();
        for (const d of this.press.documents((uri) => this.parsedOpen(uri), this.open.uris())) this.update(d.uri, d.doc);
        this.log?.(`workspace learning: ${this.index.names().names.length} names from ${this.index.documents()} document(s) in ${Date.now() - t0} ms`);
      } else if (this.dirty.size) {
        const uris = [...this.dirty];
        this.dirty.clear();
        for (const uri of uris) this.update(uri, this.parsedOpen(uri) ?? this.fromDisk(uri));
      }
    } catch (e) {
      this.log?.(`workspace learning: ${e instanceof Error ? e.message : String(e)}`);
    }
    return this.index.names();
  }

  private parsedOpen(uri: string): PressDocument | undefined {
    try {
      return this.open.parsed(uri);
    } catch {
      return undefined;
    }
  }

  /** Whether the names changed since the last call (then other documents' suggestions may have). */
  takeChanged(): boolean {
    const c = this.changed;
    this.changed = false;
    return c;
  }

  private update(uri: string, doc: PressDocument | undefined): void {
    if (doc) this.known.add(uri);
    else this.known.delete(uri);
    if (this.index.update(uri, doc)) this.changed = true;
  }

  private fromDisk(uri: string): PressDocument | undefined {
    const file = URI.toPath(uri);
    if (file === undefined) return undefined;
    try {
      return this.press.document(file);
    } catch {
      return undefined;
    }
  }
}

/** The largest `.press` file the CLI learns from (as the press index). */
const MAX_LEARN_FILE_BYTES = 20 * 1024 * 1024;
/** At most this many files are learned from (as the press index). */
const MAX_LEARN_FILES = 20_000;

/**
 * The CLI's learned names (`pressmark annotate`): the annotations of the given `.press` files and
 * of every `.press` file under `roots` (the project folders), each file once, read through
 * readFileGuarded; a file that cannot be read teaches nothing.
 */
export function learnFromFiles(files: readonly string[], roots: readonly string[]): { version: string; names: readonly Learned[] } {
  const index = new LearnedIndex();
  const all = new Set(files.filter((f) => f.endsWith('.press')).map((f) => path.resolve(f)));
  for (const f of findFiles(roots, '.press')) all.add(path.resolve(f));
  let n = 0;
  for (const file of all) {
    if (++n > MAX_LEARN_FILES) break;
    const r = readFileGuarded(file, { maxBytes: MAX_LEARN_FILE_BYTES });
    if (!r.ok) continue;
    try {
      index.update(file, parse(r.text.charCodeAt(0) === 0xfeff ? r.text.slice(1) : r.text));
    } catch {
      // a file that cannot be parsed teaches nothing
    }
  }
  return index.names();
}
