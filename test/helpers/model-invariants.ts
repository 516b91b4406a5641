/**
 * What every replica of a group must show once it has everything, as named checks: each throws
 * an Error whose message starts with the check's name in brackets and says what broke. Used by
 * the convergence properties (test/unit/model/convergence-properties.test.ts).
 */
import type * as Y from 'yjs'
import {
  getAnnotation,
  getComment,
  listAnnotations,
  listComments,
  listMeetings,
  listMembers,
  listRounds,
  meetingNotes,
  meetingsByPaper,
  normalizeTag,
  readGroup,
  readLibrary,
  readMeeting,
  readRound,
  readTagAliases,
  readingStatusOf,
  tagCounts,
  tagsOf,
  votersOf,
  type LibraryEntry,
  type TagAlias,
} from '../../shared/model'
import { roots, splitPairKey } from '../../shared/model/keys'
import { placeAnnotations } from '../../shared/anchoring/anchor-annotations'
import { checkMeetings, checkRounds } from './planning-invariants'

/** Everything the readers show of a document: what two converged replicas must agree on. */
export function readEverything(doc: Y.Doc) {
  const library = readLibrary(doc)
  const meetings = listMeetings(doc)
  return {
    group: readGroup(doc),
    members: listMembers(doc),
    library,
    tagCounts: tagCounts(doc),
    aliases: [...readTagAliases(doc).values()].sort((a, b) => (a.from < b.from ? -1 : 1)),
    papers: library.map(({ paper }) => ({
      id: paper.id,
      tags: tagsOf(doc, paper.id),
      voters: votersOf(doc, paper.id),
      status: readingStatusOf(doc, paper.id),
      comments: listComments(doc, paper.id),
      annotations: listAnnotations(doc, paper.id, true),
    })),
    rounds: listRounds(doc).map((round) => ({ round, view: readRound(doc, round.id) })),
    meetings,
    meetingViews: meetings.map(({ meeting }) => readMeeting(doc, meeting.id)),
    meetingsByPaper: [...meetingsByPaper(doc)].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    notes: meetings.map(({ meeting }) => meetingNotes(doc, meeting.id)?.toString()),
  }
}

function fail(check: string, detail: string): never {
  throw new Error(`[${check}] ${detail}`)
}

/** The cycles among `aliases` (each as its old names), as concurrent opposite renames make. */
export function aliasCycles(aliases: ReadonlyMap<string, TagAlias>): string[][] {
  const cycles: string[][] = []
  const done = new Set<string>()
  for (const start of aliases.keys()) {
    const path: string[] = []
    let node: string | undefined = start
    while (node !== undefined && aliases.has(node) && !done.has(node) && !path.includes(node)) {
      path.push(node)
      node = aliases.get(node)?.to
    }
    if (node !== undefined && path.includes(node)) cycles.push(path.slice(path.indexOf(node)))
    path.forEach((tag) => done.add(tag))
  }
  return cycles
}

/**
 * The tag a stored tag shows as, by docs/data-model.md (written apart from the model's own
 * resolver): chains to their end; a cycle, and whatever leads into it, to the target of the
 * cycle's latest alias, a tie going to the smallest target.
 */
export function documentedTag(aliases: ReadonlyMap<string, TagAlias>, tag: string): string {
  const path: string[] = []
  let node = tag
  while (aliases.has(node)) {
    if (path.includes(node)) {
      const cycle = path.slice(path.indexOf(node)).map((from) => aliases.get(from)!)
      cycle.sort((a, b) => b.at - a.at || (a.to < b.to ? -1 : a.to > b.to ? 1 : 0))
      return cycle[0]!.to
    }
    path.push(node)
    node = aliases.get(node)!.to
  }
  return node
}

/** Figures the checks gather, for the suite's summary. */
export interface InvariantFigures {
  annotationsInPlace: number
  annotationsReanchored: number
  annotationsOrphaned: number
  annotationsOnPages: number
  renameCycles: number
  /** Papers stored as several records that readers fold into one (same-paper.ts). */
  foldedPapers: number
  closedRounds: number
  /** Meeting notes holding text whose meeting was deleted (see the report on known issues). */
}

/** Empty figures. */
export function createFigures(): InvariantFigures {
  return {
    annotationsInPlace: 0,
    annotationsReanchored: 0,
    annotationsOrphaned: 0,
    annotationsOnPages: 0,
    renameCycles: 0,
    foldedPapers: 0,
    closedRounds: 0,
  }
}

const squash = (text: string) => text.replace(/\s+/g, ' ')

/** A member votes at most once per paper, and only members vote. */
function checkVotes(doc: Y.Doc, entry: LibraryEntry, members: Set<string>): void {
  const id = entry.paper.id
  if (new Set(entry.voters).size !== entry.voters.length) {
    fail('one vote per member', `${id} lists voters ${entry.voters.join(', ')}`)
  }
  const strangers = entry.voters.filter((voter) => !members.has(voter))
  if (strangers.length > 0) fail('voters are members', `${id}: ${strangers.join(', ')}`)
  if (votersOf(doc, id).join() !== entry.voters.join()) {
    fail('one vote per member', `votersOf and readLibrary disagree on ${id}`)
  }
}

/**
 * A paper shows exactly the tags its stored tags (on any record of it) resolve to by the
 * documented rename rules, normalized, none of them an old name, each dated by its first tagging.
 */
