// The app speaks English, so places are English ordinals whatever the reader's locale.
const ordinals = new Intl.PluralRules('en', { type: 'ordinal' })
const SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' }

/** "1st", "2nd", "3rd", "11th". */
export function ordinal(place: number): string {
  return `${place}${SUFFIX[ordinals.select(place)] ?? 'th'}`
}

/** "2nd", or "tied 2nd" for a place that several candidates share. */
export function placeText(place: number, tied: boolean): string {
  return tied ? `tied ${ordinal(place)}` : ordinal(place)
}

/**
 * The short label of the candidate at `index` in the round's order: A to Z, then AA, AB…
 * Stable while ballots change, so a member can learn which paper is "C" in the tables.
 */
export function candidateLabel(index: number): string {
  let label = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    label = String.fromCharCode(65 + ((n - 1) % 26)) + label
  }
  return label
}
