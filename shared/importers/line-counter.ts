/**
 * Line numbers for positions in a text, for the `at` of skipped items. Importers ask in order
 * of position while they scan, so counting on from the last answer keeps a large paste linear
 * instead of recounting from the start for every match.
 */

/**
 * A function from a position in `text` to its 1-based line. Positions must not decrease from
 * one call to the next.
 */
export function lineCounter(text: string): (index: number) => number {
  let line = 1
  let counted = 0
  return (index) => {
    for (
      let i = text.indexOf('\n', counted);
      i !== -1 && i < index;
      i = text.indexOf('\n', i + 1)
    ) {
      line++
    }
    counted = Math.max(counted, index)
    return line
  }
}
