import type { LibraryItem } from '../../data/create-library'

/** Case- and accent-insensitive form of a text, for matching what a member types. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase()
}

/**
 * The library papers whose title or authors hold every word of `text` (all of them for an empty
 * text), in the library's order, leaving out `excluded`.
 */
export function filterPapers(
  papers: readonly LibraryItem[],
  text: string,
  excluded: ReadonlySet<string> = new Set(),
): LibraryItem[] {
  const words = fold(text).split(/\s+/u).filter(Boolean)
  return papers.filter((item) => {
    if (excluded.has(item.id)) return false
    if (words.length === 0) return true
    const haystack = fold(`${item.paper.title} ${item.paper.authors.join(' ')}`)
    return words.every((word) => haystack.includes(word))
  })
}
