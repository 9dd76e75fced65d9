/**
 * The Node options the language server process runs with: the extension passes them to the
 * server it starts, the benchmarks (bench/typing.js, bench/lsp.js, bench/statistics.js) to the
 * server they measure, and the README gives them to Neovim and Emacs users.
 *
 * `--max-semi-space-size=8` (MB): V8's semi-space grows to 32 MB by default here (Node 20:
 * v8.getHeapSpaceStatistics() new_space), and the young generation is three times the
 * semi-space (Node's documentation of the option). The server's garbage is short-lived (each edit
 * re-parses a paragraph and re-runs the recognizers), so a smaller young generation scavenges more
 * often and keeps the peak lower: `node bench/typing.js` (800 keystrokes in one 500 KB paragraph)
 * peaked at 466 MB on average over five runs with it (452–491), 494 MB without (477–505, the
 * budget is 500), about 3 ms more a keystroke (88 ms); a cold start takes ~10 ms more.
 * It cannot be set from inside the process (v8.setFlagsFromString after start leaves the young
 * generation as it was), so it is given where the process starts.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8'];
