/**
 * Which stored records are the same paper. Two records can describe one paper when the model
 * learned it only later or on two devices at once: a paper pasted as a title on one device and
 * added by its arXiv id on another, or a bare arXiv id whose metadata turns out to carry the
 * title of a paper already in the library. Rather than rewrite or delete anything (which two
 * replicas could do differently), readers fold such records together:
 *
 * - records with the same arXiv id are one paper;
 * - records with the same normalized title are one paper, unless they carry two different arXiv
 *   ids (then they are different papers that share a title, and a title-only record among them
 *   stays on its own, since it cannot be told which it is).
 *
 * The canonical record of a class is the one keyed by an arXiv id, else the smallest id. Readers
 * show the canonical record with whatever it lacks filled in from the others, and gather tags,
 * votes, statuses, annotations and comments made on any record of the class. The folding is a
 * pure function of the stored records, so every replica folds alike.
 */
import type * as Y from 'yjs'
import { roots } from './keys'
import { asPaper } from './paper-record'
import { normalizeTitle } from './paper-id'
import type { Paper } from './types'

/** The classes of one document's papers. */
export interface PaperClasses {
  /**
   * The canonical id of every stored paper id, and of every arXiv id a record carries (a paper
   * first added by its title and later found to have an arXiv id is found by either).
   */
  canonical: Map<string, string>
  /** The ids of each class, by canonical id. */
  members: Map<string, string[]>
  /** Each class as one paper: the canonical record, completed from the others. */
  folded: Map<string, Paper>
}

const cache = new WeakMap<Y.Doc, PaperClasses>()
const observed = new WeakSet<Y.Doc>()

/** Drops the cached classes; called by every write to `papers` inside its transaction. */
export function forgetPaperClasses(doc: Y.Doc): void {
  cache.delete(doc)
}

// Canonical order: ids that are arXiv ids before title hashes, then alphabetical.
const isBetter = (a: string, b: string) =>
  a.startsWith('h:') !== b.startsWith('h:') ? !a.startsWith('h:') : a < b

/** The paper classes of `doc`, cached until its papers change. */
export function paperClasses(doc: Y.Doc): PaperClasses {
  const cached = cache.get(doc)
  if (cached) return cached
  const papers = roots(doc).papers
  if (!observed.has(doc)) {
    // Remote changes arrive in transactions of their own; this drops the cache after each.
    papers.observe(() => cache.delete(doc))
    observed.add(doc)
  }
  const raw = new Map<string, Paper>()
  papers.forEach((value, id) => {
    const paper = asPaper(id, value)
    if (paper) raw.set(id, paper)
  })
  const classes = classify(raw)
  cache.set(doc, classes)
  return classes
}

function classify(raw: Map<string, Paper>): PaperClasses {
  const parent = new Map<string, string>()
  for (const id of raw.keys()) parent.set(id, id)
  const find = (id: string): string => {
    let root = id
    while (parent.get(root) !== root) root = parent.get(root) as string
    return root
  }
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)]
    if (ra === rb) return
    if (isBetter(ra, rb)) parent.set(rb, ra)
    else parent.set(ra, rb)
  }
  const byArxiv = new Map<string, string>()
  const byTitle = new Map<string, Paper[]>()
  for (const paper of raw.values()) {
    if (paper.arxivId) {
      const seen = byArxiv.get(paper.arxivId)
      if (seen) union(seen, paper.id)
      else byArxiv.set(paper.arxivId, paper.id)
      if (raw.has(paper.arxivId)) union(paper.arxivId, paper.id)
    }
    if (paper.needsMetadata) continue
    const title = normalizeTitle(paper.title)
    const group = byTitle.get(title)
    if (group) group.push(paper)
    else byTitle.set(title, [paper])
  }
  for (const group of byTitle.values()) {
    const arxivIds = new Set(group.flatMap((paper) => (paper.arxivId ? [paper.arxivId] : [])))
    if (group.length > 1 && arxivIds.size <= 1) {
      for (const paper of group.slice(1)) union((group[0] as Paper).id, paper.id)
    }
  }
  const canonical = new Map<string, string>()
  const members = new Map<string, string[]>()
  for (const id of raw.keys()) {
    const root = find(id)
    canonical.set(id, root)
    const list = members.get(root)
    if (list) list.push(id)
    else members.set(root, [id])
  }
  for (const [arxivId, id] of byArxiv) if (!canonical.has(arxivId)) canonical.set(arxivId, find(id))
  const folded = new Map<string, Paper>()
  for (const [root, ids] of members) {
    const others = ids.filter((id) => id !== root).map((id) => raw.get(id) as Paper)
    folded.set(root, others.reduce(fold, raw.get(root) as Paper))
  }
  return { canonical, members, folded }
}

/** `paper` with what it lacks taken from `other`; the class keeps its earliest addition. */
function fold(paper: Paper, other: Paper): Paper {
  const titled = paper.needsMetadata && !other.needsMetadata
  const earlier = other.addedAt < paper.addedAt
  const result: Paper = {
    ...paper,
    title: titled ? other.title : paper.title,
    needsMetadata: paper.needsMetadata && other.needsMetadata,
    authors: paper.authors.length > 0 ? paper.authors : other.authors.slice(),
    abstract: paper.abstract || other.abstract,
    links: { ...other.links, ...paper.links },
    addedAt: earlier ? other.addedAt : paper.addedAt,
    addedBy: earlier ? other.addedBy : paper.addedBy,
  }
  for (const key of ['arxivId', 'doi', 'published'] as const) {
    const value = paper[key] ?? other[key]
    if (value !== undefined) result[key] = value
  }
  return result
}

/** The ids of the class `paperId` belongs to (just `[paperId]` for an unknown id). */
export function sameAs(doc: Y.Doc, paperId: string): string[] {
  const classes = paperClasses(doc)
  const root = classes.canonical.get(paperId)
  return root === undefined ? [paperId] : (classes.members.get(root) as string[])
}

/**
 * `records` by the canonical id of their paper, each paper's sorted by `order`: the one pass
 * over a map of the group that readers of every paper at once make.
 */
export function byCanonicalPaper<T extends { paperId: string }>(
  doc: Y.Doc,
  records: Iterable<T>,
  order: (a: T, b: T) => number,
): Map<string, T[]> {
  const { canonical } = paperClasses(doc)
  const by = new Map<string, T[]>()
  for (const record of records) {
    const paperId = canonical.get(record.paperId) ?? record.paperId
    const list = by.get(paperId)
    if (list) list.push(record)
    else by.set(paperId, [record])
  }
  for (const list of by.values()) list.sort(order)
  return by
}
