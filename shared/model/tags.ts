/**
 * Tags on papers. A tag is lower case, its whitespace collapsed, so that "RLHF" and " rlhf " are
 * one tag for the whole group. One entry per paper and tag, keyed `paperId + SEP + tag`, so two
 * members adding the same tag concurrently make one tag, not two.
 */
import type * as Y from 'yjs'
import { pairKey, roots, splitPairKey } from './keys'
import { ValidationError } from './errors'
import { writer } from './members'
import { requirePaper } from './papers'
import { paperClasses, sameAs } from './same-paper'
import * as v from './validate'
import { asTime } from './time'
import type { Actor, PaperTag } from './types'

/** The canonical form of a tag, or a ValidationError. */
export function normalizeTag(tag: unknown): string {
  const clean = v.text('tag', tag, { max: v.LIMITS.tag * 2 }).toLowerCase()
  // Checked after lower-casing, which can lengthen a string ('İ' becomes two code units).
  if (clean.length > v.LIMITS.tag) {
    throw new ValidationError('tag', `A tag may be at most ${v.LIMITS.tag} characters`)
  }
  if (clean.startsWith('#')) throw new ValidationError('tag', 'Write a tag without a leading #')
  return clean
}

/** A stored tag value as PaperTag fields, or undefined. */
export function asTag(tag: string, value: unknown): PaperTag | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { addedBy, addedAt } = value as Record<string, unknown>
  if (typeof addedBy !== 'string' || typeof addedAt !== 'number') return undefined
  return { tag, addedBy, addedAt: asTime(addedAt) ?? 0 }
}

/** A paper's tags (made on any record of it), alphabetically, each with its first tagger. */
export function tagsOf(doc: Y.Doc, paperId: string): PaperTag[] {
  const ids = new Set(sameAs(doc, paperId))
  const found = new Map<string, PaperTag>()
  roots(doc).tags.forEach((value, key) => {
    const parts = splitPairKey(key)
    const tag = parts && ids.has(parts[0]) ? asTag(parts[1], value) : undefined
    const seen = tag && found.get(tag.tag)
    if (tag && (!seen || tag.addedAt < seen.addedAt)) found.set(tag.tag, tag)
  })
  return [...found.values()].sort((a, b) => a.tag.localeCompare(b.tag))
}

/** Every tag of the group with the number of papers that carry it, most used first. */
export function tagCounts(doc: Y.Doc): Array<{ tag: string; count: number }> {
  const { canonical } = paperClasses(doc)
  const papersBy = new Map<string, Set<string>>()
  roots(doc).tags.forEach((value, key) => {
    const parts = splitPairKey(key)
    const paper = parts && canonical.get(parts[0])
    if (!parts || !paper || !asTag(parts[1], value)) return
    const papers = papersBy.get(parts[1]) ?? new Set<string>()
    papersBy.set(parts[1], papers.add(paper))
  })
  return [...papersBy]
    .map(([tag, papers]) => ({ tag, count: papers.size }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
}

/** Tags a paper; tagging it again with the same tag keeps the first tagger. Returns the tag. */
export function addTag(doc: Y.Doc, actor: Actor, paperId: string, tag: string): PaperTag {
  const by = writer(doc, actor)
  const paper = requirePaper(doc, paperId)
  const name = normalizeTag(tag)
  const there = tagsOf(doc, paper.id).find((t) => t.tag === name)
  if (there) return there
  const key = pairKey(paper.id, name)
  doc.transact(() => roots(doc).tags.set(key, { addedBy: by.memberId, addedAt: by.now }))
  return { tag: name, addedBy: by.memberId, addedAt: by.now }
}

/** Takes a tag off a paper, whoever added it. Returns whether it was there. */
export function removeTag(doc: Y.Doc, actor: Actor, paperId: string, tag: string): boolean {
  writer(doc, actor)
  const paper = requirePaper(doc, paperId)
  const name = normalizeTag(tag)
  const { tags } = roots(doc)
  const keys = sameAs(doc, paper.id)
    .map((id) => pairKey(id, name))
    .filter((key) => tags.has(key))
  if (keys.length === 0) return false
  doc.transact(() => keys.forEach((key) => tags.delete(key)))
  return true
}
