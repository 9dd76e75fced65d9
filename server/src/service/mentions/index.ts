/** The mention finder (pure core): knowledge-base names and dates not annotated yet. */
export { MentionFinder, DEFAULT_MIN_PLACE_POPULATION, isSentenceInitial } from './finder';
export type { Mention, MentionReading, FindOptions } from './finder';
export { findMentionsInDocument, findMentionsInText } from './document';
export type { DocumentMention, DocumentFindOptions } from './document';
