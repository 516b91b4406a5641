/** Offsets that never fall between the two halves of a surrogate pair (an emoji, a math letter). */
import type { TextPositionSelector } from '../model/types'

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** True when `offset` falls inside a surrogate pair of `text`. */
export function splitsCharacter(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHigh(text.charCodeAt(offset - 1)) &&
    isLow(text.charCodeAt(offset))
  )
}

/**
 * `start`-`end` clamped to the text and widened to whole characters: a start inside a surrogate
 * pair moves back to the pair, an end inside one moves past it.
 */
export function wholeCharacters(text: string, start: number, end: number): TextPositionSelector {
  let from = Math.min(Math.max(0, start), text.length)
  let to = Math.min(Math.max(0, end), text.length)
  if (splitsCharacter(text, from)) from--
  if (splitsCharacter(text, to)) to++
  return { start: from, end: to }
}
