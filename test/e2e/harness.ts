/**
 * End-to-end harness: a real VS Code (code-server, the VS Code web build with a Node extension
 * host) driven by Playwright in Chromium.
 *
 * The binaries come from scripts/setup-e2e.sh, which caches them outside the clone and writes
 * their paths into $PRESSMARK_E2E_CACHE/env.json (default $HOME/.cache/pressmark-e2e/env.json).
 *
 * Everything here waits on events (process output, connections, DOM selectors) with deadlines;
 * nothing sleeps for a fixed time. code-server runs in its own process group, which teardown
 * (and a process-exit hook, for crashes and Ctrl+C) kills as a whole.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from './fixtures';

// Functions passed to page.evaluate run in the browser; the project compiles without the DOM lib,
// so these module-local declarations stand in for the few browser globals used there.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const MutationObserver: any;

export { REPO_ROOT };
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

export interface E2EEnv {
  node24: string;
  codeServer: string;
  chromium: string;
  nvim: string;
  codeServerVersion?: string;
}

export function envJsonPath(): string {
  const cache = process.env.PRESSMARK_E2E_CACHE || path.join(os.homedir(), '.cache', 'pressmark-e2e');
  return path.join(cache, 'env.json');
}

/** Reads env.json written by scripts/setup-e2e.sh; throws a message that says how to get it. */
export function readEnv(): E2EEnv {
  const file = envJsonPath();
  if (!fs.existsSync(file)) {
    throw new Error(
      `${file} is missing: run \`bash scripts/setup-e2e.sh\` once (it installs Chromium, Neovim, ` +
        `Node 24 and code-server and writes that file).`,
    );
  }
  const env = JSON.parse(fs.readFileSync(file, 'utf8')) as E2EEnv;
  for (const key of ['node24', 'codeServer', 'chromium'] as const) {
    if (!env[key] || !fs.existsSync(env[key])) {
      throw new Error(`${file}: ${key} = ${JSON.stringify(env[key])} does not exist; re-run \`bash scripts/setup-e2e.sh\`.`);
    }
  }
  return env;
}

