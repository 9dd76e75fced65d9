/**
 * A minimal real LSP client for tests: spawns `node bin/pressmark.js lsp --stdio` and speaks
 * JSON-RPC over its stdio. Waits on notifications (events), never on sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '../../..');

export interface TestClient {
  conn: MessageConnection;
  proc: ChildProcess;
  /** `workspaceFolders`: sent, with the client capability to change them (workspace/didChangeWorkspaceFolders). */
  initialize(opts?: { pull?: boolean; rootUri?: string | null; configuration?: Record<string, unknown>; initializationOptions?: unknown; experimental?: unknown; workspaceFolders?: Array<{ uri: string; name: string }> }): Promise<InitializeResult>;
  /** What workspace/configuration answers from now on (send workspace/didChangeConfiguration to tell the server). */
  setConfiguration(configuration: Record<string, unknown>): void;
  /** Resolves with the next published diagnostics for uri that satisfy `accept`. */
  diagnostics(uri: string, accept?: (d: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  stderr(): string;
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  /**
   * Writes notifications to the server's stdin in one write (a burst the server reads at once);
   * call it when no other message is being written (after awaiting the previous send).
   */
  writeNotifications(notifications: ReadonlyArray<{ method: string; params: unknown }>): void;
  stop(): Promise<void>;
}

export function startServer(env: Record<string, string> = {}): TestClient {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin/pressmark.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters: Array<{ uri: string; accept: (d: PublishDiagnosticsParams) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
  let configuration: Record<string, unknown> = {};
  const published: PublishDiagnosticsParams[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    latest.set(p.uri, p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map((i) => (i.section === 'pressmark' ? configuration : null)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.listen();
  return {
    conn,
    proc,
    async initialize(opts = {}) {
      configuration = opts.configuration ?? {};
      const result = (await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: opts.rootUri ?? null,
        ...(opts.workspaceFolders ? { workspaceFolders: opts.workspaceFolders } : {}),
        initializationOptions: opts.initializationOptions,
        capabilities: {
          textDocument: {
            ...(opts.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
            publishDiagnostics: { versionSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
          },
          workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, ...(opts.workspaceFolders ? { workspaceFolders: true } : {}) },
          ...(opts.experimental !== undefined ? { experimental: opts.experimental } : {}),
        },
      })) as InitializeResult;
      await conn.sendNotification('initialized', {});
      return result;
    },
    diagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
        waiters.push({
          uri,
          accept,
          resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          },
        });
      });
    },
    setConfiguration(c) {
      configuration = c;
    },
    stderr: () => err,
    published,
    writeNotifications(notifications) {
      const frames = notifications.map(({ method, params }) => {
        const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method, params }), 'utf8');
        return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
      });
      proc.stdin!.write(Buffer.concat(frames));
    },
    async stop() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification('exit');
      } catch {
        // already gone
      }
      conn.dispose();
      if (proc.exitCode === null) {
        await Promise.race([new Promise((r) => proc.once('exit', r)), new Promise((r) => setTimeout(r, 3000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
    },
  };
}
