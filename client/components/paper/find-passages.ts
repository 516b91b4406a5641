import type { TextPositionSelector } from '../../../shared/model'

/** The text folded for matching, and the span of the original text each of its units stands for. */
interface Folded {
  text: string
  starts: number[]
  ends: number[]
}

/**
 * Lower case, each run of whitespace as one space. Folding goes a whole character at a time, so
 * a match never starts or ends inside a surrogate pair of the original text.
 */
function fold(text: string): Folded {
  const folded: Folded = { text: '', starts: [], ends: [] }
  let spaceAt = -1
  for (let at = 0; at < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(at) ?? 0)
    const end = at + char.length
    if (/\s/.test(char)) {
      if (spaceAt >= 0) folded.ends[spaceAt] = end
      else {
        spaceAt = folded.text.length
        folded.text += ' '
        folded.starts.push(at)
        folded.ends.push(end)
      }
    } else {
      spaceAt = -1
      // A lower-case form can be longer than the character (İ); each unit maps to all of it.
      for (const unit of char.toLowerCase()) {
        folded.text += unit
        for (let i = 0; i < unit.length; i++) {
          folded.starts.push(at)
          folded.ends.push(end)
        }
      }
    }
    at = end
  }
  return folded
}

/**
 * Every passage of `text` that reads as `words`, in text order and not overlapping, ignoring
 * case and counting any run of whitespace as one space (an abstract's line breaks, words pasted
 * from a PDF). None for words that are only whitespace.
 */
export function findPassages(text: string, words: string): TextPositionSelector[] {
  const wanted = fold(words.trim()).text
  if (wanted === '') return []
  const folded = fold(text)
  const found: TextPositionSelector[] = []
  for (
    let at = folded.text.indexOf(wanted);
    at >= 0;
    at = folded.text.indexOf(wanted, at + wanted.length)
  ) {
    found.push({ start: folded.starts[at] ?? 0, end: folded.ends[at + wanted.length - 1] ?? 0 })
  }
  return found
}
