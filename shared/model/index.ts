/**
 * The group data model: typed readers and mutations over one Y.Doc per group. Every write of the
 * client, the server and the tests goes through these functions; see docs/data-model.md.
 */
export * from './types'
export * from './errors'
export { SCHEMA_VERSION } from './keys'
export { LIMITS } from './validate'
export { MIGRATIONS, migrate, schemaVersionOf, type Migration } from './schema'
export { createGroup, readGroup, updateGroup, type GroupInput } from './group'
export { getMember, listMembers, upsertMember } from './members'
export { normalizeTitle, paperIdFor } from './paper-id'
export {
  MAX_IMPORT,
  addPaper,
  completePaper,
  getPaper,
  importPapers,
  listPapers,
  type DuplicateReason,
  type ImportOutcome,
} from './papers'
export {
  addAnnotation,
  editAnnotation,
  getAnnotation,
  listAnnotations,
  setAnnotationDeleted,
  type AnnotationInput,
} from './annotations'
export {
  addComment,
  editComment,
  getComment,
  listComments,
  setCommentDeleted,
  setThreadResolved,
  type CommentInput,
} from './comments'
export { addTag, normalizeTag, removeTag, renameTag, tagCounts, tagsOf } from './tags'
export { readTagAliases } from './tag-aliases'
export { setVote, toggleVote, votersOf } from './votes'
export { readingStatusOf, setReadingStatus } from './reading-status'
export {
  MAX_CANDIDATES,
  addCandidate,
  closeRound,
  createRound,
  getRound,
  listRounds,
  readRound,
  removeCandidate,
  reopenRound,
  setBallot,
} from './rounds'
export {
  MAX_AGENDA,
  addToAgenda,
  createMeeting,
  deleteMeeting,
  getMeeting,
  listMeetings,
  meetingNotes,
  meetingsByPaper,
  readMeeting,
  removeFromAgenda,
  restoreMeeting,
  setPresenter,
  updateMeeting,
} from './meetings'
export {
  MAX_PDF_NAME,
  MAX_PDF_SIZE,
  PDF_SOURCES,
  attachPdf,
  listPdfs,
  pdfOf,
  pdfsOf,
  type PaperPdf,
  type PdfInput,
  type PdfSource,
} from './pdfs'
export { readLibrary, type LibraryEntry } from './library'
export { observeGroup } from './observe'
export { selectorsFor, selectorMismatch } from '../anchoring/text-quote'
