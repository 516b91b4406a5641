/** "A, B, C et al." for long author lists; every name for short ones. */
export function formatAuthors(authors: readonly string[], shown = 3): string {
  if (authors.length <= shown + 1) return authors.join(', ')
  return `${authors.slice(0, shown).join(', ')} et al.`
}
