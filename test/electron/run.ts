/**
 * Runs the in-editor suite (test/electron/suite) in a desktop VS Code with @vscode/test-electron.
 *
 * These machines cannot download VS Code, so this never downloads: it uses the VS Code named by
 * VSCODE_EXECUTABLE (the Electron binary, the app bundle, or the `code` CLI script) or the `code`
 * found on PATH, resolved to the real Electron binary. Without one it exits with code 3 and says so.
 *
 *   npm run build && node out/test/electron/run.js     (npm run test:electron)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { BROKEN, exampleWorkspaceFiles, REPO_ROOT, requireFile } from '../e2e/fixtures';

export const NO_VSCODE = 'no VS Code executable (set VSCODE_EXECUTABLE)';
export const EXIT_NO_VSCODE = 3;

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isScript(p: string): boolean {
  const fd = fs.openSync(p, 'r');
  try {
    const buf = Buffer.alloc(2);
    fs.readSync(fd, buf, 0, 2, 0);
    return buf.toString('latin1') === '#!' || /\.(cmd|bat|sh)$/i.test(p);
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

function which(name: string): string | undefined {
  const exts = process.platform === 'win32' ? ['.cmd', '.exe', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const p = path.join(dir, name + ext);
      if (isFile(p)) return p;
    }
  }
  return undefined;
}

/** The application name in product.json next to a VS Code install (code, code-insiders, codium). */
function applicationName(installDir: string): string | undefined {
  for (const p of [path.join(installDir, 'resources', 'app', 'product.json'), path.join(installDir, 'Contents', 'Resources', 'app', 'product.json')]) {
    if (isFile(p)) {
      try {
        return (JSON.parse(fs.readFileSync(p, 'utf8')) as { applicationName?: string }).applicationName;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Resolves a path to VS Code (the Electron binary, a macOS .app, or the `code` CLI script) to the
 * Electron binary that runTests must launch; undefined when it is not a desktop VS Code.
 */
export function resolveElectron(candidate: string): string | undefined {
  let p: string;
  try {
    p = fs.realpathSync(candidate);
  } catch {
    return undefined;
  }
  if (p.endsWith('.app') && fs.statSync(p).isDirectory()) {
    const macos = path.join(p, 'Contents', 'MacOS');
    for (const name of ['Electron', 'Code', 'Code - Insiders', 'VSCodium']) {
      if (isFile(path.join(macos, name))) return path.join(macos, name);
    }
    return undefined;
  }
  if (!isFile(p) || /\.(js|cjs|mjs)$/.test(p)) return undefined;
  if (!isScript(p)) return p; // already a binary
  // The CLI script lives in <install>/bin/ (Linux, Windows) or <App>.app/Contents/Resources/app/bin/.
  const binDir = path.dirname(p);
  if (path.basename(binDir) !== 'bin') return undefined; // e.g. a remote-cli shim of VS Code Server
  const appDir = path.dirname(binDir);
  const mac = appDir.match(/^(.*\.app)\/Contents\/Resources\/app$/);
  if (mac) return resolveElectron(mac[1]);
  if (process.platform === 'win32') {
    const exe = fs.readdirSync(appDir).find((f) => /\.exe$/i.test(f) && !/unins|tunnel/i.test(f));
    return exe ? path.join(appDir, exe) : undefined;
  }
  const names = [applicationName(appDir), path.basename(p), 'code', 'code-insiders', 'codium'].filter((x): x is string => !!x);
  for (const n of names) {
    const exe = path.join(appDir, n);
    if (isFile(exe) && !isScript(exe)) return exe;
  }
  return undefined;
}

/** VSCODE_EXECUTABLE, else `code` on PATH, resolved to the Electron binary; undefined if none. */
export function findVSCode(): string | undefined {
  const fromEnv = process.env.VSCODE_EXECUTABLE;
  if (fromEnv) {
    const exe = resolveElectron(fromEnv);
    if (!exe) throw new Error(`VSCODE_EXECUTABLE=${fromEnv} is not a desktop VS Code (Electron binary, .app or the \`code\` script).`);
    return exe;
  }
  for (const name of ['code', 'code-insiders', 'codium']) {
    const cli = which(name);
    const exe = cli && resolveElectron(cli);
    if (exe) return exe;
  }
  return undefined;
}

export async function main(): Promise<number> {
  const vscodeExecutablePath = findVSCode();
  if (!vscodeExecutablePath) {
    console.log(`skipped: ${NO_VSCODE}`);
    return EXIT_NO_VSCODE;
  }
  requireFile(path.join(REPO_ROOT, 'dist', 'extension.js'), 'build the extension first (`npm run build`).');
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('note: no DISPLAY; VS Code needs one on Linux (run under xvfb-run).');
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-electron-'));
  const workspace = path.join(tmp, 'workspace');
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  for (const [name, src] of Object.entries(exampleWorkspaceFiles())) fs.copyFileSync(src, path.join(workspace, name));
  fs.copyFileSync(BROKEN, path.join(workspace, 'broken.press'));
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none' }),
  );
  console.log(`VS Code: ${vscodeExecutablePath}`);
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      extensionTestsEnv: { PRESSMARK_TEST_WORKSPACE: workspace },
      launchArgs: [
        workspace,
        '--user-data-dir', userData,
        '--extensions-dir', path.join(tmp, 'extensions'),
        '--disable-extensions', // other extensions; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--no-sandbox',
      ],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
