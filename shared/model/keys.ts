/**
 * The layout of a group document: the only place that names its Yjs keys. Everything else goes
 * through the readers and mutations of this folder.
 *
 *   meta         Y.Map   name, description, created, schemaVersion
 *   members      Y.Map   memberId -> { name, colour, joined }
 *   papers       Y.Map   paperId -> paper record
 *   annotations  Y.Map   annotationId -> annotation record
 *   comments     Y.Map   commentId -> comment record
 *   resolved     Y.Map   root commentId -> { resolved, by, at }
 *   tags         Y.Map   paperId + SEP + tag -> { addedBy, addedAt }
 *   tagAliases   Y.Map   old tag -> { to, by, at }  (a rename or merge; see tag-aliases.ts)
 *   votes        Y.Map   paperId + SEP + memberId -> epoch ms
 *   status       Y.Map   paperId + SEP + memberId -> { status, at }
 *   rounds       Y.Map   roundId -> { title, meetingDate?, createdBy, created }
 *   roundCandidates  Y.Map   roundId + SEP + paperId -> { addedBy, addedAt }
 *   ballots      Y.Map   roundId + SEP + memberId -> { ranking: paperId[], at }
 *   roundState   Y.Map   roundId -> { closed, by, at, frozen?: { ballots, candidates } }
 *   meetings     Y.Map   meetingId -> { date, title, roundId?, createdBy, created }
 *   meetingEdits Y.Map   meetingId + SEP + ('date' | 'title' | 'deleted') -> { value, by, at }
 *   agenda       Y.Map   meetingId + SEP + paperId -> { addedBy, addedAt, entry }
 *   presenters   Y.Map   meetingId + SEP + paperId -> { memberId | null, by, at, entry }
 *   pdfs         Y.Map   paperId + SEP + sha256 -> { size, source, name?, arxivId?, addedBy, addedAt }
 *   meetingNotes + SEP + meetingId   Y.Text   a meeting's shared notes (see notesName)
 *
 * Every value of a root map is a plain value, replaced whole when it changes (the meeting notes,
 * typed into together, are Y.Text): one Yjs item per record keeps the document small and quick
 * to load (a nested Y.Map per annotation made loading a large group a third slower). Records are
 * written by one member only (their profile, their annotation or comment), so replacing them
 * whole loses nothing to another member. What several members write about the same thing has
 * its own key: a thread's resolved flag (any member) sits apart from the comment (its author),
 * and per-member facts use flat composite keys rather than nested maps created on first use,
 * since two members creating the same nested map concurrently would make one of them lose (Yjs
 * keeps one value per key), while distinct flat keys never collide.
 */
import type * as Y from 'yjs'

/** The schema version this code writes and the newest it reads. */
export const SCHEMA_VERSION = 1

/** Separator of composite keys: a control character, which validated ids and tags never hold. */
export const SEP = '\u001f'

/** Top-level names. */
export const ROOT = {
  meta: 'meta',
  members: 'members',
  papers: 'papers',
  annotations: 'annotations',
  comments: 'comments',
  resolved: 'resolved',
  tags: 'tags',
  tagAliases: 'tagAliases',
  votes: 'votes',
  status: 'status',
  rounds: 'rounds',
  roundCandidates: 'roundCandidates',
  ballots: 'ballots',
  roundState: 'roundState',
  meetings: 'meetings',
  meetingEdits: 'meetingEdits',
  agenda: 'agenda',
  presenters: 'presenters',
  pdfs: 'pdfs',
} as const

/** Field names inside `meta`. */
export const META = {
  name: 'name',
  description: 'description',
  created: 'created',
  schemaVersion: 'schemaVersion',
} as const

/** A composite key of two parts. */
export function pairKey(a: string, b: string): string {
  return `${a}${SEP}${b}`
}

/** The two parts of a composite key, or undefined for a malformed key. */
export function splitPairKey(key: string): [string, string] | undefined {
  const at = key.indexOf(SEP)
  if (at <= 0 || at === key.length - 1) return undefined
  return [key.slice(0, at), key.slice(at + 1)]
}

/** The group's top-level maps. */
export function roots(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>(ROOT.meta),
    members: doc.getMap<unknown>(ROOT.members),
    papers: doc.getMap<unknown>(ROOT.papers),
    annotations: doc.getMap<unknown>(ROOT.annotations),
    comments: doc.getMap<unknown>(ROOT.comments),
    resolved: doc.getMap<unknown>(ROOT.resolved),
    tags: doc.getMap<unknown>(ROOT.tags),
    tagAliases: doc.getMap<unknown>(ROOT.tagAliases),
    votes: doc.getMap<unknown>(ROOT.votes),
    status: doc.getMap<unknown>(ROOT.status),
    rounds: doc.getMap<unknown>(ROOT.rounds),
    roundCandidates: doc.getMap<unknown>(ROOT.roundCandidates),
    ballots: doc.getMap<unknown>(ROOT.ballots),
    roundState: doc.getMap<unknown>(ROOT.roundState),
    meetings: doc.getMap<unknown>(ROOT.meetings),
    meetingEdits: doc.getMap<unknown>(ROOT.meetingEdits),
    agenda: doc.getMap<unknown>(ROOT.agenda),
    presenters: doc.getMap<unknown>(ROOT.presenters),
    pdfs: doc.getMap<unknown>(ROOT.pdfs),
  }
}

const NOTES = `meetingNotes${SEP}`

/**
 * The top-level name of a meeting's notes. Each meeting's notes are a top-level Y.Text of their
 * own, not a Y.Text nested in a map: a top-level type exists by name on every replica, so there
 * is nothing to create and no concurrent creation to lose.
 */
export function notesName(meetingId: string): string {
  return `${NOTES}${meetingId}`
}

/** Whether a top-level name is that of a meeting's notes. */
export function isNotesName(name: string): boolean {
  return name.startsWith(NOTES)
}

/** The meeting whose notes a top-level name is, or undefined. */
export function meetingOfNotes(name: string): string | undefined {
  return isNotesName(name) ? name.slice(NOTES.length) : undefined
}
