/**
 * The CLI in CI (issue 16 item 4): `-` reads standard input everywhere a file is read, with
 * --stdin-filename for messages and look-ups; one --format flag (--json a deprecated alias);
 * SARIF 2.1.0 from `check`, valid by the official schema; --version from package.json; no
 * control characters unless a capable terminal; `npm pack` then a global install gives a
 * working `pressmark`. Runs dist/cli.js through bin/pressmark.js (`npm run build` first).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageVersion } from '../../server/src/node/version';
import { supportsControl } from '../../server/src/cli/common';
import { RULES } from '../../server/src/service/rules';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/pressmark.js');
const EXAMPLE = path.join(ROOT, 'examples/kazinform-2022-06-29.press');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function run(args: string[], options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv; bin?: string } = {}): Run {
  const bin = options.bin ?? BIN;
  const r = spawnSync(bin.endsWith('.js') ? process.execPath : bin, bin.endsWith('.js') ? [bin, ...args] : args, {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    input: options.input ?? '',
    env: options.env ?? process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI in CI: standard input (-) and --stdin-filename', function () {
  this.timeout(60_000);
  let dir: string;
  const example = fs.readFileSync(EXAMPLE, 'utf8');
  // KQ is no country; xavier-bettel is known only from examples/kazinform.kb.yaml.
  const broken = example.replace('[Kazakhstan]{country:KZ}', '[Kazakhstan]{country:KQ}');
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-ci-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('cat doc.press | pressmark check - --stdin-filename doc.press: the same output as the file', () => {
    const cwd = path.join(ROOT, 'examples');
    const name = path.basename(EXAMPLE);
    const ok = run(['check', '-', '--stdin-filename', name], { input: example, cwd });
    assert.equal(ok.code, 0, ok.err);
    assert.equal(ok.out, '');
    fs.writeFileSync(path.join(dir, name), broken);
    fs.copyFileSync(path.join(ROOT, 'examples/kazinform.kb.yaml'), path.join(dir, 'kazinform.kb.yaml'));
    const fromFile = run(['check', name], { cwd: dir });
    const fromStdin = run(['check', '-', '--stdin-filename', name], { input: broken, cwd });
    assert.equal(fromStdin.code, 1);
    assert.ok(fromFile.out.length > 0);
    assert.equal(fromStdin.out, fromFile.out);
    assert.match(fromStdin.out, new RegExp(`^${name.replace(/\./g, '\\.')}:\\d+:\\d+ error Unknown country id \`KQ\``, 'm'));
  });

  it('looks pressmark.yaml and *.kb.yaml up from the --stdin-filename path, and names - without it', () => {
    // from the examples folder the person of kazinform.kb.yaml is known; from an empty folder it is not
    const away = run(['check', '-', '--stdin-filename', path.join(dir, 'elsewhere', 'doc.press')], { input: example });
    assert.equal(away.code, 1);
    assert.match(away.out, /elsewhere\/doc\.press:\d+:\d+ error Unknown org id `BCCK`.*\(entity\.unknown-id\)/);
    const home = run(['check', '-', '--stdin-filename', 'examples/doc.press'], { input: example });
    assert.equal(home.code, 0, home.out);
    // a pressmark.yaml found from the name: its type is known
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(ws, { recursive: true });
    fs.writeFileSync(path.join(ws, 'pressmark.yaml'), 'types:\n  product: {}\n');
    const doc = '[Widget]{product}\n';
    assert.equal(run(['check', '-', '--stdin-filename', path.join(ws, 'a.press')], { input: doc }).code, 0);
    const bare = run(['check', '-'], { input: doc, cwd: dir });
    assert.equal(bare.code, 1);
    assert.match(bare.out, /^-:1:\d+ error .*\(syntax\.unknown-type\)\n$/);
  });

  it('export reads - under a --stdin-filename that is not on disk, as check does (its project: the folder named)', () => {
    const cwd = path.join(ROOT, 'examples');
    const c = run(['check', '-', '--stdin-filename', 'not-on-disk.press'], { cwd, input: example });
    assert.equal(c.code, 0, c.err);
    const r = run(['export', '--to', 'jsonl', '-', '--stdin-filename', 'not-on-disk.press'], { cwd, input: example });
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).id, 'not-on-disk');
  });

  it('reads - in stats, export, agree, annotate, dates --find, import --from jsonl and kb --kb', () => {
    const cwd = path.join(ROOT, 'examples');
    const name = path.basename(EXAMPLE);
    const same = (args: string[], stdinArgs: string[], input: string) => {
      const a = run(args, { cwd });
      const b = run(stdinArgs, { cwd, input });
      assert.equal(b.code, a.code, `${stdinArgs.join(' ')}: ${b.err}`);
      assert.equal(b.out, a.out, stdinArgs.join(' '));
      assert.ok(a.out.length > 0, args.join(' '));
    };
    same(['stats', '--format', 'json', name], ['stats', '--format', 'json', '-', '--stdin-filename', name], example);
    same(['export', '--to', 'jsonl', name], ['export', '--to', 'jsonl', '-', '--stdin-filename', name], example);
    same(['export', '--to', 'conll', name], ['export', '--to', 'conll', '-', '--stdin-filename', name], example);
    same(['agree', '--format', 'json', name, name], ['agree', '--format', 'json', '-', name, '--stdin-filename', 'copy.press'], example);
    same(['annotate', name], ['annotate', '-', '--stdin-filename', name], example);
    const txt = fs.readFileSync(path.join(ROOT, 'examples/kazinform-2022-06-29.txt'), 'utf8');
    same(['annotate', 'kazinform-2022-06-29.txt'], ['annotate', '-'], txt);
    same(['dates', '--find', 'kazinform-2022-06-29.txt'], ['dates', '--find', '-'], txt);
    same(['kb', 'search', '--format', 'json', '--kb', 'kazinform.kb.yaml', 'Bettel'], ['kb', 'search', '--format', 'json', '--kb', '-', '--stdin-filename', 'kazinform.kb.yaml', 'Bettel'], fs.readFileSync(path.join(cwd, 'kazinform.kb.yaml'), 'utf8'));
    // import: the JSONL export of the example, read back from standard input
    const jsonl = run(['export', '--to', 'jsonl', name], { cwd }).out;
    const out = path.join(dir, 'imported');
    const r = run(['import', '--from', 'jsonl', '--out', out, '-'], { input: jsonl, cwd });
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.readFileSync(path.join(out, 'kazinform-2022-06-29.press'), 'utf8'), example);
  });

  it('refuses - twice, --stdin-filename without -, and standard input where it cannot be used (exit 2)', () => {
    for (const args of [
      ['check', '-', '-'],
      ['check', '--stdin-filename', 'x.press', EXAMPLE],
      ['import', '--from', 'brat', '-'],
      ['import', '-'],
      ['annotate', '--write', '-'],
    ]) {
      const r = run(args, { input: 'x\n' });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /^pressmark: .+\n$/);
    }
  });
});

describe('CLI in CI: one --format flag', function () {
  this.timeout(60_000);
  const corpus = path.join(ROOT, 'examples');

  it('takes --format text|json on stats, agree, kb search and kb stats; --json is the same as --format json', () => {
    for (const args of [
      ['stats', corpus],
      ['agree', corpus, corpus],
      ['kb', 'search', 'Kazakhstan'],
      ['kb', 'stats'],
      ['check', corpus],
    ]) {
      const json = run([...args, '--format', 'json']);
      const alias = run([...args, '--json']);
      const text = run([...args, '--format', 'text']);
      const plain = run(args);
      assert.equal(json.code, alias.code, args.join(' '));
      JSON.parse(json.out);
      assert.equal(alias.out, json.out, args.join(' '));
      assert.equal(text.out, plain.out, args.join(' '));
      if (json.out.trim() !== '[]') assert.notEqual(text.out, json.out, args.join(' '));
    }
  });

  it('refuses an unknown format and --json with another --format (exit 2)', () => {
    for (const args of [['stats', '--format', 'xml', corpus], ['kb', 'stats', '--format', 'sarif'], ['agree', '--json', '--format', 'text', corpus, corpus], ['check', '--format', 'csv', corpus]]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /^pressmark: --(format|json) .+\n$/);
    }
  });
});

describe('CLI in CI: check --format sarif', function () {
  this.timeout(120_000);
  let dir: string;
  let log: { version: string; runs: Array<Record<string, any>> };
  const doc = '---\ndate: 2022-06-29\n---\nПривет 😀 [x]{cuontry:KZ} and [Kazakhstan]{country:KQ}.\n[Luxembourg]{country}\n';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-sarif-'));
    fs.writeFileSync(path.join(dir, 'my doc.press'), doc);
    const r = run(['check', '--format', 'sarif', 'my doc.press'], { cwd: dir });
    assert.equal(r.code, 1, r.err);
    log = JSON.parse(r.out);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is valid by the official SARIF 2.1.0 schema (sarif-2.1.0.json of @microsoft/sarif-multitool, with ajv)', () => {
    const schema = sarifSchema();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv2020 = require('ajv/dist/2020').default;
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    // the check can fail: a level SARIF does not have
    const bad = JSON.parse(JSON.stringify(log));
    bad.runs[0].results[0].level = 'information';
    assert.equal(validate(bad), false);
  });

  it('passes the validator of @microsoft/sarif-multitool with no error', function () {
    const tool = multitool();
    const file = path.join(dir, 'out.sarif');
    fs.writeFileSync(file, JSON.stringify(log));
    const report = path.join(dir, 'report.sarif');
    const r = spawnSync(tool, ['validate', file, '-o', report, '--json-schema', path.join(path.dirname(tool), 'sarif-2.1.0.json')], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const results = (JSON.parse(fs.readFileSync(report, 'utf8')) as { runs: Array<{ results: Array<{ level?: string; ruleId: string; message: { text?: string } }> }> }).runs[0].results;
    assert.deepEqual(
      results.filter((x) => x.level === 'error'),
      [],
    );
  });

  it('lists every rule of the registry with help and level, and each result with its rule, level, region (UTF-16) and fixes', () => {
    const runObj = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(runObj.columnKind, 'utf16CodeUnits');
    assert.equal(runObj.tool.driver.version, PKG.version);
    const rules = runObj.tool.driver.rules as Array<{ id: string; help: { text: string }; defaultConfiguration: { level: string } }>;
    assert.deepEqual(
      rules.map((r) => r.id),
      RULES.map((r) => r.code),
    );
    for (const [i, r] of rules.entries()) {
      assert.ok(r.help.text.length > 10, r.id);
      assert.equal(r.defaultConfiguration.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[RULES[i].severity]);
    }
    const results = runObj.results as Array<Record<string, any>>;
    const byRule = (id: string) => results.find((x) => x.ruleId === id)!;
    const lines = doc.split('\n');
    // `cuontry`: line 5 (1-based), after `Привет 😀 [x]{` (the emoji counts two UTF-16 units)
    const unknown = byRule('syntax.unknown-type');
    assert.equal(unknown.level, 'error');
    assert.equal(rules[unknown.ruleIndex].id, 'syntax.unknown-type');
    const loc = unknown.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'my%20doc.press', uriBaseId: '%SRCROOT%' });
    const col = lines[3].indexOf('cuontry') + 1;
    assert.deepEqual(loc.region, { startLine: 4, startColumn: col, endLine: 4, endColumn: col + 'cuontry'.length });
    const fix = unknown.fixes.find((f: any) => /country/.test(f.description.text));
    assert.deepEqual(fix.artifactChanges[0].replacements[0], { deletedRegion: loc.region, insertedContent: { text: 'country' } });
    assert.deepEqual(fix.artifactChanges[0].artifactLocation, loc.artifactLocation);
    // applying the fix's replacement gives the corrected document
    const r = fix.artifactChanges[0].replacements[0];
    const fixed = lines[r.deletedRegion.startLine - 1].slice(0, r.deletedRegion.startColumn - 1) + r.insertedContent.text + lines[r.deletedRegion.startLine - 1].slice(r.deletedRegion.endColumn - 1);
    assert.match(fixed, /\[x\]\{country:KZ\}/);
    assert.equal(byRule('entity.unknown-id').level, 'error');
    assert.equal(byRule('annotation.missing-id')?.level ?? 'warning', 'warning');
    assert.equal(runObj.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(fs.realpathSync(dir)).href + '/');
    assert.equal(runObj.invocations[0].executionSuccessful, true);
    assert.equal(runObj.invocations[0].exitCode, 1);
  });

  it('gives an empty results array for a clean document, and reads - too', () => {
    const clean = run(['check', '--format', 'sarif', '-', '--stdin-filename', 'examples/k.press'], { input: fs.readFileSync(EXAMPLE, 'utf8') });
    assert.equal(clean.code, 0, clean.err);
    const parsed = JSON.parse(clean.out);
    assert.deepEqual(parsed.runs[0].results, []);
  });
});

describe('CLI in CI: --version and control characters', function () {
  this.timeout(60_000);

  it('prints package.json version (read, not written in the code)', () => {
    assert.equal(run(['--version']).out, PKG.version + '\n');
    assert.equal(run(['-v']).out, PKG.version + '\n');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-version-'));
    try {
      fs.mkdirSync(path.join(dir, 'dist'));
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'pressmark', version: '9.8.7-test' }));
      assert.equal(packageVersion(path.join(dir, 'dist')), '9.8.7-test');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('supportsControl: a TTY only, not TERM=dumb, not NO_COLOR', () => {
    assert.equal(supportsControl({ isTTY: true }, { TERM: 'xterm-256color' }), true);
    assert.equal(supportsControl({ isTTY: true }, { TERM: 'dumb' }), false);
    assert.equal(supportsControl({ isTTY: true }, { TERM: 'xterm', NO_COLOR: '1' }), false);
    assert.equal(supportsControl({ isTTY: false }, { TERM: 'xterm' }), false);
    assert.equal(supportsControl({}, {}), false);
  });

  it('draws no progress bar (\\r, \\x1b[K) on a terminal with TERM=dumb or NO_COLOR, and draws one otherwise', function () {
    if (process.platform === 'win32' || !fs.existsSync('/usr/bin/script')) this.skip();
    const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-tty-'));
    try {
      for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(corpus, `d${i}.press`), `[Kazakhstan]{country:KZ} ${i}\n`);
      // util-linux script: runs the command on a pseudo-terminal (stdin, stdout and stderr are TTYs)
      const onTty = (env: NodeJS.ProcessEnv) => {
        const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} stats --no-mentions ${JSON.stringify(corpus)}`;
        const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });
        assert.equal(r.status, 0, r.stderr);
        return r.stdout;
      };
      assert.match(onTty({ TERM: 'xterm' }), /\r\[#+ *\] \d+\/40 files/);
      for (const env of [{ TERM: 'dumb' }, { TERM: 'xterm', NO_COLOR: '1' }]) {
        const out = onTty(env);
        assert.match(out, /documents +40/);
        // a pseudo-terminal turns \n into \r\n: any other \r, and any escape, is a control sequence
        assert.doesNotMatch(out.replace(/\r\n/g, '\n'), /[\r\x1b]/, JSON.stringify(env));
      }
    } finally {
      fs.rmSync(corpus, { recursive: true, force: true });
    }
  });
});

describe('CLI in CI: npm pack, then a global install', function () {
  // Builds a clean copy (no dist/) and installs it: slow, not timed.
  this.timeout(600_000);

  it('npm pack holds the CLI (dist/ built by prepack, no tests); npm install -g of the tarball gives a working pressmark', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pressmark-pack-'));
    try {
      // a checkout without dist/ or out/: the files git knows (and new ones), node_modules linked
      const src = path.join(tmp, 'src');
      const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(listed.status, 0, listed.stderr);
      for (const f of listed.stdout.split('\0').filter(Boolean)) {
        if (!fs.existsSync(path.join(ROOT, f))) continue; // deleted, not committed
        fs.mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
        fs.copyFileSync(path.join(ROOT, f), path.join(src, f));
      }
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(src, 'node_modules'), 'dir');
      assert.equal(fs.existsSync(path.join(src, 'dist')), false);
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
      const packed = spawnSync(npm, ['pack', '--pack-destination', tmp, '--json'], { cwd: src, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
      assert.equal(packed.status, 0, packed.stderr);
      const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
      const files = info[0].files.map((f) => f.path).sort();
      for (const f of ['bin/pressmark.js', 'dist/cli.js', 'dist/kb.json', 'package.json', 'README.md', 'LICENSE', 'data/ATTRIBUTION.md']) assert.ok(files.includes(f), `${f} is not in the package: ${files.join(', ')}`);
      assert.deepEqual(
        files.filter((f) => /(^|\/)test\/|\.test\.|\.ts$|\.map$|node_modules/.test(f)),
        [],
      );
      // installed offline: the CLI needs no dependency at run time (dist/cli.js is one bundle)
      const prefix = path.join(tmp, 'prefix');
      const installed = spawnSync(npm, ['install', '-g', '--prefix', prefix, '--offline', path.join(tmp, info[0].filename)], { cwd: tmp, encoding: 'utf8', env });
      assert.equal(installed.status, 0, installed.stdout + installed.stderr);
      const bin = process.platform === 'win32' ? path.join(prefix, 'pressmark.cmd') : path.join(prefix, 'bin', 'pressmark');
      const version = run(['--version'], { bin, cwd: tmp });
      assert.equal(version.out, PKG.version + '\n', version.err);
      // check works on an example (with its knowledge base beside it), from a file and from -
      const work = path.join(tmp, 'work');
      fs.mkdirSync(work);
      for (const f of ['kazinform-2022-06-29.press', 'kazinform.kb.yaml']) fs.copyFileSync(path.join(ROOT, 'examples', f), path.join(work, f));
      const checked = run(['check', '--format', 'json', 'kazinform-2022-06-29.press'], { bin, cwd: work });
      assert.equal(checked.code, 0, checked.err);
      assert.deepEqual(JSON.parse(checked.out), []);
      const broken = fs.readFileSync(path.join(work, 'kazinform-2022-06-29.press'), 'utf8').replace('{country:KZ}', '{country:KQ}');
      const piped = run(['check', '-', '--stdin-filename', 'kazinform-2022-06-29.press'], { bin, cwd: work, input: broken });
      assert.equal(piped.code, 1, piped.err);
      assert.match(piped.out, /^kazinform-2022-06-29\.press:\d+:\d+ error Unknown country id `KQ`/m);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

/** The official SARIF 2.1.0 schema, as @microsoft/sarif-multitool ships it. */
function sarifSchema(): object {
  return JSON.parse(fs.readFileSync(path.join(path.dirname(multitool()), 'sarif-2.1.0.json'), 'utf8'));
}

/** The Sarif.Multitool binary of this platform (an optional dependency of @microsoft/sarif-multitool). */
function multitool(): string {
  const platform = process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux';
  const exe = path.join(ROOT, 'node_modules', '@microsoft', `sarif-multitool-${platform}`, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  assert.ok(fs.existsSync(exe), `${exe} is missing: npm install (devDependency @microsoft/sarif-multitool)`);
  return exe;
}
