import { OFFSET_IGNORE } from '../../data/selection-offsets'

/** The point `offset` units into the text rendered inside `root`, skipping ignored labels. */
function pointAt(root: Node, offset: number, atEnd: boolean): [Text, number] | undefined {
  const document = root.ownerDocument ?? (root as Document)
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  let seen = 0
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest(`[${OFFSET_IGNORE}]`)) continue
    const text = node as Text
    // A start on the boundary of two nodes goes in the second, an end in the first, so that the
    // range holds no empty piece of a neighbouring mark.
    if (offset < seen + text.length || (atEnd && offset === seen + text.length)) {
      return [text, offset - seen]
    }
    seen += text.length
  }
  return undefined
}

/**
 * The DOM range over `start`..`end` of the text rendered inside `root`: the inverse of
 * selectionOffsets (client/data/selection-offsets.ts), counting the same text.
 */
export function textRange(root: Node, start: number, end: number): Range | undefined {
  const from = pointAt(root, start, false)
  const to = pointAt(root, end, true)
  if (!from || !to || start >= end) return undefined
  const range = (root.ownerDocument ?? (root as Document)).createRange()
  range.setStart(...from)
  range.setEnd(...to)
  return range
}
