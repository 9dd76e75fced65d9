/** The mention finder (pure core): the pipeline of recognizers and its arbiter; names and dates not annotated yet. */
export { MentionFinder, DEFAULT_MIN_PLACE_POPULATION, isSentenceInitial } from './finder';
export type { Mention, MentionReading, FindOptions } from './finder';
export { findMentionsInDocument, findMentionsInText, placeInDocument } from './document';
export type { DocumentMention, DocumentFindOptions } from './document';
export { runPipeline } from './pipeline';
export type { Found, PipelineOptions } from './pipeline';
export { DATE_TYPES } from './candidate';
export type { Candidate, Recognizer, RecognizerName, RecognizeContext, NewEntity, Rejection, Learned, PipelineInputs } from './candidate';
export { RECOGNIZERS } from './recognizers';
export { arbitrate } from './arbiter';
export { compileRejections, isRejected, rejectionOf } from './rejections';
