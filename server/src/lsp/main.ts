/** Starts the language server on the transport given on the command line (`--stdio`, `--node-ipc`, `--socket=N`). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

export function runServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => connection.console.error(`[pressmark] uncaught: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`[pressmark] unhandled rejection: ${String(e)}`));
  startServer(connection);
}