/** Asks the OS for a free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') {
        srv.close();
        reject(new Error('could not read the port the OS gave'));
        return;
      }
      const port = addr.port;
      srv.close(() => resolve(port));
    });
  });
}

/** Rejects after `ms` with a message naming what was awaited. */
export function withTimeout<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (bounded); kills its process group on timeout. */
export function run(cmd: string, args: string[], opts: { timeoutMs: number; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`${path.basename(cmd)} ${args.join(' ')} did not finish within ${opts.timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, opts.timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

// Process groups still alive; killed on process exit so a crash or Ctrl+C leaves nothing behind.
const liveGroups = new Set<ChildProcess>();
let exitHooksInstalled = false;
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const c of liveGroups) killGroup(c);
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const c of liveGroups) killGroup(c);
      process.exit(128 + (os.constants.signals[sig] ?? 1));
    });
  }
}

/** Resolves once an HTTP GET to 127.0.0.1:port answers; retries on ECONNREFUSED until the deadline. */
export async function waitForHttp(port: number, urlPath: string, deadlineMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let exited: string | undefined;
  child?.once('exit', (code, signal) => (exited = `code-server exited early (code ${code}, signal ${signal})`));
  let lastError = '';
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    const answered = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: urlPath, timeout: Math.max(1, deadline - Date.now()) }, (res) => {
        res.resume();
        resolve(true);
      });
      req.once('timeout', () => {
        lastError = 'timeout';
        req.destroy();
        resolve(false);
      });
      req.once('error', (e: NodeJS.ErrnoException) => {
        lastError = e.code ?? e.message;
        resolve(false);
      });
    });
    if (answered) return;
    if (lastError !== 'ECONNREFUSED' && lastError !== 'ECONNRESET' && lastError !== 'timeout') {
      throw new Error(`waiting for 127.0.0.1:${port}: ${lastError}`);
    }
    // The port is not open yet: wait for the next sign of life from the server (its output) or a
    // short poll interval, whichever comes first, then try again.
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, 100);
      function done(): void {
        clearTimeout(t);
        child?.stdout?.off('data', done);
        child?.stderr?.off('data', done);
        resolve();
      }
      child?.stdout?.once('data', done);
      child?.stderr?.once('data', done);
    });
  }
  throw new Error(`127.0.0.1:${port}${urlPath} did not answer within ${deadlineMs} ms (last error: ${lastError})`);
}

export interface SessionOptions {
  /** Path of the .vsix to install; omit to start code-server without it. */
  vsix?: string;
  /** Files to copy into the temporary workspace: name in workspace -> source path. */
  files: Record<string, string>;
  /** Extra user settings merged over the defaults. */
  settings?: Record<string, unknown>;
  /**
   * Run an extension test suite in the workbench (VS Code's `extensionDevelopmentPath` and
   * `extensionTestsPath`, passed as the web build's `payload`); `extensionTestsExit` then resolves
   * with the suite's exit code, reported through `window.codeAutomationExit`.
   */
  extensionTests?: { developmentPath: string; testsPath: string; env?: Record<string, string> };
  /** Milliseconds to wait for code-server to answer and for the workbench to render. */
  startTimeoutMs?: number;
}

const DEFAULT_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.wordWrap': 'on',
  'editor.occurrencesHighlight': 'off',
  // Typing in tests must produce exactly the typed text.
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.inlineSuggest.enabled': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 100,
  'editor.fontSize': 14,
  'window.commandCenter': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
};

/**
 * VS Code's own defaults for everything that changes what typing produces (suggestions, commit
 * characters, auto-closing). DEFAULT_SETTINGS turns them off so typed text stays exact; a suite
 * that must type as a user does (issue 14: "suggestions on") passes these back.
 */
export const VSCODE_EDITING_DEFAULTS: Readonly<Record<string, unknown>> = {
  'editor.quickSuggestions': { other: 'on', comments: 'off', strings: 'off' },
  'editor.quickSuggestionsDelay': 10,
  'editor.suggestOnTriggerCharacters': true,
  'editor.acceptSuggestionOnCommitCharacter': true,
  'editor.acceptSuggestionOnEnter': 'on',
  'editor.suggestSelection': 'first',
  'editor.wordBasedSuggestions': 'matchingDocuments',
  'editor.autoClosingBrackets': 'languageDefined',
  'editor.autoClosingQuotes': 'languageDefined',
  'editor.autoClosingOvertype': 'auto',
  'editor.autoSurround': 'languageDefined',
};

/**
 * For a suite's `afterEach`: when the test failed, saves what the page showed and the logs
 * (test-results/<title>.png / .log), says where, and returns true.
 */
export async function saveArtifactsIfFailed(s: CodeServerSession | undefined, t: { state?: string; fullTitle(): string } | undefined): Promise<boolean> {
  if (!s || !t || t.state !== 'failed') return false;
  const base = await s.saveFailureArtifacts(t.fullTitle());
  console.log(`      failure artifacts: ${path.relative(REPO_ROOT, base)}.png / .log`);
  return true;
}

/** One code-server + one Chromium page, with a workspace in a temp folder. */
export class CodeServerSession {
  readonly logs: string[] = [];
  /** Output of an extension test run (browser console and workbench log lines). */
  readonly testOutput: string[] = [];
  /** Resolves with the exit code of the suite given in `extensionTests`. */
  extensionTestsExit?: Promise<number>;
  private constructor(
    readonly env: E2EEnv,
    readonly tmp: string,
    readonly workspace: string,
    readonly userDataDir: string,
    readonly extensionsDir: string,
    readonly port: number,
    private readonly server: ChildProcess,
    readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async start(opts: SessionOptions): Promise<CodeServerSession> {
    installExitHooks();
    const env = readEnv();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-e2e-'));
    try {
      return await CodeServerSession.startIn(tmp, env, opts);
    } catch (e) {
      if (!process.env.PRESSMARK_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  private static async startIn(tmp: string, env: E2EEnv, opts: SessionOptions): Promise<CodeServerSession> {
    const startTimeout = opts.startTimeoutMs ?? 90_000;
    const workspace = path.join(tmp, 'workspace');
    const userDataDir = path.join(tmp, 'user-data');
    const extensionsDir = path.join(tmp, 'extensions');
    for (const d of [workspace, path.join(userDataDir, 'User'), extensionsDir]) fs.mkdirSync(d, { recursive: true });
    for (const [name, src] of Object.entries(opts.files)) {
      const dest = path.join(workspace, name);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(src, dest);
    }
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, ...(opts.settings ?? {}) }, null, 2),
    );
    const baseArgs = [env.codeServer, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
    const childEnv: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(env.node24)}:${process.env.PATH ?? ''}` };
    // Do not let a surrounding VS Code / code-server session leak into ours.
    for (const k of Object.keys(childEnv)) {
      if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'CODE_SERVER_PARENT_PID') delete childEnv[k];
    }

    if (opts.vsix) {
      if (!fs.existsSync(opts.vsix)) throw new Error(`${opts.vsix} does not exist: run \`npm run package\` first.`);
      const r = await run(env.node24, [...baseArgs, '--install-extension', opts.vsix, '--force'], { timeoutMs: 120_000, env: childEnv });
      if (r.code !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
        throw new Error(`code-server --install-extension ${opts.vsix} failed (code ${r.code}):\n${r.stdout}\n${r.stderr}`);
      }
    }

    const port = await freePort();
    const server = spawn(
      env.node24,
      [
        ...baseArgs,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        workspace,
      ],
      { env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    liveGroups.add(server);
    server.once('exit', () => liveGroups.delete(server));
    const logs: string[] = [];
    server.stdout!.on('data', (d: Buffer) => logs.push(d.toString()));
    server.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));

    let browser: Browser | undefined;
    try {
      await waitForHttp(port, '/healthz', startTimeout, server);
      browser = await chromium.launch({
        executablePath: env.chromium,
        headless: true,
        timeout: 60_000,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
          // A page answered through page.route has no address space, so Chromium's Local Network
          // Access checks would block its WebSocket to 127.0.0.1.
          '--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets',
          '--no-first-run',
          '--no-default-browser-check',
        ],
      });
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      const session = new CodeServerSession(env, tmp, workspace, userDataDir, extensionsDir, port, server, browser, page);
      session.logs.push(...logs);
      server.stdout!.on('data', (d: Buffer) => session.logs.push(d.toString()));
      server.stderr!.on('data', (d: Buffer) => session.logs.push(d.toString()));
      page.on('console', (m) => {
        if (m.type() === 'error') session.logs.push(`[browser console] ${m.text()}`);
      });
      let query = `folder=${encodeURIComponent(workspace)}`;
      if (opts.extensionTests) {
        const remote = (p: string): string => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
        const payload: Array<[string, string]> = [
          ['extensionDevelopmentPath', remote(opts.extensionTests.developmentPath)],
          ['extensionTestsPath', remote(opts.extensionTests.testsPath)],
          ['skipWelcome', 'true'],
        ];
        if (opts.extensionTests.env) payload.push(['extensionEnvironment', JSON.stringify(opts.extensionTests.env)]);
        query += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
        // The built web workbench honours these payload entries only with its smoke-test driver
        // enabled, which code-server has no flag for: switch it on in the workbench configuration
        // that the page embeds (test instrumentation of this browser page only).
        await page.route(
          (u) => u.pathname === '/' && u.port === String(port),
          async (route) => {
            const response = await route.fetch();
            const body = (await response.text()).replace(
              '&quot;developmentOptions&quot;:{',
              '&quot;developmentOptions&quot;:{&quot;enableSmokeTestDriver&quot;:true,',
            );
            await route.fulfill({ response, body });
          },
        );
        session.extensionTestsExit = new Promise<number>((resolve) => {
          void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
        });
        await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
          session.testOutput.push(`[${level}] ${typeof args === 'string' ? args : JSON.stringify(args)}`);
        });
        page.on('console', (m) => session.testOutput.push(m.text()));
      }
      await page.goto(`http://127.0.0.1:${port}/?${query}`, { timeout: startTimeout });
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: startTimeout });
      await page.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: startTimeout });
      return session;
    } catch (e) {
      await browser?.close().catch(() => undefined);
      killGroup(server);
      liveGroups.delete(server);
      throw new Error(`${(e as Error).message}\n--- code-server output ---\n${logs.join('')}`);
    }
  }

  /** Opens a workspace file by clicking its row in the explorer; resolves when its editor is active. */
  async openFile(name: string): Promise<void> {
    const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
    await this.page
      .locator(`.tabs-container .tab.active[aria-label^="${name}"], .tabs-container .tab.active[data-resource-name="${name}"]`)
      .first()
      .waitFor({ state: 'visible' });
    await this.editor().locator('.view-lines .view-line').first().waitFor({ state: 'visible' });
  }

  /** The active text editor (the one in the active editor group). */
  editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /**
   * Moves the keyboard focus into the active editor (through the command palette, since a click
   * lands wherever the editor happens to be scrolled); resolves when the editor has the focus.
   */
  async focusEditor(): Promise<void> {
    await this.runCommand('View: Focus Active Editor Group');
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ state: 'visible' });
  }

  squiggles(): Locator {
    return this.editor().locator('.squiggly-error, .squiggly-warning, .squiggly-info');
  }

  /** Waits until at least `min` squiggles are drawn in the active editor; returns how many. */
  async waitForSquiggles(min = 1, timeoutMs = 60_000): Promise<number> {
    const sel = '.editor-group-container.active .monaco-editor .squiggly-error, .editor-group-container.active .monaco-editor .squiggly-warning, .editor-group-container.active .monaco-editor .squiggly-info';
    await this.page.waitForFunction(
      ([s, n]) => document.querySelectorAll(s as string).length >= (n as number),
      [sel, min] as const,
      { timeout: timeoutMs },
    );
    return this.squiggles().count();
  }

  /** Waits until the squiggle count satisfies `pred`; returns it. */
  async waitForSquiggleCount(pred: (n: number) => boolean, what: string, timeoutMs = 60_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    const sel = '.editor-group-container.active .monaco-editor :is(.squiggly-error, .squiggly-warning, .squiggly-info)';
    let n = await this.squiggles().count();
    while (!pred(n)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for squiggles: ${what} (last count ${n})`);
      // Resolves on the next DOM change that alters the count (a MutationObserver in the page).
      n = await this.page.evaluate(
        ([s, prev, ms]) =>
          new Promise<number>((resolve) => {
            const count = () => document.querySelectorAll(s as string).length;
            if (count() !== prev) return resolve(count());
            const obs = new MutationObserver(() => {
              if (count() !== prev) {
                obs.disconnect();
                clearTimeout(t);
                resolve(count());
              }
            });
            const t = setTimeout(() => {
              obs.disconnect();
              resolve(count());
            }, ms as number);
            obs.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
          }),
        [sel, n, left] as const,
      );
    }
    return n;
  }

  /**
   * Moves the mouse onto `target` and returns the text of the hover card that appears. A hover
   * asked before the language server is up shows nothing and is not asked again while the mouse
   * rests, so each attempt moves the mouse away and back, until a card shows or the deadline.
   */
  async hover(target: Locator, timeoutMs = 20_000, expect: RegExp = /\S/): Promise<string> {
    // VS Code shows "Loading..." while the provider works: wait for the real content.
    const anyCard = this.page.locator('.monaco-hover-content').first();
    const card = this.page.locator('.monaco-hover-content').filter({ hasText: expect, hasNotText: /^\s*Loading\W*$/ }).first();
    const deadline = Date.now() + timeoutMs;
    let attempt = 0;
    for (;;) {
      attempt++;
      // Move away first so a hover card left over from an earlier hover closes.
      await this.page.mouse.move(1, 1);
      await this.page.keyboard.press('Escape');
      await anyCard.waitFor({ state: 'hidden', timeout: Math.max(1, deadline - Date.now()) }).catch(() => undefined);
      // Squiggles are decorations under the text layer, so Playwright's locator.hover() sees the
      // text "intercepting" them: move the real mouse to the target's coordinates instead.
      let box: { x: number; y: number; width: number; height: number } | null = null;
      try {
        await target.scrollIntoViewIfNeeded({ timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) });
        box = await target.boundingBox();
      } catch (e) {
        // The editor re-rendered its lines (semantic tokens or diagnostics arriving) and the span
        // was replaced between finding and scrolling: find it again, until the deadline.
        if (deadline - Date.now() <= 0) throw e;
        continue;
      }
      if (!box) {
        if (deadline - Date.now() <= 0) throw new Error('hover target is not visible');
        continue;
      }
      const x = box.x + Math.min(6, box.width / 2);
      const y = box.y + box.height / 2;
      await this.page.mouse.move(x - 2, y);
      await this.page.mouse.move(x, y, { steps: 2 });
      const left = deadline - Date.now();
      try {
        await card.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(5_000, left)) });
        return (await card.innerText()).trim();
      } catch (e) {
        if (deadline - Date.now() <= 0) {
          throw new Error(`no hover card after ${attempt} attempt(s) in ${timeoutMs} ms: ${(e as Error).message.split('\n')[0]}`);
        }
      }
    }
  }

  /** A text span (token) in the active editor whose whole text is `text`. */
  token(text: string): Locator {
    return this.editor().locator('.view-lines .view-line span span').filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
  }

  /** The Problems item in the status bar. */
  problemsItem(): Locator {
    return this.page.locator('#status\\.problems, .statusbar-item[id="status.problems"]').first();
  }

  /** The Problems counts shown in the status bar: {errors, warnings, infos}. */
  async problemsCount(): Promise<{ errors: number; warnings: number; infos: number; total: number; label: string }> {
    const item = this.problemsItem();
    await item.waitFor({ state: 'visible' });
    const label = ((await item.getAttribute('aria-label')) || (await item.innerText())).trim();
    return parseProblems(label, await item.innerText());
  }

  /** Waits until the status-bar Problems count satisfies `pred`. */
  async waitForProblems(pred: (total: number) => boolean, what: string, timeoutMs = 60_000): Promise<number> {
    const item = this.problemsItem();
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    const deadline = Date.now() + timeoutMs;
    let last = await this.problemsCount();
    while (!pred(last.total)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for the Problems count: ${what} (last: ${last.label})`);
      // Wait for the status bar item to change (a MutationObserver), bounded by the time left.
      await item.evaluate(
        (el, ms) =>
          new Promise<void>((resolve) => {
            const obs = new MutationObserver(() => {
              obs.disconnect();
              clearTimeout(t);
              resolve();
            });
            const t = setTimeout(() => {
              obs.disconnect();
              resolve();
            }, ms);
            obs.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
          }),
        left,
      );
      last = await this.problemsCount();
    }
    return last.total;
  }

  /** Opens the Problems panel and returns the text of each marker row (message, source, code). */
  async problemRows(): Promise<string[]> {
    await this.runCommand('View: Focus Problems');
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ state: 'visible' });
    return rows.evaluateAll((els) => els.map((e) => (e as any).innerText.replace(/\s+/g, ' ').trim()));
  }

  /** Runs a command from the command palette by its title. */
  async runCommand(title: string): Promise<void> {
    const item = await this.paletteRow(title);
    await item.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Opens the command palette, types `>title` and waits for the command's row (not chosen yet). */
  private async paletteRow(title: string): Promise<Locator> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const item = this.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first();
    await item.waitFor({ state: 'visible' });
    return item;
  }

  /**
   * Where to click to put the caret before the character at `offset` (UTF-16) of the first drawn
   * line that starts with `linePrefix`: a quarter into that character; null when no such line is
   * drawn.
   */
  async charPoint(linePrefix: string, offset: number): Promise<{ x: number; y: number } | null> {
    return this.editor().locator('.view-lines').evaluate(
      (root, [prefix, at]) => {
        const line = Array.from(root.querySelectorAll('.view-line') as ArrayLike<any>).find((l) =>
          String(l.textContent).replace(/\u00a0/g, ' ').startsWith(prefix as string),
        );
        if (!line) return null;
        const walker = document.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
        let seen = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.data.length;
          if (seen + len > (at as number)) {
            const r = document.createRange();
            r.setStart(n, (at as number) - seen);
            r.setEnd(n, (at as number) - seen + 1);
            const b = r.getBoundingClientRect();
            // A quarter into the character: the click places the caret before it.
            return { x: b.x + b.width / 4, y: b.y + b.height / 2 };
          }
          seen += len;
        }
        return null;
      },
      [linePrefix, offset] as const,
    );
  }

  /**
   * Runs a command from the command palette by its title when the command opens a quick pick of
   * its own: resolves when the palette's row is chosen and the command's picker shows `expect`.
   */
  async runCommandToPicker(title: string, expect: string | RegExp): Promise<void> {
    await this.paletteRow(title);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget:not(.quick-input-widget-closing) .monaco-list-row').filter({ hasText: expect }).first().waitFor({ state: 'visible' });
  }

  /** Text of the extension-host logs (for activation problems) and the language server output. */
  extensionHostLog(): string {
    const out: string[] = [];
    const walk = (dir: string): void => {
      if (!fs.existsSync(dir)) return;
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/exthost|pressmark/i.test(p) && p.endsWith('.log')) out.push(`=== ${path.relative(this.userDataDir, p)}\n${fs.readFileSync(p, 'utf8')}`);
      }
    };
    walk(path.join(this.userDataDir, 'logs'));
    return out.join('\n');
  }

  async screenshot(file: string): Promise<string> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, timeout: 30_000 });
    return file;
  }

  /** Saves a screenshot and the logs under test-results/ (for a failed test). */
  async saveFailureArtifacts(name: string): Promise<string> {
    const safe = name.replace(/[^\w.-]+/g, '_').slice(0, 100);
    const base = path.join(RESULTS_DIR, safe);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    try {
      await this.screenshot(`${base}.png`);
    } catch {
      // the page may be gone
    }
    fs.writeFileSync(`${base}.log`, `--- code-server ---\n${this.logs.join('')}\n--- extension host ---\n${this.extensionHostLog()}`);
    return base;
  }

  async dispose(): Promise<void> {
    await withTimeout('the browser to close', 15_000, this.browser.close()).catch(() => undefined);
    killGroup(this.server);
    liveGroups.delete(this.server);
    if (!process.env.PRESSMARK_E2E_KEEP) fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}

