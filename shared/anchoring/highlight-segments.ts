/**
 * Splitting a text into runs covered by the same highlights, so that overlapping, nested and
 * touching highlights can be drawn as flat, non-nested marks. Pure, apart from UI.
 */
import { wholeCharacters } from './whole-characters'

/** A passage to mark; `key` tells the caller what it is (an annotation, a peer's selection). */
export interface HighlightRange<K> {
  key: K
  /** UTF-16 offset, inclusive. */
  start: number
  /** UTF-16 offset, exclusive. */
  end: number
}

/** A run of the text and the highlights that cover all of it, in the order they were given. */
export interface HighlightSegment<K> {
  start: number
  end: number
  text: string
  keys: K[]
}

/**
 * The text cut into consecutive segments that together are the whole text; each segment lists
 * the ranges that cover it (none for plain text). Ranges are clamped to the text and widened to
 * whole characters; ranges that are then empty, or whose offsets are not numbers, are left out
 * (deciding what to do with a highlight that does not fit is the caller's business).
 */
export function highlightSegments<K>(
  text: string,
  ranges: readonly HighlightRange<K>[],
): HighlightSegment<K>[] {
  if (text.length === 0) return []
  const usable: HighlightRange<K>[] = []
  for (const range of ranges) {
    if (!Number.isFinite(range.start) || !Number.isFinite(range.end)) continue
    const from = Math.max(0, Math.floor(range.start))
    const to = Math.min(text.length, Math.ceil(range.end))
    if (from >= to) continue
    const { start, end } = wholeCharacters(text, from, to)
    usable.push({ key: range.key, start, end })
  }
  const cuts = new Set<number>([0, text.length])
  for (const range of usable) cuts.add(range.start).add(range.end)
  const bounds = [...cuts].sort((a, b) => a - b)

  const segments: HighlightSegment<K>[] = []
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i] as number
    const end = bounds[i + 1] as number
    const keys: K[] = []
    for (const range of usable) {
      if (range.start <= start && range.end >= end && !keys.includes(range.key)) {
        keys.push(range.key)
      }
    }
    const last = segments[segments.length - 1]
    // The same key given twice over touching ranges makes one run, not two.
    if (last && sameKeys(last.keys, keys)) {
      last.end = end
      last.text = text.slice(last.start, end)
    } else {
      segments.push({ start, end, text: text.slice(start, end), keys })
    }
  }
  return segments
}

function sameKeys<K>(a: readonly K[], b: readonly K[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i])
}
