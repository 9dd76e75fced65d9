/** The schema file that applies to a document could not be read: say so on the document. */
import type { Check } from './check';

export const checkSchemaFile: Check = ({ config }) =>
  config.unreadable
    ? [{ code: 'schema.unreadable', span: { start: 0, end: 0 }, message: `${config.unreadable} This document is checked with the built-in types and rules.` }]
    : [];
