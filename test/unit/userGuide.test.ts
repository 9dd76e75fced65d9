/**
 * The README's user guide against package.json: every setting the extension contributes has a
 * row in the settings table (with its default), the table has no setting package.json lacks, and
 * every contributed keybinding is in the shortcuts table. Generic: a new setting or keybinding
 * fails here until the README says what it does.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The lines of a `###` section of the `## User guide` (up to the next heading of level 2 or 3). */
function section(title: string): string[] {
  const guide = readme.split(/^## /m).find((s) => s.startsWith('User guide\n'));
  assert.ok(guide, 'README.md has no "## User guide" section');
  const part = guide.split(/^### /m).find((s) => s.startsWith(title + '\n'));
  assert.ok(part, `the user guide has no "### ${title}" section`);
  return part.split('\n');
}

/** The cells of the table rows of a section (header and separator left out). */
function rows(lines: string[]): string[][] {
  const table = lines.filter((l) => l.startsWith('|')).map((l) => l.slice(1, l.lastIndexOf('|')).split(' | ').map((c) => c.trim()));
  return table.slice(2);
}

/** Every contributed setting: `contributes.configuration` is an object or a list of them. */
function settings(): Map<string, { default?: unknown }> {
  const conf = pkg.contributes?.configuration;
  const list = Array.isArray(conf) ? conf : conf ? [conf] : [];
  const out = new Map<string, { default?: unknown }>();
  for (const c of list) for (const [k, v] of Object.entries(c.properties ?? {})) out.set(k, v as { default?: unknown });
  return out;
}

/** How the table writes a default: a string bare, anything else as JSON, in backticks. */
const formatDefault = (v: unknown) => '`' + (typeof v === 'string' ? v : JSON.stringify(v)) + '`';
const unquote = (cell: string) => cell.replace(/^`|`$/g, '');

describe('README user guide', () => {
  const table = rows(section('Settings'));
  const documented = new Map(table.map((r) => [unquote(r[0]), r]));
  const contributed = settings();

  it('package.json contributes settings and the table lists some (the parsing works)', () => {
    assert.ok(contributed.size > 0 && table.length > 0);
  });
  it('every setting of package.json has a row in the settings table', () => {
    const missing = [...contributed.keys()].filter((k) => !documented.has(k));
    assert.deepEqual(missing, [], `add a row "| \`${missing[0]}\` | default | what it does |" to README.md, "### Settings"`);
  });
  it('the settings table names no setting package.json lacks', () => {
    const extra = [...documented.keys()].filter((k) => !contributed.has(k));
    assert.deepEqual(extra, [], 'README.md "### Settings" lists settings package.json does not contribute');
  });
  it('each row gives the default of package.json (a string bare, anything else as JSON, in backticks)', () => {
    const wrong = [...contributed].filter(([k, v]) => documented.has(k) && documented.get(k)![1] !== formatDefault(v.default)).map(([k, v]) => `${k}: README ${documented.get(k)![1]}, package.json ${formatDefault(v.default)}`);
    assert.deepEqual(wrong, []);
  });
  it('each row says what the setting does', () => {
    assert.deepEqual(table.filter((r) => !r[2] || r[2].length < 10).map((r) => r[0]), []);
  });
  it('every contributed keybinding is in the shortcuts table', () => {
    const keys = rows(section('Keyboard shortcuts')).map((r) => r[0].toLowerCase().replace(/`/g, ''));
    const norm = (k: string) => k.toLowerCase().replace(/\s+/g, '');
    const missing = ((pkg.contributes?.keybindings ?? []) as Array<{ key: string; mac?: string; command: string }>)
      .filter((b) => !keys.some((cell) => cell.replace(/\s+/g, '').includes(norm(b.key))))
      .map((b) => `${b.key} (${b.command})`);
    assert.deepEqual(missing, [], 'add these keybindings to README.md "### Keyboard shortcuts"');
  });
});
