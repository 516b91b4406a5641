import { findPassages } from '../paper/find-passages'

/** A passage found on a page: offsets into that page's text. */
export interface PageMatch {
  page: number
  start: number
  end: number
}

/** Every passage of the pages' texts (page 1 first) that reads as `words`, in reading order. */
export function findOnPages(pages: readonly string[], words: string): PageMatch[] {
  return pages.flatMap((text, index) =>
    findPassages(text, words).map((passage) => ({ page: index + 1, ...passage })),
  )
}
