/**
 * The workspace's .press files, parsed on demand and kept until they change on disk; the
 * editor's open buffers take their place. Serves references and rename across the corpus.
 */
import * as fs from 'node:fs';
import { readFileGuarded } from './files';
import { findFiles, type SkippedFile } from './walk';
import { URI } from './uri';
import type { IndexedDocument } from '../service/navigation';
import type { PressDocument } from '../service/model';
import { parse } from '../service/parser';

const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 20 * 1024 * 1024;

interface Entry {
  uri: string;
  mtimeMs: number;
  size: number;
  doc: PressDocument | undefined;
}

export class PressIndex {
  private files = new Map<string, Entry>();
  private scanned = false;

  /** `onSkip` hears of each .press file the walk passes over (a FIFO, a link leaving the roots...). */
  constructor(
    private roots: readonly string[],
    private readonly onSkip?: (skipped: SkippedFile) => void,
  ) {}

  setRoots(roots: readonly string[]): void {
    this.roots = roots;
    this.scanned = false;
  }

  /** A file was created, changed or deleted on disk. */
  touch(file: string, deleted = false): void {
    if (deleted) this.files.delete(file);
    else if (this.scanned) this.files.set(file, { uri: URI.fromPath(file), mtimeMs: -1, size: 0, doc: undefined });
  }

  private scan(): void {
    this.files.clear();
    for (const p of findFiles(this.roots, '.press', undefined, this.onSkip).slice(0, MAX_FILES)) {
      this.files.set(p, { uri: URI.fromPath(p), mtimeMs: -1, size: 0, doc: undefined });
    }
    this.scanned = true;
  }

  /**
   * Every .press document of the workspace. `open(uri)` gives the editor's parsed buffer for
   * an open document (it wins over the disk).
   */
  *documents(open: (uri: string) => PressDocument | undefined, openUris: Iterable<string>): Generator<IndexedDocument> {
    if (!this.scanned) this.scan();
    const seen = new Set<string>();
    for (const uri of openUris) {
      const doc = open(uri);
      if (doc) {
        seen.add(URI.key(uri));
        yield { uri, doc };
      }
    }
    for (const [file, entry] of this.files) {
      if (seen.has(entry.uri)) continue;
      const doc = this.load(file, entry);
      if (doc) yield { uri: entry.uri, doc };
    }
  }

  /**
   * One file of the workspace as on disk (parsed again only when its size or time changed), or
   * undefined when it is gone, not a regular file, too large or unreadable.
   */
  document(file: string): PressDocument | undefined {
    let entry = this.files.get(file);
    if (!entry) {
      entry = { uri: URI.fromPath(file), mtimeMs: -1, size: 0, doc: undefined };
      if (this.scanned) this.files.set(file, entry);
    }
    return this.load(file, entry);
  }

  private load(file: string, entry: Entry): PressDocument | undefined {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      this.files.delete(file);
      return undefined;
    }
    if (!st.isFile()) {
      // A FIFO or a device announced by a watcher: never opened (reading one blocks forever).
      this.files.delete(file);
      return undefined;
    }
    if (st.size > MAX_FILE_BYTES) return undefined;
    if (!entry.doc || entry.mtimeMs !== st.mtimeMs || entry.size !== st.size) {
      // Guarded all the same: the file may have been replaced since the stat.
      const r = readFileGuarded(file, { maxBytes: MAX_FILE_BYTES, roots: this.roots.length ? this.roots : undefined });
      if (!r.ok) return undefined;
      try {
        entry.doc = parse(r.text.charCodeAt(0) === 0xfeff ? r.text.slice(1) : r.text);
      } catch {
        return undefined;
      }
      entry.mtimeMs = st.mtimeMs;
      entry.size = st.size;
    }
    return entry.doc;
  }
}
