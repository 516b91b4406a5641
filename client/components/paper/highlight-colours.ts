/** The colours a member may highlight in, and how a highlight is painted. */

/** A highlight colour with a name for screen readers. */
export interface HighlightColour {
  name: string
  /** `#rrggbb`. */
  value: string
}

/** The colour offered first to a member who has none yet. */
export const DEFAULT_HIGHLIGHT = '#e6b800'

const PALETTE: readonly HighlightColour[] = [
  { name: 'Yellow', value: DEFAULT_HIGHLIGHT },
  { name: 'Green', value: '#2ca02c' },
  { name: 'Pink', value: '#e377c2' },
  { name: 'Blue', value: '#1f77b4' },
  { name: 'Orange', value: '#ff7f0e' },
]

const HEX = /^#[0-9a-f]{6}$/i
const GREY = '#888888'

/** Five swatches: the member's own colour first, then four others of the palette. */
export function highlightColours(mine: string | undefined): HighlightColour[] {
  const own = mine && HEX.test(mine) ? mine.toLowerCase() : undefined
  const others = PALETTE.filter((colour) => colour.value !== own)
  return own ? [{ name: 'Your colour', value: own }, ...others.slice(0, 4)] : others.slice(0, 5)
}

/**
 * A translucent background in `colour` (a member's choice, so checked), darker the more
 * highlights overlap, so that overlaps show and text stays readable in light and dark themes.
 */
export function highlightBackground(colour: string, depth: number): string {
  const hex = HEX.test(colour) ? colour : GREY
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16))
  const alpha = Math.min(0.28 + 0.14 * (Math.max(1, depth) - 1), 0.6)
  return `rgb(${r} ${g} ${b} / ${alpha.toFixed(2)})`
}

/** A member colour fit for a border or an outline. */
export function safeColour(colour: string): string {
  return HEX.test(colour) ? colour : GREY
}
