/** Completion: annotation types after `]{`, front-matter keys at the start of a front-matter line. */
import { CompletionItemKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { ProjectConfig } from './config';
import { FRONT_MATTER_KEYS } from './hover';
import type { PressDocument } from './model';

const TYPE_SLOT_RE = /\]\{([A-Za-z0-9_-]*)$/;
const FM_KEY_RE = /^([A-Za-z_]*)$/;

export function completion(doc: PressDocument, offset: number, config: ProjectConfig): CompletionList {
  const lines = doc.lines;
  const pos = lines.positionAt(offset);
  const linePrefix = doc.text.slice(lines.lineStart(pos.line), offset);
  const items: CompletionItem[] = [];

  const fm = doc.frontMatter;
  if (fm && offset >= fm.contentSpan.start && offset <= fm.contentSpan.end) {
    const m = FM_KEY_RE.exec(linePrefix);
    if (m) {
      const present = new Set(fm.entries.map((e) => e.key));
      const range = lines.range({ start: offset - m[1].length, end: offset });
      for (const k of FRONT_MATTER_KEYS) {
        if (present.has(k.key)) continue;
        items.push({
          label: k.key,
          kind: CompletionItemKind.Property,
          documentation: { kind: 'markdown', value: k.doc },
          textEdit: { range, newText: `${k.key}: ` },
        });
      }
    }
    return { isIncomplete: false, items };
  }

  const m = TYPE_SLOT_RE.exec(linePrefix);
  if (m && offset >= doc.bodyStart) {
    const range = lines.range({ start: offset - m[1].length, end: offset });
    let rank = 0;
    for (const t of config.types.values()) {
      items.push({
        label: t.name,
        kind: t.timex ? CompletionItemKind.Constant : CompletionItemKind.Class,
        detail: t.builtin ? (t.timex ? 'TIMEX3 type' : 'entity type') : 'type from pressmark.yaml',
        documentation: { kind: 'markdown', value: t.description },
        sortText: String(rank++).padStart(3, '0'),
        textEdit: { range, newText: t.id === 'required' ? `${t.name}:` : t.name },
        commitCharacters: [':'],
      });
    }
  }
  return { isIncomplete: false, items };
}