/** Parses the status-bar Problems item ("Errors: 2, Warnings: 1" / "No Problems" / "2 1 0"). */
export function parseProblems(label: string, text: string): { errors: number; warnings: number; infos: number; total: number; label: string } {
  const pick = (re: RegExp): number | undefined => {
    const m = re.exec(label);
    return m ? Number(m[1]) : undefined;
  };
  let errors = pick(/(\d+)\s*errors?/i) ?? pick(/errors?:\s*(\d+)/i);
  let warnings = pick(/(\d+)\s*warnings?/i) ?? pick(/warnings?:\s*(\d+)/i);
  let infos = pick(/(\d+)\s*infos?/i) ?? pick(/infos?:\s*(\d+)/i);
  if (errors === undefined && warnings === undefined && /no problems/i.test(label)) {
    errors = 0;
    warnings = 0;
  }
  if (errors === undefined || warnings === undefined) {
    const nums = (text.match(/\d+/g) ?? []).map(Number);
    if (nums.length >= 2) {
      errors = nums[0];
      warnings = nums[1];
      infos = infos ?? nums[2];
    } else {
      throw new Error(`cannot read the Problems count from ${JSON.stringify(label)} / ${JSON.stringify(text)}`);
    }
  }
  infos = infos ?? 0;
  return { errors, warnings, infos, total: errors + warnings + infos, label: `${label} | ${text.replace(/\s+/g, ' ')}` };
}