function checkTags(
  doc: Y.Doc,
  entry: LibraryEntry,
  aliases: ReadonlyMap<string, TagAlias>,
  stored: Array<[string, unknown]>,
): void {
  const id = entry.paper.id
  const firstTagged = new Map<string, number>()
  for (const [key, value] of stored) {
    const parts = splitPairKey(key)
    if (!parts || !entry.aliases.includes(parts[0])) continue
    const shown = documentedTag(aliases, parts[1])
    const at = (value as { addedAt: number }).addedAt
    firstTagged.set(shown, Math.min(at, firstTagged.get(shown) ?? at))
  }
  const want = [...firstTagged.keys()].sort((a, b) => a.localeCompare(b))
  if (want.join('|') !== entry.tags.join('|')) {
    fail('tags after renames', `${id} shows [${entry.tags}] where the aliases give [${want}]`)
  }
  for (const tag of entry.tags) {
    if (normalizeTag(tag) !== tag) fail('tags are normalized', `${id} shows ${JSON.stringify(tag)}`)
    if (aliases.has(tag) && documentedTag(aliases, tag) !== tag) {
      fail('no old name shown', `${id} shows ${tag}, renamed to ${aliases.get(tag)!.to}`)
    }
  }
  const perPaper = tagsOf(doc, id)
  if (perPaper.map((t) => t.tag).join('|') !== entry.tags.join('|')) {
    fail('tags after renames', `tagsOf and readLibrary disagree on ${id}`)
  }
  for (const t of perPaper) {
    if (t.addedAt !== firstTagged.get(t.tag)) {
      fail('tags after renames', `${id}'s ${t.tag} is dated ${t.addedAt}, not its first tagging`)
    }
  }
}

/** Every reply's parent exists (possibly deleted) on the same paper, in the same thread. */
function checkThreads(doc: Y.Doc, entry: LibraryEntry): void {
  for (const comment of listComments(doc, entry.paper.id)) {
    if (comment.resolved && comment.parentId !== undefined) {
      fail('only roots are resolved', `reply ${comment.id} reads as resolved`)
    }
    if (comment.annotationId !== undefined && !getAnnotation(doc, comment.annotationId)) {
      fail('threads hang off annotations that exist', `${comment.id} on a missing annotation`)
    }
    if (comment.parentId === undefined) continue
    const parent = getComment(doc, comment.parentId)
    if (!parent) fail('reply has a parent', `${comment.id} answers missing ${comment.parentId}`)
    if (!entry.aliases.includes(parent.paperId)) {
      fail('reply has a parent', `${comment.id} is on another paper than its parent`)
    }
    if (parent.annotationId !== comment.annotationId) {
      fail('reply has a parent', `${comment.id} is in another thread than its parent`)
    }
  }
}

/**
 * No live annotation points outside its paper's text: it is in place, re-anchored onto its
 * quote (shared/anchoring), or reported orphaned because the quote is not there.
 */
function checkAnnotations(doc: Y.Doc, entry: LibraryEntry, figures: InvariantFigures): void {
  const { id, abstract } = entry.paper
  for (const { annotation, placement } of placeAnnotations(abstract, listAnnotations(doc, id))) {
    const { quote, position } = annotation.target
    const where = `annotation ${annotation.id} on ${id}`
    if (placement.place === 'page') {
      figures.annotationsOnPages += 1
      if (position.end - position.start !== quote.exact.length) {
        fail('annotation inside its text', `${where} does not span its quote`)
      }
      continue
    }
    if (placement.place === 'orphaned') {
      figures.annotationsOrphaned += 1
      if (abstract.includes(quote.exact)) {
        fail('annotation inside its text', `${where} is orphaned though its quote is there`)
      }
      continue
    }
    const { start, end } = placement.range
    if (start < 0 || end > abstract.length || start >= end) {
      fail('annotation inside its text', `${where} placed at ${start}-${end} of ${abstract.length}`)
    }
    if (squash(abstract.slice(start, end)) !== squash(quote.exact)) {
      fail('annotation inside its text', `${where} placed on text that is not its quote`)
    }
    const inPlace = abstract.slice(position.start, position.end) === quote.exact
    if (inPlace && (start !== position.start || end !== position.end)) {
      fail('annotation inside its text', `${where} moved though its position still fits`)
    }
    if (inPlace) figures.annotationsInPlace += 1
    else figures.annotationsReanchored += 1
  }
}

/** Every named check of the model's invariants, on one (converged) replica. */
export function checkInvariants(doc: Y.Doc, figures: InvariantFigures): void {
  const library = readLibrary(doc)
  const members = new Set(listMembers(doc).map((m) => m.id))
  const aliases = readTagAliases(doc)
  const stored = [...roots(doc).tags.entries()]
  figures.renameCycles += aliasCycles(aliases).length
  for (const entry of library) {
    if (entry.aliases.length > 1) figures.foldedPapers += 1
    checkVotes(doc, entry, members)
    checkTags(doc, entry, aliases, stored)
    checkThreads(doc, entry)
    checkAnnotations(doc, entry, figures)
  }
  const counts = new Map<string, number>()
  for (const tag of library.flatMap((entry) => entry.tags))
    counts.set(tag, (counts.get(tag) ?? 0) + 1)
  const want = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const got = tagCounts(doc).map((t): [string, number] => [t.tag, t.count])
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    fail('tags after renames', `tagCounts ${JSON.stringify(got)} against the library's`)
  }
  const paperIds = new Set(library.map((entry) => entry.paper.id))
  checkRounds(doc, members, paperIds, figures)
  checkMeetings(doc, members, paperIds, library)
}
