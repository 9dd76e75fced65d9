/** The command line: `pressmark <command> [options]`. A thin adapter over the pure core. */
import { runCheck } from './check';
import { runKb } from './kb';
import { runDates } from './dates';
import { runImport } from './importCmd';
import { runExport } from './exportCmd';
import { runStats } from './stats';
import { runAgree } from './agree';
import { runAnnotate } from './annotate';
import { UsageError, processIo, type Io } from './common';
import { InputError } from '../node/batch';
import { WriteError } from '../node/atomic';
import { describe } from '../node/files';
import { packageVersion } from '../node/version';


const HELP = `Usage: pressmark <command> [options]

Commands:
  check [--format text|json|sarif] <files or folders>
                                                  print the problems of .press files
  kb search <query> | kb stats [--format text|json]
                                                  search and count the knowledge base
  dates [--date D] <expression> | dates --find    normalize a date expression to TIMEX3, or
                                                  find the date expressions of a text
  import [--from raw|brat|jsonl] <files|folders>  raw releases, brat or JSONL → .press files
  export --to brat|conll|jsonl|timeml <files>     .press files → corpus formats
  stats [--format text|json] <folders>            what a corpus holds
  agree [--format text|json] <folderA> <folderB>  inter-annotator agreement and disagreements
  annotate [--types T,..] [--write] <files> | annotate --jsonl
                                                  pre-annotate names and dates (.press, .txt, JSONL)
  lsp --stdio                                     run the language server over stdio

Wherever a file is read, - reads standard input; --stdin-filename NAME gives it a name (for
messages, and for finding pressmark.yaml and *.kb.yaml as for a file of that name).
--json, where a command took it, is a deprecated name of --format json.

Options:
  -h, --help      help (also: pressmark <command> --help)
  -v, --version   print the version (package.json's)
`;

const LSP_HELP = `Usage: pressmark lsp --stdio

Runs the Pressmark language server, speaking LSP over stdin/stdout (also --node-ipc or
--socket=PORT, as vscode-languageserver accepts). Editors start it; see the README for
VS Code, Neovim and Emacs.
`;

/** Runs a command; returns the exit code (the language server never returns). */
export function main(argv: string[], io: Io = processIo): number | 'serving' {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        io.out(packageVersion() + '\n');
        return 0;
      case 'check':
        return runCheck(rest, io);
      case 'kb':
        return runKb(rest, io);
      case 'dates':
        return runDates(rest, io);
      case 'import':
        return runImport(rest, io);
      case 'export':
        return runExport(rest, io);
      case 'stats':
        return runStats(rest, io);
      case 'agree':
        return runAgree(rest, io);
      case 'annotate':
        return runAnnotate(rest, io);
      case 'lsp': {
        if (rest.includes('--help') || rest.includes('-h')) {
          io.out(LSP_HELP);
          return 0;
        }
        if (!rest.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
          throw new UsageError('lsp needs a transport: pressmark lsp --stdio');
        }
        // Loaded here so that CLI commands do not pay for the LSP libraries.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require('../lsp/main') as typeof import('../lsp/main')).runServer();
        return 'serving';
      }
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)} (see pressmark --help)`);
    }
  } catch (e) {
    return reportUncaught(e, io);
  }
}

/**
 * What ends a command early: bad usage, an input that cannot be read, an output that cannot be
 * written (a full disk: "no space left on the device") give one line and exit code 2; anything
 * else is a Pressmark bug: "internal error", exit code 1.
 */
function reportUncaught(e: unknown, io: Io): number {
  const err = e as NodeJS.ErrnoException | undefined;
  if (e instanceof UsageError || e instanceof InputError || e instanceof WriteError || err?.code?.startsWith('ERR_PARSE_ARGS')) {
    io.err(`pressmark: ${err!.message}\n`);
    return 2;
  }
  if (typeof err?.code === 'string' && err.syscall) {
    io.err(`pressmark: cannot ${err.syscall} ${err.path ?? ''}: ${describe(err.code)}\n`.replace(' :', ':'));
    return 2;
  }
  io.err(`pressmark: internal error: ${err?.message ?? String(e)}\n`);
  return 1;
}

/** `pressmark check … | head`: a reader that stops reading ends the command quietly. */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

if (require.main === module) {
  exitQuietlyOnClosedStdout();
  const code = main(process.argv.slice(2));
  if (code !== 'serving') process.exitCode = code;
}
