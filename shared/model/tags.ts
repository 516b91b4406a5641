/**
 * Tags on papers. A tag is lower case, its whitespace collapsed, so that "RLHF" and " rlhf " are
 * one tag for the whole group. One entry per paper and tag, keyed `paperId + SEP + tag`, so two
 * members adding the same tag concurrently make one tag, not two. A renamed or merged tag keeps
 * its records under the old name; readers show them under the new one (see tag-aliases.ts).
 */
import type * as Y from 'yjs'
import { pairKey, roots, splitPairKey } from './keys'
import { NotFoundError, ValidationError } from './errors'
import { writer } from './members'
import { requirePaper } from './papers'
import { paperClasses, sameAs } from './same-paper'
import { resolverOf } from './tag-aliases'
import { normalizeTag } from './tag-name'
import { asTime } from './time'
import type { Actor, PaperTag } from './types'

export { normalizeTag } from './tag-name'

/** A stored tag value as PaperTag fields, or undefined. */
export function asTag(tag: string, value: unknown): PaperTag | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { addedBy, addedAt } = value as Record<string, unknown>
  if (typeof addedBy !== 'string' || typeof addedAt !== 'number') return undefined
  return { tag, addedBy, addedAt: asTime(addedAt) ?? 0 }
}

/**
 * A paper's tags (made on any record of it, under any name that resolves to them),
 * alphabetically, each with its first tagger.
 */
export function tagsOf(doc: Y.Doc, paperId: string): PaperTag[] {
  const ids = new Set(sameAs(doc, paperId))
  const resolve = resolverOf(doc)
  const found = new Map<string, PaperTag>()
  roots(doc).tags.forEach((value, key) => {
    const parts = splitPairKey(key)
    const tag = parts && ids.has(parts[0]) ? asTag(resolve(parts[1]), value) : undefined
    const seen = tag && found.get(tag.tag)
    if (tag && (!seen || firstTagger(tag, seen) === tag)) found.set(tag.tag, tag)
  })
  return [...found.values()].sort((a, b) => a.tag.localeCompare(b.tag))
}

/**
 * Of two taggings of a paper with one tag (under two names, or on two records of the paper), the
 * one that counts as first: the earlier, and on equal times the smaller member id, so that every
 * replica picks the same whatever its map order.
 */
function firstTagger(a: PaperTag, b: PaperTag): PaperTag {
  if (a.addedAt !== b.addedAt) return a.addedAt < b.addedAt ? a : b
  return a.addedBy <= b.addedBy ? a : b
}

/** Every tag of the group with the number of papers that carry it, most used first. */
export function tagCounts(doc: Y.Doc): Array<{ tag: string; count: number }> {
  const { canonical } = paperClasses(doc)
  const resolve = resolverOf(doc)
  const papersBy = new Map<string, Set<string>>()
  roots(doc).tags.forEach((value, key) => {
    const parts = splitPairKey(key)
    const paper = parts && canonical.get(parts[0])
    if (!parts || !paper || !asTag(parts[1], value)) return
    const tag = resolve(parts[1])
    const papers = papersBy.get(tag) ?? new Set<string>()
    papersBy.set(tag, papers.add(paper))
  })
  return [...papersBy]
    .map(([tag, papers]) => ({ tag, count: papers.size }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
}

/**
 * Tags a paper; tagging it again with the same tag keeps the first tagger. An old name of a
 * renamed tag tags it with the new name. Returns the tag.
 */
export function addTag(doc: Y.Doc, actor: Actor, paperId: string, tag: string): PaperTag {
  const by = writer(doc, actor)
  const paper = requirePaper(doc, paperId)
  const name = resolverOf(doc)(normalizeTag(tag))
  const there = tagsOf(doc, paper.id).find((t) => t.tag === name)
  if (there) return there
  const key = pairKey(paper.id, name)
  doc.transact(() => roots(doc).tags.set(key, { addedBy: by.memberId, addedAt: by.now }))
  return { tag: name, addedBy: by.memberId, addedAt: by.now }
}

/**
 * Takes a tag off a paper, whoever added it and under whichever name (old names of a renamed tag
 * included). Returns whether it was there.
 */
export function removeTag(doc: Y.Doc, actor: Actor, paperId: string, tag: string): boolean {
  writer(doc, actor)
  const paper = requirePaper(doc, paperId)
  const resolve = resolverOf(doc)
  const name = resolve(normalizeTag(tag))
  const ids = new Set(sameAs(doc, paper.id))
  const { tags } = roots(doc)
  const keys: string[] = []
  tags.forEach((_, key) => {
    const parts = splitPairKey(key)
    if (parts && ids.has(parts[0]) && resolve(parts[1]) === name) keys.push(key)
  })
  if (keys.length === 0) return false
  doc.transact(() => keys.forEach((key) => tags.delete(key)))
  return true
}

/**
 * Renames a tag the group uses, on every paper, as one change; renaming it to a tag that exists
 * merges the two. `to` may be an old name of `from` (renaming back), which makes it a name again.
 * Records keep their stored names: the rename is an alias readers resolve, so a paper tagged
 * with the old name on a device that has not seen the rename shows the new name once synced.
 * Returns the name the tag now shows as.
 */
export function renameTag(doc: Y.Doc, actor: Actor, from: string, to: string): string {
  const by = writer(doc, actor)
  const old = normalizeTag(from, 'from')
  const wanted = normalizeTag(to, 'to')
  if (old === wanted) throw new ValidationError('to', 'The new name is the same as the old one')
  if (!tagCounts(doc).some((t) => t.tag === old)) throw new NotFoundError('tag', old, 'from')
  const target = resolverOf(doc)(wanted)
  // `wanted` is an old name of this very tag: it becomes the name again, and dropping its alias
  // keeps the two from pointing at each other.
  const back = target === old
  const name = back ? wanted : target
  const { tagAliases } = roots(doc)
  doc.transact(() => {
    if (back) tagAliases.delete(wanted)
    tagAliases.set(old, { to: name, by: by.memberId, at: by.now })
  })
  return name
}
