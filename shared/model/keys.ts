/**
 * The layout of a group document: the only place that names its Yjs keys. Everything else goes
 * through the readers and mutations of this folder.
 *
 *   meta         Y.Map   name, description, created, schemaVersion
 *   members      Y.Map   memberId -> { name, colour, joined }                       (plain value)
 *   papers       Y.Map   paperId -> PaperRecord                                     (plain value)
 *   annotations  Y.Map   annotationId -> Y.Map { core, colour, note, edited, deleted }
 *   comments     Y.Map   commentId -> Y.Map { core, body, edited, deleted, resolved }
 *   tags         Y.Map   paperId + SEP + tag -> { addedBy, addedAt }                (plain value)
 *   votes        Y.Map   paperId + SEP + memberId -> epoch ms                       (plain value)
 *   status       Y.Map   paperId + SEP + memberId -> { status, at }                 (plain value)
 *
 * Per-member facts use flat composite keys rather than nested maps created on first use: two
 * members creating the same nested map concurrently would make one of them lose (Yjs keeps one
 * value per key), while distinct flat keys never collide. `core` holds an annotation's or
 * comment's immutable fields in one plain value; the fields that change sit beside it so that
 * concurrent edits of different fields (a reply's author editing, another member resolving)
 * both survive.
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
  tags: 'tags',
  votes: 'votes',
  status: 'status',
} as const

/** Field names inside `meta`. */
export const META = {
  name: 'name',
  description: 'description',
  created: 'created',
  schemaVersion: 'schemaVersion',
} as const

/** Field names inside an annotation's or comment's Y.Map. */
export const ITEM = {
  core: 'core',
  colour: 'colour',
  note: 'note',
  body: 'body',
  edited: 'edited',
  deleted: 'deleted',
  resolved: 'resolved',
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
    annotations: doc.getMap<Y.Map<unknown>>(ROOT.annotations),
    comments: doc.getMap<Y.Map<unknown>>(ROOT.comments),
    tags: doc.getMap<unknown>(ROOT.tags),
    votes: doc.getMap<unknown>(ROOT.votes),
    status: doc.getMap<unknown>(ROOT.status),
  }
}
