/**
 * The id syntax (docs/format.md, "Ids"), in one place for everything that reads or writes an id:
 * the parser, rename, the knowledge-base writer and the importers. An id is one or more
 * characters, none of them white space, a control character, or one of `[ ] { } " = \`: those
 * would end the spec, start an attribute or a quoted value, or read as an escape, and move the
 * words after the annotation into markup. Anything else is allowed (`:` included: TIMEX3 values
 * such as `2022-06-29T10:30` sit in the id slot); a writer of another format (YAML, brat) quotes
 * what that format would misread.
 */

/** A character an id may not contain. */
export const ID_FORBIDDEN = /[\s\p{Cc}[\]{}"=\\]/u;

/** Why `id` is not a valid id, or undefined when it is. */
export function idProblem(id: string): string | undefined {
  if (id === '') return 'An id cannot be empty.';
  const m = ID_FORBIDDEN.exec(id);
  if (!m) return undefined;
  const c = m[0];
  const shown = /[\s\p{Cc}]/u.test(c) ? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} (white space or a control character)` : `\`${c}\``;
  return `An id cannot contain ${shown}: ids are written without white space, control characters or any of [ ] { } " = \\.`;
}

export function isValidId(id: string): boolean {
  return id !== '' && !ID_FORBIDDEN.test(id);
}
