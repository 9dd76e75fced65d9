/**
 * Quick-fixes at the caret first (issue 14 item 7): the fixes of the problem whose reach (its
 * span, or the annotation it is about) holds the caret or the selection come first, and only they
 * are preferred. An annotation without an id (`{org:}`) has fixes of its own: the ids its label
 * names, or a new entity added to the workspace knowledge base.
 */
import * as assert from 'node:assert/strict';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import type { AssistContext } from '../../server/src/service/codeActions';
import { parse } from '../../server/src/service/parser';
import { plainText } from '../../server/src/service/plain';
import { applyEdits, marked, source, words } from '../support/marked';
import { builtinKb } from './kb/helpers';
import { article } from '../../server/src/service/strings';

const DOC = 'file:///ws/doc.press';
const FRONT = '---\ndate: 2022-06-29\n---\n';

function actionsAt(src: string, assist: AssistContext = { kbTargets: [], rootUri: 'file:///ws' }) {
  const kb = builtinKb().kb;
  const ls = createLanguageService({ getKnowledgeBase: () => kb, getAssistContext: () => assist });
  const m = marked(FRONT + src);
  const doc = parse(m.text);
  const s = { ...source(m.text), uri: DOC };
  const range = m.ranges.length
    ? { start: doc.lines.positionAt(m.ranges[0].start), end: doc.lines.positionAt(m.ranges[0].end) }
    : { start: doc.lines.positionAt(m.cursor), end: doc.lines.positionAt(m.cursor) };
  const actions = ls.codeActions(s, range).filter((a) => a.kind === 'quickfix');
  const own = (a: CodeAction): TextEdit[] => {
    if (a.edit?.changes) return a.edit.changes[DOC] ?? [];
    const c = (a.edit?.documentChanges ?? []).find((x) => 'textDocument' in x && x.textDocument.uri === DOC) as { edits: TextEdit[] } | undefined;
    return c?.edits ?? [];
  };
  const apply = (a: CodeAction) => applyEdits(m.text, doc.lines, own(a)).slice(FRONT.length);
  return { actions, apply, text: m.text };
}

const PARAGRAPH = (ann: string) => `Austria hosted the meeting, and the ${ann} met in Vienna on 28 June.`;

describe('quick-fixes at the caret first', () => {
  const CASES: Array<{ what: string; doc: string; first: RegExp; expect: string }> = [
    {
      what: 'caret in the label of an annotation without an id (a country suggestion on the same line)',
      doc: PARAGRAPH('[Intergovern$|$mental Commission]{org:}'),
      first: /^Set the id to new org `intergovernmental-commission` \(Intergovernmental Commission\), added to pressmark\.kb\.yaml$/,
      expect: PARAGRAPH('[Intergovernmental Commission]{org:intergovernmental-commission}'),
    },
    {
      what: 'caret on its type',
      doc: PARAGRAPH('[Intergovernmental Commission]{o$|$rg:}'),
      first: /^Set the id to new org `intergovernmental-commission`/,
      expect: PARAGRAPH('[Intergovernmental Commission]{org:intergovernmental-commission}'),
    },
    {
      what: 'no colon yet: the id comes with one',
      doc: PARAGRAPH('[Intergovernmental Commission$|$]{org}'),
      first: /^Set the id to new org `intergovernmental-commission`/,
      expect: PARAGRAPH('[Intergovernmental Commission]{org:intergovernmental-commission}'),
    },
    {
      what: 'a label the knowledge base knows: its id',
      doc: 'Delegates from [Luxem$|$bourg]{country:} met in Austria.',
      first: /^Set the id to `LU` \(Luxembourg\)$/,
      expect: 'Delegates from [Luxembourg]{country:LU} met in Austria.',
    },
  ];
  for (const c of CASES) {
    it(`${c.what}: the annotation's fix first and alone preferred`, () => {
      const { actions, apply } = actionsAt(c.doc);
      const dump = actions.map((a) => `${a.isPreferred ? '*' : ' '} ${a.title}`).join('\n');
      assert.ok(actions.length > 0, 'no fixes');
      assert.match(actions[0].title, c.first, dump);
      assert.equal(actions[0].isPreferred, true, dump);
      assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), [actions[0].title], dump);
      assert.ok(!actions.some((a) => /Austria|AT\b/.test(a.title)), `a fix far from the caret: ${dump}`);
      const after = apply(actions[0]);
      assert.equal(after, c.expect);
      assert.deepEqual(words(plainText(parse(after)).text), words(plainText(parse(marked(c.doc).text)).text));
    });
  }

  it('the new entity goes into the workspace knowledge base in the same edit', () => {
    const { actions } = actionsAt(PARAGRAPH('[Intergovern$|$mental Commission]{org:}'));
    const changes = actions[0].edit!.documentChanges as Array<{ kind?: string; uri?: string; textDocument?: { uri: string }; edits?: TextEdit[] }>;
    const kb = changes.find((c) => c.textDocument?.uri === 'file:///ws/pressmark.kb.yaml');
    assert.ok(kb, JSON.stringify(changes));
    assert.match(kb.edits![0].newText, /id: intergovernmental-commission[\s\S]*type: org[\s\S]*name: Intergovernmental Commission/);
  });

  it('a selection inside an annotation puts its fixes before those of a problem it only overlaps', () => {
    // The selection `AUT} Commission` lies inside the outer annotation (no id) and overlaps the
    // inner one's unknown id `AUT`.
    const { actions } = actionsAt('Delegates of the [[Austria]{country:A$[$UT} Commission$]$]{org:} met.');
    const dump = actions.map((a) => `${a.isPreferred ? '*' : ' '} ${a.title}`).join('\n');
    const firstOther = actions.findIndex((a) => /^Change the id to/.test(a.title));
    assert.ok(firstOther > 0, dump);
    assert.match(actions[0].title, /^Set the id to new org `austria-commission`/, dump);
    assert.ok(actions.slice(firstOther).every((a) => !a.isPreferred && /^Change the id to|^Add /.test(a.title)), dump);
  });

  it('a caret on a suggestion still gets its own fix first', () => {
    const { actions } = actionsAt(PARAGRAPH('[Intergovernmental Commission]{org:}').replace('Austria', 'Aus$|$tria'));
    assert.equal(actions[0].title, 'Annotate as country AT (Austria)', actions.map((a) => a.title).join(' | '));
    assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), ['Annotate as country AT (Austria)']);
  });
});

describe('messages say "an" before a vowel', () => {
  it('`An `org` annotation needs an id`, `A `country` annotation ...`', () => {
    const kb = builtinKb().kb;
    const ls = createLanguageService({ getKnowledgeBase: () => kb });
    const msgs = ls
      .diagnostics(source('[X]{org} and [Y]{country}'))
      .filter((d) => d.code === 'annotation.missing-id')
      .map((d) => String(d.message));
    assert.ok(msgs.some((m) => m.startsWith('An `org` annotation needs an id')), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.startsWith('A `country` annotation needs an id')), msgs.join('\n'));
  });
  it('article()', () => {
    const got = ['org', 'event', 'item', 'outlet', 'person', 'place', 'country', 'unit', 'union', 'umbrella', 'under-body', 'date'].map((w) => `${article(w)} ${w}`);
    assert.deepEqual(got, ['an org', 'an event', 'an item', 'an outlet', 'a person', 'a place', 'a country', 'a unit', 'a union', 'an umbrella', 'an under-body', 'a date']);
  });
});
