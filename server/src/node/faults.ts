/**
 * Test-only faults of the command line, named in PRESSMARK_FAULT_INJECTION (comma-separated),
 * as the language server's (lsp/server.ts): never set in normal use. They let the tests show
 * that a failure costs its own file only and is reported:
 *
 * - `job:NAME`: the work on an input file named NAME throws once the file is read (an analysis
 *   that fails: check, stats, export, import, annotate);
 * - `enospc:NAME`: writing a file named NAME fails with ENOSPC after half of it is written (a
 *   full disk), wherever atomic.ts writes it.
 */
import * as path from 'node:path';

let faults: ReadonlySet<string> | undefined;

export function injectedFault(kind: 'job' | 'enospc', file: string): boolean {
  faults ??= new Set((process.env.PRESSMARK_FAULT_INJECTION ?? '').split(',').filter(Boolean));
  return faults.size > 0 && faults.has(`${kind}:${path.basename(file)}`);
}

/** Throws when `job:NAME` names this file. */
export function failIfInjected(file: string): void {
  if (injectedFault('job', file)) throw new Error(`fault injected into the work on ${path.basename(file)} (PRESSMARK_FAULT_INJECTION)`);
}
