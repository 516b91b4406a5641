import { createSignal, type Accessor } from 'solid-js'
import { formatCount } from '../../format/count'
import { findOnPages, type PageMatch } from './find-on-pages'

/**
 * Finding words across the pages read so far (undefined for a page not read yet): `find` moves
 * by `step` matches, tells `show` the match to bring into view, and says how it went. The same
 * words are looked for again once more pages are read, so that a match on them is not missed.
 */
export function createPageFinder(
  texts: Accessor<ReadonlyArray<string | undefined>>,
  show: (match: PageMatch) => void,
) {
  const [found, setFound] = createSignal<PageMatch>()
  let matches: PageMatch[] = []
  let searched = ''
  let searchedUnread = 0
  let at = -1

  const find = (words: string, step: 1 | -1): string => {
    if (words.trim() === '') return 'Type some words to find.'
    const known = texts()
    const unread = known.filter((text) => text === undefined).length
    if (words !== searched || unread !== searchedUnread) {
      matches = findOnPages(
        known.map((text) => text ?? ''),
        words,
      )
      searched = words
      searchedUnread = unread
      at = step === 1 ? -1 : 0
    }
    const still =
      unread === 0
        ? ''
        : ` The text of ${formatCount(unread, 'page', 'pages')} is still being read.`
    if (matches.length === 0) {
      setFound(undefined)
      return `No match for “${words.trim()}” in the PDF.${still}`
    }
    at = (at + step + matches.length) % matches.length
    const match = matches[at]
    if (!match) return ''
    setFound(match)
    show(match)
    return `Match ${at + 1} of ${matches.length}, on page ${match.page}.${still}`
  }
  return { found, setFound, find }
}
